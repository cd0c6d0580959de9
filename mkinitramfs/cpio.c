/* mkinitramfs/cpio.c: the newc cpio writer (see cpio.h). */
#include "cpio.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define NEWC_HEADER_SIZE 110
#define TRAILER_NAME "TRAILER!!!"

int cpio_stdio_sink(void *file, const void *buf, size_t len)
{
	if (len && fwrite(buf, 1, len, file) != len)
		return errno ? -errno : -EIO;
	return 0;
}

/* ---------- paths ---------- */

static int path_rank(unsigned char c)
{
	if (c == '\0')
		return 0;
	return c == '/' ? 1 : c + 1;
}

int cpio_path_compare(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return path_rank((unsigned char)*a) - path_rank((unsigned char)*b);
}

static bool is_dot_component(const char *component, size_t len)
{
	return (len == 1 && component[0] == '.') ||
	       (len == 2 && component[0] == '.' && component[1] == '.');
}

bool cpio_path_ok(const char *path)
{
	size_t len, start = 1;

	if (!path || path[0] != '/')
		return false;
	len = strlen(path);
	if (len < 2 || len >= CPIO_PATH_MAX)
		return false;
	for (size_t i = 1; i <= len; i++) {
		if (i < len && (unsigned char)path[i] < 0x20)
			return false;
		if (i < len && path[i] != '/')
			continue;
		if (i == start || is_dot_component(path + start, i - start))
			return false;
		start = i + 1;
	}
	return true;
}

int cpio_mtime_from_epoch(const char *value, uint32_t *mtime)
{
	unsigned long long seconds = 0;

	*mtime = 0;
	if (!value || !*value)
		return 0;
	for (const char *p = value; *p; p++) {
		if (*p < '0' || *p > '9')
			return -EINVAL;
		seconds = seconds * 10 + (unsigned)(*p - '0');
		if (seconds > UINT32_MAX)
			return -ERANGE;
	}
	*mtime = (uint32_t)seconds;
	return 0;
}

/* ---------- ordering and links ---------- */

static int compare_entry_paths(const void *a, const void *b)
{
	const struct cpio_entry *const *ea = a, *const *eb = b;

	return cpio_path_compare((*ea)->path, (*eb)->path);
}

static int compare_path_to_entry(const void *key, const void *elem)
{
	const struct cpio_entry *const *e = elem;

	return cpio_path_compare(key, (*e)->path);
}

/* Position of the parent directory of sorted[i] in sorted, -1 for a top-level
 * entry, -2 when the parent is missing or not a directory. */
static long parent_position(const struct cpio_entry **sorted, size_t n, size_t i)
{
	char parent[CPIO_PATH_MAX];
	const char *slash = strrchr(sorted[i]->path, '/');
	const struct cpio_entry **found;
	size_t len = (size_t)(slash - sorted[i]->path);

	if (len == 0)
		return -1;
	memcpy(parent, sorted[i]->path, len);
	parent[len] = '\0';
	found = bsearch(parent, sorted, n, sizeof(*sorted), compare_path_to_entry);
	if (!found || (*found)->type != CPIO_DIR)
		return -2;
	return (long)(found - sorted);
}

static bool entry_ok(const struct cpio_entry *e)
{
	if (!cpio_path_ok(e->path) || e->type > CPIO_BLOCK_DEV)
		return false;
	if (e->type == CPIO_SYMLINK)
		return e->target && *e->target;
	return e->type != CPIO_FILE || e->data || e->size == 0;
}

static int entry_size_ok(const struct cpio_entry *e)
{
	size_t size = e->type == CPIO_FILE ? e->size
		      : e->type == CPIO_SYMLINK ? strlen(e->target) : 0;

	return size <= UINT32_MAX ? 0 : -EFBIG;
}

static int validate(const struct cpio_entry *entries, size_t n, const char **failed)
{
	for (size_t i = 0; i < n; i++) {
		int err = entry_ok(&entries[i]) ? entry_size_ok(&entries[i]) : -EINVAL;

		if (err) {
			*failed = entries[i].path;
			return err;
		}
	}
	return 0;
}

/* Sorts, checks for duplicates and missing parents (and, when segmented, a
 * parent in a later segment than its child), counts directory links. */
static int sort_and_link(const struct cpio_entry **sorted, size_t n, bool segmented,
			 uint32_t *nlink, const char **failed)
{
	qsort(sorted, n, sizeof(*sorted), compare_entry_paths);
	for (size_t i = 0; i < n; i++)
		nlink[i] = sorted[i]->type == CPIO_DIR ? 2 : 1;
	for (size_t i = 0; i < n; i++) {
		long parent;

		*failed = sorted[i]->path;
		if (i > 0 && cpio_path_compare(sorted[i - 1]->path, sorted[i]->path) == 0)
			return -EEXIST;
		parent = parent_position(sorted, n, i);
		if (parent == -2 ||
		    (segmented && parent >= 0 && sorted[parent]->segment > sorted[i]->segment))
			return -ENOENT;
		if (parent >= 0 && sorted[i]->type == CPIO_DIR)
			nlink[parent]++;
	}
	*failed = NULL;
	return 0;
}

/* ---------- writing ---------- */

struct header {
	uint32_t ino, mode, nlink, mtime, filesize;
	uint32_t rdev_major, rdev_minor;
	const char *name;
};

static int write_padding(cpio_sink sink, void *ctx, size_t written)
{
	static const char zeros[4];
	size_t pad = (4 - written % 4) % 4;

	return pad ? sink(ctx, zeros, pad) : 0;
}

static int write_header(cpio_sink sink, void *ctx, const struct header *h)
{
	char text[NEWC_HEADER_SIZE + 1];
	size_t namesize = strlen(h->name) + 1;
	int err;

	(void)snprintf(text, sizeof(text),
		       "070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X",
		       (unsigned)h->ino, (unsigned)h->mode, 0u, 0u, (unsigned)h->nlink,
		       (unsigned)h->mtime, (unsigned)h->filesize, 0u, 0u,
		       (unsigned)h->rdev_major, (unsigned)h->rdev_minor, (unsigned)namesize, 0u);
	err = sink(ctx, text, NEWC_HEADER_SIZE);
	if (!err)
		err = sink(ctx, h->name, namesize);
	if (!err)
		err = write_padding(sink, ctx, NEWC_HEADER_SIZE + namesize);
	return err;
}

static uint32_t mode_bits(const struct cpio_entry *e)
{
	static const uint32_t type_bits[] = {
		[CPIO_DIR] = S_IFDIR, [CPIO_FILE] = S_IFREG, [CPIO_SYMLINK] = S_IFLNK,
		[CPIO_CHAR_DEV] = S_IFCHR, [CPIO_BLOCK_DEV] = S_IFBLK,
	};

	return type_bits[e->type] | (e->mode & 07777);
}

static int write_entry(cpio_sink sink, void *ctx, const struct cpio_entry *e, uint32_t ino,
		       uint32_t nlink, uint32_t mtime)
{
	bool is_dev = e->type == CPIO_CHAR_DEV || e->type == CPIO_BLOCK_DEV;
	const void *data = e->type == CPIO_SYMLINK ? (const void *)e->target : e->data;
	size_t size = e->type == CPIO_SYMLINK ? strlen(e->target)
		      : e->type == CPIO_FILE ? e->size : 0;
	struct header h = {
		.ino = ino, .mode = mode_bits(e), .nlink = nlink, .mtime = mtime,
		.filesize = (uint32_t)size, .rdev_major = is_dev ? e->major : 0,
		.rdev_minor = is_dev ? e->minor : 0, .name = e->path + 1,
	};
	int err = write_header(sink, ctx, &h);

	if (!err && size)
		err = sink(ctx, data, size);
	if (!err)
		err = write_padding(sink, ctx, size);
	return err;
}

/* Which entries one archive holds, and where its inode numbers start. */
struct selection {
	bool all;         /* every entry, whatever its segment */
	unsigned segment; /* else only this segment's */
	uint32_t first_ino;
};

static int write_sorted(const struct cpio_entry **sorted, const uint32_t *nlink, size_t n,
			uint32_t mtime, const struct selection *sel, cpio_sink sink, void *ctx)
{
	struct header trailer = { .nlink = 1, .name = TRAILER_NAME };
	uint32_t ino = sel->first_ino;
	int err = 0;

	for (size_t i = 0; i < n && !err; i++)
		if (sel->all || sorted[i]->segment == sel->segment)
			err = write_entry(sink, ctx, sorted[i], ino++, nlink[i], mtime);
	return err ? err : write_header(sink, ctx, &trailer);
}

static int write_selection(const struct cpio_entry *entries, size_t n, uint32_t mtime,
			   struct selection *sel, cpio_sink sink, void *ctx, const char **failed)
{
	const struct cpio_entry **sorted = malloc((n ? n : 1) * sizeof(*sorted));
	uint32_t *nlink = malloc((n ? n : 1) * sizeof(*nlink));
	const char *failed_path = NULL;
	int err = -ENOMEM;

	if (sorted && nlink) {
		for (size_t i = 0; i < n; i++) {
			sorted[i] = &entries[i];
			if (!sel->all && entries[i].segment > sel->segment)
				sel->first_ino++;
		}
		err = n < UINT32_MAX ? validate(entries, n, &failed_path) : -E2BIG;
		if (!err)
			err = sort_and_link(sorted, n, !sel->all, nlink, &failed_path);
		if (!err)
			err = write_sorted(sorted, nlink, n, mtime, sel, sink, ctx);
	}
	if (failed)
		*failed = failed_path;
	free(sorted);
	free(nlink);
	return err;
}

int cpio_write(const struct cpio_entry *entries, size_t n, uint32_t mtime,
	       cpio_sink sink, void *ctx, const char **failed)
{
	struct selection all = { .all = true, .first_ino = 1 };

	return write_selection(entries, n, mtime, &all, sink, ctx, failed);
}

int cpio_write_segment(const struct cpio_entry *entries, size_t n, uint32_t mtime,
		       unsigned segment, cpio_sink sink, void *ctx, const char **failed)
{
	struct selection one = { .segment = segment, .first_ino = 1 };

	return write_selection(entries, n, mtime, &one, sink, ctx, failed);
}
