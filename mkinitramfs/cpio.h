/* mkinitramfs/cpio.h: the "newc" cpio writer the kernel unpacks an initramfs from.
 *
 * Pure: the archive goes to a callback (cpio_stdio_sink writes to a FILE*).
 * Reproducible by construction: entries are written sorted by path with every
 * parent before its children whatever order they are given in, inode numbers
 * follow the output order, every mtime is the one given, uid and gid are 0,
 * a directory's nlink is 2 plus its subdirectories, device numbers come from
 * the entries (no mknod, no root needed). Headers, names and data are padded
 * to 4 bytes and the archive ends with the TRAILER!!! entry.
 */
#ifndef MKINITRAMFS_CPIO_H
#define MKINITRAMFS_CPIO_H
#include <stddef.h>
#include <stdbool.h>
#include <stdint.h>

#define CPIO_PATH_MAX 4096

enum cpio_type { CPIO_DIR, CPIO_FILE, CPIO_SYMLINK, CPIO_CHAR_DEV, CPIO_BLOCK_DEV };

struct cpio_entry {
	const char *path;      /* in the image, absolute: "/dev/console" */
	enum cpio_type type;
	unsigned mode;         /* permission bits (07777): 0600 */
	unsigned major, minor; /* device nodes */
	const char *target;    /* symlinks */
	const void *data;      /* regular files: the whole content */
	size_t size;
	unsigned segment;      /* cpio_write_segment: the archive it goes in */
};

/* Receives the archive's bytes; returns 0 or -errno. */
typedef int (*cpio_sink)(void *ctx, const void *buf, size_t len);

/* A cpio_sink for a FILE* (the ctx). */
int cpio_stdio_sink(void *file, const void *buf, size_t len);

/* Writes the archive of n entries. Returns 0, the sink's -errno, -ENOMEM, or
 * -EINVAL (a path that is not absolute and clean: empty, ".", ".." components,
 * control characters, longer than CPIO_PATH_MAX; or a symlink without a target),
 * -ENOENT (no directory entry for a parent), -EEXIST (a path twice),
 * -EFBIG (a file of 4 GiB or more); *failed (when not NULL) then names the
 * entry's path, or is NULL when no one entry is at fault. */
int cpio_write(const struct cpio_entry *entries, size_t n, uint32_t mtime,
	       cpio_sink sink, void *ctx, const char **failed);

/* Writes the entries whose segment is the given one as an archive of their
 * own (with its own TRAILER!!!): an initramfs may be several archives one
 * after the other, each compressed on its own, which the kernel unpacks in
 * order into the same root. The checks are those of cpio_write, across all n
 * entries, plus one: an entry's parent directory must be in its segment or an
 * earlier one (the kernel makes no missing parents: it would drop the entry),
 * else -ENOENT. A directory's nlink counts its subdirectories in every
 * segment. Inode numbers are unique across the segments: the last segment's
 * entries get 1, 2, ... in archive order, then the one before it continues,
 * and so on; so the last segment's bytes depend on its own entries only, and
 * those of every segment are the same whatever the others hold but their sizes.
 * Returns as cpio_write does. */
int cpio_write_segment(const struct cpio_entry *entries, size_t n, uint32_t mtime,
		       unsigned segment, cpio_sink sink, void *ctx, const char **failed);

/* The archive order of two paths: by component, so "/a" < "/a/b" < "/a-b". */
int cpio_path_compare(const char *a, const char *b);

/* Whether the path is absolute and clean, as cpio_write requires. */
bool cpio_path_ok(const char *path);

/* The mtime from SOURCE_DATE_EPOCH's value: 0 when value is NULL or empty,
 * -EINVAL when it is not a decimal number, -ERANGE past 2^32-1. */
int cpio_mtime_from_epoch(const char *value, uint32_t *mtime);

#endif
