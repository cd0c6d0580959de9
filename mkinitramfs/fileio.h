/* mkinitramfs/fileio.h: reading a whole file from the build host. */
#ifndef MKINITRAMFS_FILEIO_H
#define MKINITRAMFS_FILEIO_H
#include <stddef.h>

/* Reads the file into a new buffer (NUL-terminated; *size excludes the NUL).
 * Returns 0, -errno, or -EFBIG when it is larger than max bytes. */
int read_whole_file(const char *path, size_t max, char **data, size_t *size);

#endif
