/* mkinitramfs/hookapply.c: hook directives into the set and the manifest
 * (see hookapply.h). */
#include "hookapply.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bindeps.h"
#include "image.h"

static void say(char *detail, size_t size, const char *format, ...)
	__attribute__((format(printf, 3, 4)));

static void say(char *detail, size_t size, const char *format, ...)
{
	va_list args;

	va_start(args, format);
	(void)vsnprintf(detail, size, format, args);
	va_end(args);
}

static void locate(struct buildhooks_problem *p, const struct buildhooks *h,
		   const struct hook_directive *hd)
{
	(void)snprintf(p->where, sizeof(p->where), "%s:%zu", h->paths.items[hd->hook], hd->line);
}

int hookapply_modules(const struct buildhooks *h, struct modset *set,
		      struct buildhooks_problem *problem)
{
	for (size_t i = 0; i < h->count; i++) {
		const struct hook_directive *hd = &h->directives[i];
		struct modset_problem mp = { .line = 0 };
		int err;

		if (hd->d.type != DIRECTIVE_MODULE)
			continue;
		err = modset_add_name(set, hd->d.source, 0, h->paths.items[hd->hook], hd->line, &mp);
		if (err) {
			locate(problem, h, hd);
			(void)snprintf(problem->detail, sizeof(problem->detail), "module %s: %s",
				       hd->d.source, mp.line ? mp.detail : strerror(-err));
			return err;
		}
	}
	return 0;
}

/* "binary PATH DEST": the program with what it needs. */
static int add_binary(struct manifest *m, const struct directive *d, char *detail, size_t size)
{
	static struct bindeps_problem bp;
	struct bindeps b;
	const char *failed = NULL;
	char why[8192];
	int err = bindeps_resolve(&b, d->source, d->path, &bp);

	if (err) {
		bindeps_describe(&bp, err, why, sizeof(why));
		say(detail, size, "binary %s: %s", d->source, why);
	} else if ((err = image_add_binary(m, &b, &failed)) != 0)
		say(detail, size, "binary %s: cannot add %s: %s", d->source,
			       failed ? failed : d->path, strerror(-err));
	bindeps_free(&b);
	return err;
}

static const char *const clash = " (another entry is at that path already)";

static int add_entry(struct manifest *m, const struct directive *d, char *detail, size_t size)
{
	const char *failed = NULL;
	int err;

	switch (d->type) {
	case DIRECTIVE_FILE:
		err = image_add_file(m, d->source, d->path, d->has_mode ? (int)d->mode : -1, &failed);
		if (err && failed == d->source)
			say(detail, size, "file %s: %s", d->source, strerror(-err));
		else if (err)
			say(detail, size, "file %s as %s: %s%s", d->source, d->path, strerror(-err),
			    err == -EEXIST ? clash : "");
		return err;
	case DIRECTIVE_DIR:
		err = manifest_add_dir_once(m, d->path, d->mode);
		break;
	case DIRECTIVE_SLINK:
		err = manifest_add_slink_once(m, d->path, d->target);
		break;
	case DIRECTIVE_BINARY:
		return add_binary(m, d, detail, size);
	default:
		return 0;
	}
	if (err)
		say(detail, size, "%s %s: %s%s", d->type == DIRECTIVE_DIR ? "dir" : "slink", d->path,
		    strerror(-err), err == -EEXIST ? clash : "");
	return err;
}

static int note_skipped(struct strlist *notes, const struct buildhooks_problem *where,
			const char *path)
{
	char *note = NULL;
	int err;

	if (asprintf(&note, "%s: %s is given by the configuration or the command line: the "
		     "hook's entry is left out", where->where, path) < 0)
		return -ENOMEM;
	err = strlist_add(notes, note);
	free(note);
	return err;
}

int hookapply_entries(const struct buildhooks *h, struct manifest *m,
		      const struct strlist *given_paths, struct strlist *notes,
		      struct buildhooks_problem *problem)
{
	int err = 0;

	for (size_t i = 0; i < h->count && !err; i++) {
		const struct hook_directive *hd = &h->directives[i];

		if (hd->d.type == DIRECTIVE_MODULE)
			continue;
		locate(problem, h, hd);
		if (strlist_contains(given_paths, hd->d.path))
			err = note_skipped(notes, problem, hd->d.path);
		else
			err = add_entry(m, &hd->d, problem->detail, sizeof(problem->detail));
	}
	return err;
}
