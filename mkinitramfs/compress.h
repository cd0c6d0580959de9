/* mkinitramfs/compress.h: the external compressor.
 *
 * Methods and commands (each deterministic, each one the Debian kernel unpacks):
 *   zstd  zstd -q -9 --long=24 -T0 -B24M   (level 9: the default image 1%
 *         larger than at 12 in a third of the time, 11% larger than at 19 in
 *         a twentieth, and unpacked as fast; a 16 MiB window, so matches
 *         reach across an archive; the kernel's unpacker allocates the window
 *         it is told. An archive over 24 MiB is cut into 24 MiB jobs compressed on
 *         every core; the jobs are cut at the same places whatever the number
 *         of threads, so the bytes are the same on every machine)
 *   xz    xz -q --check=crc32 -6 -T1   (the kernel's xz checks only CRC32)
 *   gzip  gzip -q -n -9     (-n: no name, no time stamp)
 *   lz4   lz4 -q -l -9      (-l: the legacy frame the kernel reads)
 *   none  the cpio archive as it is
 * Each reads its standard input and writes its standard output; several may
 * run at once (one archive each).
 */
#ifndef MKINITRAMFS_COMPRESS_H
#define MKINITRAMFS_COMPRESS_H
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* Whether method is one of the names above. */
bool compress_method_known(const char *method);

/* The method's command, NULL-terminated; NULL for "none" or an unknown method. */
const char *const *compress_argv(const char *method);

/* Starts the method's compressor reading in_fd and writing out_fd (both stay
 * the caller's). 0, -EINVAL (unknown, or "none"), or -errno (-ENOENT: the
 * program is not installed). */
int compress_spawn(const char *method, int in_fd, int out_fd, pid_t *pid);

/* Waits for a compressor. 0, -errno, or -EIO when it did not exit with
 * status 0 (*status, its wait status, tells how). */
int compress_wait(pid_t pid, int *status);

/* What the compressor prints about its version (zstd -V, xz --version, ...),
 * at most size - 1 bytes and a NUL. 0, -EINVAL ("none"), -EIO, or -errno. */
int compress_version(const char *method, char *out, size_t size);

#endif
