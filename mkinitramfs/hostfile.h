/* mkinitramfs/hostfile.h: a file of the build host into the manifest,
 * with the symbolic links it is reached through.
 *
 * /lib64/ld-linux-x86-64.so.2, a link to /lib/x86_64-linux-gnu/ld-linux-x86-64.so.2,
 * goes in as that link (its text unchanged) and the file at its target, so
 * the path the program names works in the image. A relative link
 * (libext2fs.so.2 -> libext2fs.so.2.4) is followed from the link's directory,
 * both on the host and in the image, where every directory is a real one.
 * Each regular file's source is its canonical host path (realpath), its mode
 * 0755 when the host's is executable, else 0644. An identical entry already
 * there is no error: libraries shared by several programs go in once.
 */
#ifndef MKINITRAMFS_HOSTFILE_H
#define MKINITRAMFS_HOSTFILE_H
#include "manifest.h"

#define HOSTFILE_MAX_LINKS 40 /* as the kernel's limit on links in one lookup */

/* Adds the host's host_path at image_path (with any missing parent
 * directories). Returns 0 or -errno: lstat's, readlink's or realpath's error,
 * -ELOOP (too many links), -EISDIR or -EINVAL (the end is no regular file,
 * a link's text is no valid image path), -EEXIST (another entry is at one of
 * the paths), -ENOTDIR (a parent is no directory in the image), -ENOMEM. */
int hostfile_add(struct manifest *m, const char *image_path, const char *host_path);

#endif
