/* mkinitramfs/output.c: writing the image file (see output.h). */
#include "output.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "compress.h"
#include "cpio.h"
#include "fileio.h"

#define SOURCE_MAX_BYTES (1ull << 30)

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

/* The archive into the compressor's input. */
static int write_archive(const struct manifest *m, uint32_t mtime, struct compressor *c,
			 struct output_problem *problem)
{
	struct cpio_entry *entries = NULL;
	const char *failed = NULL;
	int err = manifest_to_cpio(m, &entries);

	if (!err)
		err = cpio_write(entries, m->count, mtime, cpio_stdio_sink, c->in, &failed);
	if (err && failed)
		set_problem(problem, "cannot put in the archive:", failed);
	else if (err)
		set_problem(problem, "cannot write the archive into", c->program);
	free(entries);
	return err;
}

static void describe_status(struct output_problem *problem, const struct compressor *c)
{
	size_t len = strlen(problem->path);
	size_t room = sizeof(problem->path) - len;

	if (WIFEXITED(c->status))
		(void)snprintf(problem->path + len, room, " (%s exited with status %d)", c->program,
			       WEXITSTATUS(c->status));
	else if (WIFSIGNALED(c->status))
		(void)snprintf(problem->path + len, room, " (%s killed by signal %d)", c->program,
			       WTERMSIG(c->status));
}

/* Compresses the archive into fd; tmp names it in messages. */
static int write_compressed(int fd, const char *tmp, const struct manifest *m, uint32_t mtime,
			    const char *method, struct output_problem *problem)
{
	struct compressor c;
	int err = compress_start(method, fd, &c), finished;

	if (err) {
		set_problem(problem, "cannot start the compressor", method);
		return err;
	}
	err = write_archive(m, mtime, &c, problem);
	finished = compress_finish(&c);
	if (!err && finished == -EIO) {
		set_problem(problem, "the compressor failed writing", tmp);
		describe_status(problem, &c);
	} else if (!err && finished)
		set_problem(problem, "cannot write", tmp);
	return err ? err : finished;
}

int output_write_image(const char *out, const struct manifest *m, uint32_t mtime,
		       const char *method, struct output_problem *problem)
{
	char *tmp = NULL;
	int fd, err;

	if (asprintf(&tmp, "%s.tmp", out) < 0)
		return -ENOMEM;
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0) {
		err = -errno;
		set_problem(problem, "cannot create", tmp);
		free(tmp);
		return err;
	}
	err = write_compressed(fd, tmp, m, mtime, method, problem);
	if (close(fd) < 0 && !err) {
		err = -errno;
		set_problem(problem, "cannot write", tmp);
	}
	if (!err && rename(tmp, out) < 0) {
		err = -errno;
		problem->action = "cannot rename";
		(void)snprintf(problem->path, sizeof(problem->path), "%s to %s", tmp, out);
	}
	if (err)
		(void)unlink(tmp);
	free(tmp);
	return err;
}
