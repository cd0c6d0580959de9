/* mkinitramfs/kerneltree.h: where the kernel's modules are, for a kernel
 * that need not be the running one.
 *
 *   --kernel-tree ROOT   an unpacked kernel package or a root file system:
 *                        modules in ROOT/lib/modules/KVER, else
 *                        ROOT/usr/lib/modules/KVER (default ROOT: /)
 *   --modules-tree DIR   the modules directory itself (DIR/kernel, ...);
 *                        KVER defaults to its last component
 *
 * Without --kver, KVER is the only kernel ROOT has, or on / the running one.
 * A tree without modules.dep (Debian's packages ship none) is indexed with
 * `depmod -b` in a scratch directory of links to it, removed afterwards; the
 * module files are still read from the tree.
 */
#ifndef MKINITRAMFS_KERNELTREE_H
#define MKINITRAMFS_KERNELTREE_H
#include <limits.h>

#include "strlist.h"

struct kerneltree {
	char kver[256];
	char root[PATH_MAX];        /* ROOT, or the root the modules directory is in, or "" */
	char modules_dir[PATH_MAX]; /* the module files: ROOT/lib/modules/KVER, ... */
	char index_dir[PATH_MAX];   /* modules.dep and the other indexes */
	char scratch[PATH_MAX];     /* the depmod scratch directory, "" when none */
};

/* What failed, for the caller's one message: "<action> <path>: <strerror>"
 * or, with a detail, "<action> <path>: <detail>". */
struct kerneltree_problem {
	const char *action;
	char path[PATH_MAX];
	char detail[512];
};

/* Finds KVER and the modules directory (root and modules_tree may be NULL,
 * not both given). Returns 0, -ENOENT (no modules directory for KVER),
 * -EINVAL (no single KVER to take: detail says which there are), or -errno. */
int kerneltree_locate(struct kerneltree *t, const char *root, const char *modules_tree,
		      const char *kver, struct kerneltree_problem *problem);

/* Sets index_dir: the modules directory when it has modules.dep, else a
 * scratch directory indexed by `depmod -b` (*ran_depmod set). Returns 0,
 * -EIO (depmod failed: detail says how) or -errno. */
int kerneltree_index(struct kerneltree *t, int *ran_depmod, struct kerneltree_problem *problem);

/* The firmware directories to look in, existing ones only, each once, as
 * absolute paths without links: ROOT/lib/firmware, ROOT/usr/lib/firmware,
 * then the host's /lib/firmware. 0 or -ENOMEM. */
int kerneltree_firmware_dirs(const struct kerneltree *t, struct strlist *dirs);

/* Removes the scratch directory, if any. */
void kerneltree_cleanup(struct kerneltree *t);

#endif
