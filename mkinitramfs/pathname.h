/* mkinitramfs/pathname.h: lexical operations on absolute paths (no file
 * system access): where a symbolic link or a $ORIGIN path points in the image,
 * whose directories are real directories. */
#ifndef MKINITRAMFS_PATHNAME_H
#define MKINITRAMFS_PATHNAME_H
#include <stddef.h>

/* Writes path, or dir/path when path is relative, with "." and empty
 * components removed and each ".." taking away the one before it (at "/"
 * it stays at "/", as the kernel does). dir must be absolute. Returns 0,
 * -EINVAL (dir not absolute, path empty) or -ENAMETOOLONG (size too small). */
int pathname_resolve(const char *dir, const char *path, char *out, size_t size);

/* Writes the directory part of an absolute path: "/a/b" -> "/a", "/a" -> "/".
 * Returns 0, -EINVAL (not absolute) or -ENAMETOOLONG. */
int pathname_dirname(const char *path, char *out, size_t size);

#endif
