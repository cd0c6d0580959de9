/* mkinitramfs/output.h: turning the manifest into the image file.
 *
 * The file contents are read from their sources. The image is the manifest's
 * segments (manifest.h: HEAD, PROGRAMS, MODULES), each a cpio archive of its own
 * compressed on its own, one after the other, as the kernel unpacks them
 * (Documentation/driver-api/early-userspace/buffer-format.rst). A segment's
 * compressed bytes come from the cache (segcache.h) when it has them, else
 * from the compressor, the segments that miss compressed at once, each by its
 * own process; the image is the same bytes either way. It is written to
 * OUT.tmp, renamed to OUT only when every step succeeded (removed otherwise).
 */
#ifndef MKINITRAMFS_OUTPUT_H
#define MKINITRAMFS_OUTPUT_H
#include <stddef.h>
#include <stdint.h>

#include "manifest.h"

/* What failed, for the caller's one message: "<action> <path>: <strerror>". */
struct output_problem {
	const char *action; /* "cannot read", "cannot start", ... */
	char path[4200];
};

struct output_settings {
	const char *method;    /* see compress.h */
	const char *cache_dir; /* NULL: no cache */
	uint32_t mtime;        /* of every entry */
};

/* What came from where, for the caller's notes. */
struct output_stats {
	size_t segments, from_cache, compressed, damaged;
	int cache_err;         /* the cache could not be used: -errno, else 0 */
	const char *cache_action; /* what failed with it: "cannot store in", ... */
	size_t bytes[MANIFEST_SEGMENTS]; /* each segment's compressed size */
};

/* Reads every file entry's source into its data. 0 or -errno. */
int output_load_sources(struct manifest *m, struct output_problem *problem);

/* Writes the image of m to out. 0 or -errno (-EIO: the compressor failed).
 * A cache that cannot be read or written is no error: stats says so. */
int output_write_image(const char *out, const struct manifest *m,
		       const struct output_settings *settings, struct output_stats *stats,
		       struct output_problem *problem);

#endif
