/* mkinitramfs/conffile.c: the configuration file (see conffile.h). */
#include "conffile.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compress.h"
#include "manifest.h"

#define BLANKS " \t\r"
#define NOT_LITERAL "$`\\'\";&|<>()"

const char *const conffile_key_names[CONF_NKEYS] = {
	[CONF_MODULES] = "MODULES", [CONF_COMPRESS] = "COMPRESS", [CONF_BUSYBOX] = "BUSYBOX",
	[CONF_E2FSCK] = "E2FSCK", [CONF_BINARIES] = "BINARIES", [CONF_FILES] = "FILES",
	[CONF_HOOKS_DIRS] = "HOOKS_DIRS",
};

static int fail(struct conffile_problem *p, size_t line, const char *format, ...)
	__attribute__((format(printf, 3, 4)));

static int fail(struct conffile_problem *p, size_t line, const char *format, ...)
{
	va_list args;

	p->line = line;
	va_start(args, format);
	(void)vsnprintf(p->detail, sizeof(p->detail), format, args);
	va_end(args);
	return -EINVAL;
}

bool conffile_is_path(const char *word)
{
	size_t len = strlen(word);

	return strchr(word, '/') || (len > 5 && strcmp(word + len - 5, ".conf") == 0);
}

/* ---------- one value ---------- */

/* Cuts value to its literal text: the inside of "...", or up to a comment. */
static int unquote(char *value, size_t line, struct conffile_problem *p, char **literal)
{
	char *end;

	if (*value == '"') {
		end = strchr(value + 1, '"');
		if (!end)
			return fail(p, line, "unterminated '\"'");
		*end++ = '\0';
		end += strspn(end, BLANKS);
		if (*end && *end != '#')
			return fail(p, line, "text after the closing '\"': %s", end);
		*literal = value + 1;
	} else {
		for (end = value; *end && !(*end == '#' && end > value && strchr(BLANKS, end[-1]));
		     end++)
			;
		*end = '\0';
		*literal = value;
	}
	for (const char *c = *literal; *c; c++)
		if (strchr(NOT_LITERAL, *c) || ((unsigned char)*c < ' ' && *c != '\t' && *c != '\r'))
			return fail(p, line, "'%c' in a value: values are literal words (no variables, "
				    "quotes inside, escapes or shell operators)", *c < ' ' ? '?' : *c);
	return 0;
}

/* ---------- the words of each key ---------- */

/* Adds word, made relative to base_dir when it is a relative path. */
static int add_path(struct strlist *l, const char *word, const char *base_dir)
{
	char *joined = NULL;
	int err;

	if (!base_dir || word[0] == '/')
		return strlist_add(l, word);
	if (asprintf(&joined, "%s/%s", base_dir, word) < 0)
		return -ENOMEM;
	err = strlist_add(l, joined);
	free(joined);
	return err;
}

static bool set_name_ok(const char *word)
{
	return *word && strspn(word, "abcdefghijklmnopqrstuvwxyz0123456789_-") == strlen(word);
}

/* "PATH[:DEST]" (dest_required: "SRC:DEST"), split at the last ':'. */
static int add_pair(struct strlist *l, const char *word, bool dest_required, const char *base_dir)
{
	const char *colon = strrchr(word, ':');
	char *path, *joined = NULL;
	int err;

	if ((!colon && dest_required) || colon == word || (colon && !manifest_path_ok(colon + 1)))
		return -EINVAL;
	if (!colon)
		return add_path(l, word, base_dir);
	path = strndup(word, (size_t)(colon - word));
	if (!path)
		return -ENOMEM;
	if (base_dir && path[0] != '/')
		err = asprintf(&joined, "%s/%s%s", base_dir, path, colon) < 0 ? -ENOMEM : 0;
	else
		err = (joined = strdup(word)) ? 0 : -ENOMEM;
	if (!err)
		err = strlist_add(l, joined);
	free(path);
	free(joined);
	return err;
}

static const char *const expected[CONF_NKEYS] = {
	[CONF_MODULES] = "set names (live, most, dep) or paths",
	[CONF_COMPRESS] = "one of zstd, xz, gzip, lz4, none",
	[CONF_BUSYBOX] = "one path, or nothing",
	[CONF_E2FSCK] = "one path, or nothing",
	[CONF_BINARIES] = "PATH[:DEST] words, DEST absolute without '..'",
	[CONF_FILES] = "SRC:DEST words, DEST absolute without '..'",
	[CONF_HOOKS_DIRS] = "directories",
};

static int add_word(struct conffile *c, enum conffile_key key, const char *word,
		    const char *base_dir)
{
	struct strlist *l = &c->values[key];

	switch (key) {
	case CONF_MODULES:
		if (conffile_is_path(word))
			return add_path(l, word, base_dir);
		return set_name_ok(word) ? strlist_add(l, word) : -EINVAL;
	case CONF_COMPRESS:
		return l->count == 0 && compress_method_known(word) ? strlist_add(l, word) : -EINVAL;
	case CONF_BUSYBOX:
	case CONF_E2FSCK:
		return l->count == 0 ? add_path(l, word, base_dir) : -EINVAL;
	case CONF_BINARIES:
		return add_pair(l, word, false, base_dir);
	case CONF_FILES:
		return add_pair(l, word, true, base_dir);
	case CONF_HOOKS_DIRS:
		return add_path(l, word, base_dir);
	default:
		return -EINVAL;
	}
}

static int add_value(struct conffile *c, enum conffile_key key, const char *literal,
		     const char *base_dir, size_t line, struct conffile_problem *p)
{
	struct strlist words = { 0 };
	int err = strlist_add_words(&words, literal);

	for (size_t i = 0; i < words.count && !err; i++) {
		err = add_word(c, key, words.items[i], base_dir);
		if (err == -EINVAL)
			fail(p, line, "%s: '%s': expected %s", conffile_key_names[key], words.items[i],
			     expected[key]);
	}
	if (!err && key == CONF_COMPRESS && words.count == 0)
		err = fail(p, line, "COMPRESS: expected %s", expected[key]);
	strlist_free(&words);
	return err;
}

/* ---------- lines ---------- */

static int find_key(const char *name, size_t len)
{
	for (int k = 0; k < CONF_NKEYS; k++)
		if (strlen(conffile_key_names[k]) == len && strncmp(conffile_key_names[k], name, len) == 0)
			return k;
	return -1;
}

static int parse_line(struct conffile *c, char *line, size_t line_no, const char *base_dir,
		      struct conffile_problem *p)
{
	char *key = line + strspn(line, BLANKS), *literal = NULL;
	size_t len = strspn(key, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");
	int k, err;

	if (!*key || *key == '#')
		return 0;
	if (len == 0 || key[len] != '=')
		return fail(p, line_no, "expected KEY=VALUE (no blanks around '=')");
	k = find_key(key, len);
	if (k < 0)
		return fail(p, line_no, "unknown key '%.*s' (known: MODULES COMPRESS BUSYBOX E2FSCK "
			    "BINARIES FILES HOOKS_DIRS)", (int)len, key);
	if (c->line[k])
		return fail(p, line_no, "%s set twice (first on line %zu)", conffile_key_names[k],
			    c->line[k]);
	c->line[k] = line_no;
	err = unquote(key + len + 1, line_no, p, &literal);
	return err ? err : add_value(c, (enum conffile_key)k, literal, base_dir, line_no, p);
}

int conffile_parse(struct conffile *c, const char *text, size_t len, const char *base_dir,
		   struct conffile_problem *problem)
{
	size_t pos = 0, line_no = 0;
	int err = 0;

	memset(c, 0, sizeof(*c));
	problem->line = 0;
	problem->detail[0] = '\0';
	while (pos < len && !err) {
		const char *start = text + pos;
		const char *newline = memchr(start, '\n', len - pos);
		size_t n = newline ? (size_t)(newline - start) : len - pos;
		char *line = strndup(start, n);

		line_no++;
		pos += n + 1;
		if (!line)
			return -ENOMEM;
		if (strlen(line) != n)
			err = fail(problem, line_no, "a NUL byte in the line");
		else
			err = parse_line(c, line, line_no, base_dir, problem);
		free(line);
	}
	return err;
}

void conffile_free(struct conffile *c)
{
	for (int k = 0; k < CONF_NKEYS; k++)
		strlist_free(&c->values[k]);
	memset(c, 0, sizeof(*c));
}
