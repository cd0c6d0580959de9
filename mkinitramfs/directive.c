/* mkinitramfs/directive.c: a build hook's output line (see directive.h). */
#include "directive.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "manifest.h"

#define BLANKS " \t\r"
#define MAX_WORDS 5 /* one more than the longest directive: extra words are noticed */

struct words {
	char *word[MAX_WORDS];
	size_t count;
};

static int reason(char *detail, size_t size, const char *format, ...)
	__attribute__((format(printf, 3, 4)));

static int reason(char *detail, size_t size, const char *format, ...)
{
	va_list args;

	va_start(args, format);
	(void)vsnprintf(detail, size, format, args);
	va_end(args);
	return -EINVAL;
}

static void split_words(char *line, struct words *w)
{
	char *p = line;

	w->count = 0;
	while (w->count < MAX_WORDS) {
		p += strspn(p, BLANKS);
		if (!*p)
			break;
		w->word[w->count++] = p;
		p += strcspn(p, BLANKS);
		if (*p)
			*p++ = '\0';
	}
}

static bool parse_mode(const char *text, unsigned *mode)
{
	char *end;
	unsigned long n;

	if (strspn(text, "01234567") != strlen(text) || strlen(text) > 5)
		return false;
	n = strtoul(text, &end, 8);
	if (*end || n > 07777)
		return false;
	*mode = (unsigned)n;
	return true;
}

static int set_strings(struct directive *d, const char *source, const char *path,
		       const char *target)
{
	d->source = source ? strdup(source) : NULL;
	d->path = path ? strdup(path) : NULL;
	d->target = target ? strdup(target) : NULL;
	if ((source && !d->source) || (path && !d->path) || (target && !d->target))
		return -ENOMEM;
	return 0;
}

static int check_image_path(const char *path, char *detail, size_t size)
{
	if (!manifest_path_ok(path))
		return reason(detail, size, "'%s': not an absolute image path without '.' or '..'",
			      path);
	return 0;
}

/* "file SRC [DEST] [MODE]" and "binary PATH [DEST]": SRC absolute, DEST an image path. */
static int parse_source(const struct words *w, struct directive *d, char *detail, size_t size)
{
	bool is_file = d->type == DIRECTIVE_FILE;
	size_t max = is_file ? 4 : 3;
	const char *dest = w->word[1], *mode = NULL;
	int err;

	if (w->count < 2 || w->count > max)
		return reason(detail, size, is_file ? "expected 'file SRC [DEST] [MODE]'"
						    : "expected 'binary PATH [DEST]'");
	if (w->word[1][0] != '/')
		return reason(detail, size, "'%s': the source must be an absolute path", w->word[1]);
	if (w->count >= 3 && w->word[2][0] == '/')
		dest = w->word[2];
	else if (w->count == 3 && is_file)
		mode = w->word[2];
	else if (w->count >= 3)
		return reason(detail, size, "'%s': expected an absolute DEST", w->word[2]);
	if (w->count == 4)
		mode = w->word[3];
	if (mode && !(d->has_mode = parse_mode(mode, &d->mode)))
		return reason(detail, size, "'%s': expected an octal MODE (0644)", mode);
	err = check_image_path(dest, detail, size);
	return err ? err : set_strings(d, w->word[1], dest, NULL);
}

static int parse_dir(const struct words *w, struct directive *d, char *detail, size_t size)
{
	int err;

	if (w->count < 2 || w->count > 3)
		return reason(detail, size, "expected 'dir PATH [MODE]'");
	if (w->count == 3 && !(d->has_mode = parse_mode(w->word[2], &d->mode)))
		return reason(detail, size, "'%s': expected an octal MODE (0755)", w->word[2]);
	if (!d->has_mode)
		d->mode = 0755;
	err = check_image_path(w->word[1], detail, size);
	return err ? err : set_strings(d, NULL, w->word[1], NULL);
}

static int parse_slink(const struct words *w, struct directive *d, char *detail, size_t size)
{
	int err;

	if (w->count != 3)
		return reason(detail, size, "expected 'slink PATH TARGET'");
	err = check_image_path(w->word[1], detail, size);
	return err ? err : set_strings(d, NULL, w->word[1], w->word[2]);
}

static int parse_module(const struct words *w, struct directive *d, char *detail, size_t size)
{
	if (w->count != 2)
		return reason(detail, size, "expected 'module NAME'");
	return set_strings(d, w->word[1], NULL, NULL);
}

static int parse_words(const struct words *w, struct directive *d, char *detail, size_t size)
{
	static const char *const names[] = {
		[DIRECTIVE_FILE] = "file", [DIRECTIVE_DIR] = "dir", [DIRECTIVE_SLINK] = "slink",
		[DIRECTIVE_MODULE] = "module", [DIRECTIVE_BINARY] = "binary",
	};

	for (int t = DIRECTIVE_FILE; t <= DIRECTIVE_BINARY; t++)
		if (strcmp(w->word[0], names[t]) == 0)
			d->type = (enum directive_type)t;
	switch (d->type) {
	case DIRECTIVE_FILE:
	case DIRECTIVE_BINARY:
		return parse_source(w, d, detail, size);
	case DIRECTIVE_DIR:
		return parse_dir(w, d, detail, size);
	case DIRECTIVE_SLINK:
		return parse_slink(w, d, detail, size);
	case DIRECTIVE_MODULE:
		return parse_module(w, d, detail, size);
	default:
		return reason(detail, size, "unknown directive '%s' (expected file, dir, slink, module, "
			      "binary or a # comment)", w->word[0]);
	}
}

int directive_parse(const char *line, struct directive *d, char *detail, size_t size)
{
	char *copy = strdup(line);
	struct words w;
	int err;

	memset(d, 0, sizeof(*d));
	detail[0] = '\0';
	if (!copy)
		return -ENOMEM;
	split_words(copy, &w);
	err = w.count == 0 || w.word[0][0] == '#' ? 0 : parse_words(&w, d, detail, size);
	free(copy);
	return err;
}

void directive_free(struct directive *d)
{
	free(d->source);
	free(d->path);
	free(d->target);
	memset(d, 0, sizeof(*d));
}
