/* mkinitramfs/output.h: turning the manifest into the image file.
 *
 * The file contents are read from their sources, the archive is written
 * through the compressor to OUT.tmp, which is renamed to OUT only when every
 * step succeeded (and removed otherwise).
 */
#ifndef MKINITRAMFS_OUTPUT_H
#define MKINITRAMFS_OUTPUT_H
#include <stdint.h>

#include "manifest.h"

/* What failed, for the caller's one message: "<action> <path>: <strerror>". */
struct output_problem {
	const char *action; /* "cannot read", "cannot start", ... */
	char path[4200];
};

/* Reads every file entry's source into its data. 0 or -errno. */
int output_load_sources(struct manifest *m, struct output_problem *problem);

/* Writes the archive of m, every mtime set to mtime, compressed with method
 * (see compress.h), to out. 0 or -errno (-EIO: the compressor failed). */
int output_write_image(const char *out, const struct manifest *m, uint32_t mtime,
		       const char *method, struct output_problem *problem);

#endif
