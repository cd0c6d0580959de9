/* mkinitramfs/fileio.h: reading a whole file from the build host. */
#ifndef MKINITRAMFS_FILEIO_H
#define MKINITRAMFS_FILEIO_H
#include <stddef.h>

/* Reads the file into a new buffer (NUL-terminated; *size excludes the NUL).
 * Returns 0, -errno, or -EFBIG when it is larger than max bytes. */
int read_whole_file(const char *path, size_t max, char **data, size_t *size);

/* Reads until the end, whatever the size stat gives (/proc files say 0).
 * Returns 0, -errno, or -EFBIG past max bytes. NUL-terminated as above. */
int read_file_to_eof(const char *path, size_t max, char **data, size_t *size);
/* The same from an open file descriptor (a pipe), which stays open. */
int read_fd_to_eof(int fd, size_t max, char **data, size_t *size);

#endif
