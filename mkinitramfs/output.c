/* mkinitramfs/output.c: writing the image file (see output.h). */
#include "output.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "compress.h"
#include "cpio.h"
#include "fileio.h"
#include "segcache.h"

#define SOURCE_MAX_BYTES (1ull << 30)
#define COMPRESSED_MAX_BYTES (1ull << 31)

/* One segment on its way into the image. */
struct segment {
	char *cpio;          /* the archive */
	size_t cpio_len, cpio_cap;
	char *out;           /* what goes in the image: compressed, or cpio itself */
	size_t out_len;
	char key[SEGCACHE_KEY_SIZE];
	bool compress;       /* no cached bytes: compress it */
	pid_t pid;           /* its compressor, while it runs */
	int in_fd, out_fd;   /* the compressor's input and output (memory files) */
};

static void set_problem(struct output_problem *p, const char *action, const char *path)
{
	p->action = action;
	(void)snprintf(p->path, sizeof(p->path), "%s", path ? path : "");
}

int output_load_sources(struct manifest *m, struct output_problem *problem)
{
	for (size_t i = 0; i < m->count; i++) {
		struct manifest_entry *e = &m->entries[i];
		int err;

		if (e->type != MANIFEST_FILE || !e->source || e->data)
			continue;
		err = read_whole_file(e->source, SOURCE_MAX_BYTES, &e->data, &e->size);
		if (err) {
			set_problem(problem, "cannot read", e->source);
			return err;
		}
	}
	return 0;
}

/* ---------- the archives ---------- */

/* A cpio_sink into a segment's growing buffer. */
static int memory_sink(void *ctx, const void *buf, size_t len)
{
	struct segment *s = ctx;

	if (s->cpio_len + len > s->cpio_cap) {
		size_t cap = s->cpio_cap ? s->cpio_cap : 1u << 16;
		char *grown;

		while (cap < s->cpio_len + len)
			cap *= 2;
		grown = realloc(s->cpio, cap);
		if (!grown)
			return -ENOMEM;
		s->cpio = grown;
		s->cpio_cap = cap;
	}
	memcpy(s->cpio + s->cpio_len, buf, len);
	s->cpio_len += len;
	return 0;
}

static int make_archives(const struct manifest *m, uint32_t mtime, struct segment *segs,
			 struct output_problem *problem)
{
	struct cpio_entry *entries = NULL;
	const char *failed = NULL;
	int err = manifest_to_cpio(m, &entries);

	for (unsigned s = 0; s < MANIFEST_SEGMENTS && !err; s++)
		err = cpio_write_segment(entries, m->count, mtime, s, memory_sink, &segs[s], &failed);
	if (err && failed)
		set_problem(problem, "cannot put in the archive:", failed);
	else if (err)
		set_problem(problem, "cannot make the archive", "");
	free(entries);
	return err;
}

/* ---------- the cache ---------- */

/* Looks every segment up; the ones it has get their bytes, the others compress. */
static void look_up(const struct output_settings *set, struct segment *segs,
		    struct output_stats *stats)
{
	char version[1024];
	int err = compress_version(set->method, version, sizeof(version));

	if (!err)
		err = segcache_make_dir(set->cache_dir);
	if (err) {
		stats->cache_err = err;
		stats->cache_action = "cannot use the cache";
		return;
	}
	for (unsigned s = 0; s < MANIFEST_SEGMENTS; s++) {
		segcache_key(compress_argv(set->method), version, segs[s].cpio, segs[s].cpio_len,
			     segs[s].key);
		err = segcache_lookup(set->cache_dir, segs[s].key, &segs[s].out, &segs[s].out_len);
		segs[s].compress = err != 0;
		stats->from_cache += !err;
		stats->damaged += err == -EBADMSG;
	}
}

static void store(const struct output_settings *set, struct segment *segs,
		  struct output_stats *stats)
{
	for (unsigned s = 0; s < MANIFEST_SEGMENTS && !stats->cache_err; s++) {
		if (!segs[s].compress)
			continue;
		stats->cache_err = segcache_store(set->cache_dir, segs[s].key, segs[s].out,
						  segs[s].out_len);
		if (stats->cache_err)
			stats->cache_action = "cannot store in the cache";
	}
}

/* ---------- compressing ---------- */

static int memory_file(const char *name, const void *data, size_t len, int *fd)
{
	const char *p = data;

	*fd = memfd_create(name, MFD_CLOEXEC);
	if (*fd < 0)
		return -errno;
	while (len) {
		ssize_t done = write(*fd, p, len);

		if (done < 0 && errno != EINTR)
			return -errno;
		if (done > 0) {
			p += done;
			len -= (size_t)done;
		}
	}
	return lseek(*fd, 0, SEEK_SET) < 0 ? -errno : 0;
}

static int start_one(const char *method, struct segment *seg)
{
	int err = memory_file("mkinitramfs-cpio", seg->cpio, seg->cpio_len, &seg->in_fd);

	if (!err)
		err = memory_file("mkinitramfs-compressed", "", 0, &seg->out_fd);
	if (!err)
		err = compress_spawn(method, seg->in_fd, seg->out_fd, &seg->pid);
	return err;
}

static void describe_status(struct output_problem *problem, const char *program, int status)
{
	size_t len = strlen(problem->path);
	size_t room = sizeof(problem->path) - len;

	if (WIFEXITED(status))
		(void)snprintf(problem->path + len, room, " (%s exited with status %d)", program,
			       WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		(void)snprintf(problem->path + len, room, " (%s killed by signal %d)", program,
			       WTERMSIG(status));
}

/* Waits for a segment's compressor and takes what it wrote. */
static int finish_one(const char *method, struct segment *seg, struct output_problem *problem)
{
	int status = 0;
	int err = compress_wait(seg->pid, &status);

	seg->pid = 0;
	if (err == -EIO) {
		set_problem(problem, "the compressor failed on the archive", "");
		describe_status(problem, compress_argv(method)[0], status);
		return err;
	}
	if (!err && lseek(seg->out_fd, 0, SEEK_SET) < 0)
		err = -errno;
	if (!err)
		err = read_fd_to_eof(seg->out_fd, COMPRESSED_MAX_BYTES, &seg->out, &seg->out_len);
	if (err)
		set_problem(problem, "cannot read what the compressor wrote:", method);
	return err;
}

/* Every segment without cached bytes, their compressors running at once. */
static int compress_all(const char *method, struct segment *segs, struct output_problem *problem)
{
	int err = 0;

	for (unsigned s = 0; s < MANIFEST_SEGMENTS && !err; s++)
		if (segs[s].compress && (err = start_one(method, &segs[s])) != 0)
			set_problem(problem, "cannot start the compressor", method);
	for (unsigned s = 0; s < MANIFEST_SEGMENTS; s++) {
		int finished = segs[s].pid > 0 ? finish_one(method, &segs[s], problem) : 0;

		err = err ? err : finished;
	}
	return err;
}

/* ---------- the file ---------- */

static int write_segments(int fd, const struct segment *segs)
{
	for (unsigned s = 0; s < MANIFEST_SEGMENTS; s++) {
		const char *p = segs[s].out;
		size_t len = segs[s].out_len;

		while (len) {
			ssize_t done = write(fd, p, len);

			if (done < 0 && errno != EINTR)
				return -errno;
			if (done > 0) {
				p += done;
				len -= (size_t)done;
			}
		}
	}
	return 0;
}

static int write_file(const char *out, const struct segment *segs, struct output_problem *problem)
{
	char *tmp = NULL;
	int fd, err;

	if (asprintf(&tmp, "%s.tmp", out) < 0)
		return -ENOMEM;
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	err = fd < 0 ? -errno : write_segments(fd, segs);
	if (fd >= 0 && close(fd) < 0 && !err)
		err = -errno;
	if (err)
		set_problem(problem, fd < 0 ? "cannot create" : "cannot write", tmp);
	if (!err && rename(tmp, out) < 0) {
		err = -errno;
		problem->action = "cannot rename";
		(void)snprintf(problem->path, sizeof(problem->path), "%s to %s", tmp, out);
	}
	if (err && fd >= 0)
		(void)unlink(tmp);
	free(tmp);
	return err;
}

static void free_segments(struct segment *segs)
{
	for (unsigned s = 0; s < MANIFEST_SEGMENTS; s++) {
		if (segs[s].out != segs[s].cpio)
			free(segs[s].out);
		free(segs[s].cpio);
		if (segs[s].in_fd > 0)
			(void)close(segs[s].in_fd);
		if (segs[s].out_fd > 0)
			(void)close(segs[s].out_fd);
	}
}

int output_write_image(const char *out, const struct manifest *m,
		       const struct output_settings *set, struct output_stats *stats,
		       struct output_problem *problem)
{
	struct segment segs[MANIFEST_SEGMENTS];
	bool plain = compress_argv(set->method) == NULL;
	int err;

	memset(segs, 0, sizeof(segs));
	memset(stats, 0, sizeof(*stats));
	stats->segments = MANIFEST_SEGMENTS;
	for (unsigned s = 0; s < MANIFEST_SEGMENTS; s++)
		segs[s].compress = !plain;
	err = make_archives(m, set->mtime, segs, problem);
	if (!err && !plain && set->cache_dir)
		look_up(set, segs, stats);
	if (!err && !plain)
		err = compress_all(set->method, segs, problem);
	for (unsigned s = 0; s < MANIFEST_SEGMENTS && !err; s++) {
		if (plain) {
			segs[s].out = segs[s].cpio;
			segs[s].out_len = segs[s].cpio_len;
		}
		stats->compressed += segs[s].compress;
		stats->bytes[s] = segs[s].out_len;
	}
	if (!err && !plain && set->cache_dir && !stats->cache_err)
		store(set, segs, stats);
	if (!err)
		err = write_file(out, segs, problem);
	free_segments(segs);
	return err;
}
