/* mkinitramfs/image.h: what the initramfs holds, as a manifest.
 *
 *   /init                         the given binary, 0755
 *   /bin /dev /etc /lib /lib/modules /proc /root /run /sbin /sys /tmp
 *   /dev/console (c 5 1, 0600), /dev/null (c 1 3, 0666)
 *   /etc/initrd-release           os-release format, says it is an initrd
 *   /lib/modules/KVER/PATH        each module of the set, PATH as in modules.dep
 *   /lib/modules/KVER/modules.{dep,alias,softdep}   restricted to those modules
 *   /etc/liveinit/modules.boot    the boot modules, in load order
 *   programs (--add-binary PATH[:DEST]) at DEST, each with its interpreter and
 *     libraries at the paths they were found at (see bindeps.h, hostfile.h)
 *   extra files (--add-file SRC:DEST)
 * Busybox, e2fsck and the rest come from build hooks (hooks/build/), added
 * with image_add_file and image_add_binary.
 */
#ifndef MKINITRAMFS_IMAGE_H
#define MKINITRAMFS_IMAGE_H
#include <stdbool.h>
#include <stddef.h>

#include "bindeps.h"
#include "manifest.h"
#include "modset.h"

struct image_extra {
	const char *source; /* on the build host */
	const char *dest;   /* in the image, absolute */
};

struct image_spec {
	const char *kver;        /* the kernel release: "6.1.0-57-amd64" */
	const char *modules_dir; /* on the build host: TREE/lib/modules/KVER */
	const struct modset *modules;
	const char *init;        /* on the build host */
	const char *version;     /* VERSION_ID of /etc/initrd-release */
	const struct bindeps *binaries; /* programs, resolved with what they need */
	size_t nbinaries;
	const struct image_extra *extras;
	size_t nextras;
};

/* Whether s is a kernel release: one path component of [A-Za-z0-9._+-]. */
bool image_kver_ok(const char *kver);

/* Whether s may be VERSION_ID: 0-9, a-z, '.', '_', '-', not empty. */
bool image_version_ok(const char *s);

/* Builds the manifest (sorted, parents first). File sources are not read, but
 * extras and programs are stat'ed for their mode (0755 when executable, else
 * 0644), and the links to libraries and interpreters followed.
 * Returns 0 or -errno; *failed then names the path (in the image, or an
 * extra's source) at fault, or NULL. */
int image_build(struct manifest *m, const struct image_spec *spec, const char **failed);

/* The host's regular file source (links followed) at dest, with any missing
 * parents; mode -1: 0755 when the host file is executable, else 0644. An
 * identical entry there already is no error. 0 or -errno (-EISDIR, -EINVAL
 * for a source that is no regular file or a bad dest, -EEXIST for another
 * entry at dest); *failed names the path at fault. */
int image_add_file(struct manifest *m, const char *source, const char *dest, int mode,
		   const char **failed);

/* A resolved program at its place, its interpreter and libraries at theirs,
 * with the links that name them. 0 or -errno as above. */
int image_add_binary(struct manifest *m, const struct bindeps *b, const char **failed);

#endif
