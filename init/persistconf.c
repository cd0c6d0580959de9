/* init/persistconf.c: see persistconf.h. */
#include "persistconf.h"
#include "fmt.h"

#include <stdarg.h>
#include <string.h>

/* Directories the running system owns: persisting them would hide the
 * kernel's file systems or the live mounts, or (/lib/live) live-boot's own
 * scripts, which live-boot refuses too. Each one and everything below it. */
static const char *const off_limits[] = { "/proc", "/sys", "/dev", "/run", "/lib/live" };

/* What one line turned out to be. */
enum line_result { LINE_EMPTY, LINE_BAD, LINE_ENTRY };

enum norm_result { NORM_OK, NORM_DOTDOT, NORM_TOO_LONG };

/* What the options of a line said, before they are checked together. */
struct line_options {
	const char *kind_name; /* the kind as written, NULL when none was given */
	const char *source;    /* the raw source= value, NULL when absent */
};

__attribute__((format(printf, 3, 4))) static void reject(struct persist_conf *c, unsigned line,
							  const char *fmt, ...)
{
	struct persist_error *e;
	va_list ap;

	if (c->nerrors >= PERSIST_MAX_ERRORS) {
		c->nerrors_dropped++;
		return;
	}
	e = &c->errors[c->nerrors++];
	e->line = line;
	va_start(ap, fmt);
	(void)fmt_vsnprintf(e->why, sizeof(e->why), fmt, ap); /* a long path is cut, never overflows */
	va_end(ap);
}

static bool is_blank(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\r';
}

/* The offset of the first byte that has no business in a text line, or n.
 * Tab and CR are blanks; everything else below 0x20 (NUL included) and DEL
 * is refused, so a binary file or an editor's accident never yields a path. */
static size_t find_control_char(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];

		if ((ch < 0x20 && ch != '\t' && ch != '\r') || ch == 0x7f)
			return i;
	}
	return n;
}

/* The next blank-separated field of *p, NUL-terminated in place; NULL at the
 * end of the line or where a comment starts ('#' at the start of a field). */
static char *next_field(char **p)
{
	char *s = *p, *end;

	while (is_blank(*s))
		s++;
	if (*s == '\0' || *s == '#')
		return NULL;
	for (end = s; *end && !is_blank(*end); end++)
		;
	if (*end)
		*end++ = '\0';
	*p = end;
	return s;
}

/* Joins the components of raw with single '/' into out, dropping empty and
 * "." components, so "a//./b/" becomes "a/b" and "." becomes "". Any ".."
 * fails: a path from the stick must never climb out of where it is put. */
static enum norm_result normalise_components(const char *raw, char *out, size_t size)
{
	size_t n = 0;

	out[0] = '\0';
	while (*raw) {
		size_t len = strcspn(raw, "/");

		if (len == 2 && raw[0] == '.' && raw[1] == '.')
			return NORM_DOTDOT;
		if (len > 0 && !(len == 1 && raw[0] == '.')) {
			if (n + (n > 0) + len >= size)
				return NORM_TOO_LONG;
			if (n > 0)
				out[n++] = '/';
			memcpy(out + n, raw, len);
			n += len;
			out[n] = '\0';
		}
		raw += len;
		if (*raw == '/')
			raw++;
	}
	return NORM_OK;
}

/* True when dir is area itself or lies below it ("/run", "/run/live"). */
static bool is_within(const char *dir, const char *area)
{
	size_t n = strlen(area);

	return strncmp(dir, area, n) == 0 && (dir[n] == '\0' || dir[n] == '/');
}

static bool parse_dir(struct persist_conf *c, unsigned line, const char *raw, struct persist_entry *e)
{
	enum norm_result r;

	if (raw[0] != '/') {
		reject(c, line, "DIR must be an absolute path: %s", raw);
		return false;
	}
	e->dir[0] = '/';
	r = normalise_components(raw, e->dir + 1, sizeof(e->dir) - 1);
	if (r == NORM_DOTDOT) {
		reject(c, line, "'..' is not allowed in %s", raw);
		return false;
	}
	if (r == NORM_TOO_LONG) {
		reject(c, line, "DIR is too long (at most %d bytes): %s", PERSIST_PATH_MAX - 1, raw);
		return false;
	}
	for (size_t i = 0; i < sizeof(off_limits) / sizeof(off_limits[0]); i++)
		if (is_within(e->dir, off_limits[i])) {
			reject(c, line, "cannot make %s persistent: %s and below are off limits", e->dir,
			       off_limits[i]);
			return false;
		}
	return true;
}

/* source= is a path on the volume: relative, and never above its root. */
static bool parse_source(struct persist_conf *c, unsigned line, const char *raw, struct persist_entry *e)
{
	enum norm_result r;

	if (raw[0] == '\0') {
		reject(c, line, "source= needs a path ('.' for the volume root)");
		return false;
	}
	if (raw[0] == '/') {
		reject(c, line, "source must be a relative path: %s", raw);
		return false;
	}
	r = normalise_components(raw, e->source, sizeof(e->source));
	if (r == NORM_DOTDOT) {
		reject(c, line, "'..' is not allowed in %s", raw);
		return false;
	}
	if (r == NORM_TOO_LONG) {
		reject(c, line, "source is too long (at most %d bytes): %s", PERSIST_PATH_MAX - 1, raw);
		return false;
	}
	return true;
}

static bool kind_from_name(const char *name, enum persist_kind *kind)
{
	for (int k = PERSIST_BIND; k <= PERSIST_UNION; k++)
		if (strcmp(name, persistconf_kind_name((enum persist_kind)k)) == 0) {
			*kind = (enum persist_kind)k;
			return true;
		}
	return false;
}

/* One item of a comma-separated list. Stricter than live-boot, where the
 * last kind wins and a repeated source= overrides: here a line that says two
 * things is refused, since one of them is surely not what was meant. */
static bool read_option(struct persist_conf *c, unsigned line, const char *opt,
			struct line_options *o, struct persist_entry *e)
{
	if (strncmp(opt, "source=", 7) == 0) {
		if (o->source) {
			reject(c, line, "source= given twice");
			return false;
		}
		o->source = opt + 7;
		return true;
	}
	if (strcmp(opt, "source") == 0) {
		reject(c, line, "source needs a value: source=PATH");
		return false;
	}
	if (!kind_from_name(opt, &e->kind)) {
		reject(c, line, "unknown option '%.100s'", opt);
		return false;
	}
	if (o->kind_name) {
		if (strcmp(o->kind_name, opt) == 0)
			reject(c, line, "'%s' given twice", opt);
		else
			reject(c, line, "'%s' and '%s' cannot be combined", o->kind_name, opt);
		return false;
	}
	o->kind_name = opt;
	return true;
}

/* A field of options, split on commas in place. An empty item ("bind,",
 * "a,,b") is refused before the split, while the field is whole to quote. */
static bool read_option_list(struct persist_conf *c, unsigned line, char *list,
			     struct line_options *o, struct persist_entry *e)
{
	size_t n = strlen(list);
	char *comma;

	if (list[0] == ',' || list[n - 1] == ',' || strstr(list, ",,")) {
		reject(c, line, "empty option in '%.100s'", list);
		return false;
	}
	for (;;) {
		comma = strchr(list, ',');
		if (comma)
			*comma = '\0';
		if (!read_option(c, line, list, o, e))
			return false;
		if (!comma)
			return true;
		list = comma + 1;
	}
}

/* The whole root has one way to persist: a union whose upper and work
 * directories the caller puts at the volume's rw/ and work/. */
static bool check_root(struct persist_conf *c, unsigned line, const struct line_options *o,
		       const struct persist_entry *e)
{
	if (strcmp(e->dir, "/") != 0)
		return true;
	if (e->kind != PERSIST_UNION) {
		reject(c, line, "'/' can only be a union");
		return false;
	}
	if (o->source) {
		reject(c, line, "'/' takes no source= (a root union keeps its changes in rw/ and work/)");
		return false;
	}
	return true;
}

/* One line, free of control characters and NUL-terminated, into e. */
static enum line_result parse_line(struct persist_conf *c, unsigned line, char *text,
				   struct persist_entry *e)
{
	struct line_options o = { NULL, NULL };
	char *rest = text, *field = next_field(&rest);

	if (!field)
		return LINE_EMPTY;
	if (!parse_dir(c, line, field, e))
		return LINE_BAD;
	e->kind = PERSIST_BIND;
	e->line = line;
	while ((field = next_field(&rest)))
		if (!read_option_list(c, line, field, &o, e))
			return LINE_BAD;
	if (!check_root(c, line, &o, e))
		return LINE_BAD;
	if (!o.source) /* the default: DIR on the volume, "" for "/" */
		memcpy(e->source, e->dir + 1, strlen(e->dir));
	else if (!parse_source(c, line, o.source, e))
		return LINE_BAD;
	return LINE_ENTRY;
}

static void add_entry(struct persist_conf *c, const struct persist_entry *e)
{
	for (size_t i = 0; i < c->nentries; i++)
		if (strcmp(c->entries[i].dir, e->dir) == 0) {
			reject(c, e->line, "duplicate of line %u: %s", c->entries[i].line, e->dir);
			return;
		}
	if (c->nentries >= PERSIST_MAX_ENTRIES) {
		reject(c, e->line, "too many entries (at most %d)", PERSIST_MAX_ENTRIES);
		return;
	}
	c->entries[c->nentries++] = *e;
}

/* One raw line, without its '\n'. The length and byte checks come before
 * anything is copied, so a hostile line is never read past its end. */
static void handle_line(struct persist_conf *c, unsigned line, const char *raw, size_t n)
{
	char text[PERSIST_LINE_MAX + 1];
	struct persist_entry e;
	size_t bad;

	if (n > 0 && raw[n - 1] == '\r')
		n--;
	if (n > PERSIST_LINE_MAX) {
		reject(c, line, "line too long (more than %d bytes)", PERSIST_LINE_MAX);
		return;
	}
	bad = find_control_char(raw, n);
	if (bad < n) {
		reject(c, line, "control characters (byte 0x%02x at column %zu)", (unsigned char)raw[bad],
		       bad + 1);
		return;
	}
	memcpy(text, raw, n);
	text[n] = '\0';
	memset(&e, 0, sizeof(e));
	if (parse_line(c, line, text, &e) == LINE_ENTRY)
		add_entry(c, &e);
}

/* The byte's rank when sorting paths: '/' comes before every other byte,
 * so a directory is followed by its own children ("/a", "/a/b", "/a-b"). */
static int path_rank(char ch)
{
	return ch == '\0' ? 0 : ch == '/' ? 1 : (unsigned char)ch + 2;
}

static int compare_entries(const struct persist_entry *a, const struct persist_entry *b)
{
	const char *p = a->dir, *q = b->dir;

	while (*p && *p == *q)
		p++, q++;
	if (*p != *q)
		return path_rank(*p) - path_rank(*q);
	return a->line < b->line ? -1 : a->line > b->line;
}

/* Insertion sort: at most PERSIST_MAX_ENTRIES entries, and no qsort in /init. */
static void sort_parents_first(struct persist_conf *c)
{
	for (size_t i = 1; i < c->nentries; i++) {
		struct persist_entry e = c->entries[i];
		size_t j = i;

		for (; j > 0 && compare_entries(&c->entries[j - 1], &e) > 0; j--)
			c->entries[j] = c->entries[j - 1];
		c->entries[j] = e;
	}
}

void persistconf_parse(const char *text, size_t len, struct persist_conf *out)
{
	size_t pos = 0;
	unsigned line = 0;

	memset(out, 0, sizeof(*out));
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
		pos = 3; /* a UTF-8 byte order mark, as some Windows editors write */
	while (pos < len) {
		const char *start = text + pos;
		const char *nl = memchr(start, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - start) : len - pos;

		pos += n + (nl != NULL);
		handle_line(out, ++line, start, n);
	}
	sort_parents_first(out);
}

bool persistconf_is_root_union(const struct persist_conf *c)
{
	for (size_t i = 0; i < c->nentries; i++)
		if (strcmp(c->entries[i].dir, "/") == 0 && c->entries[i].kind == PERSIST_UNION)
			return true;
	return false;
}

const char *persistconf_kind_name(enum persist_kind kind)
{
	switch (kind) {
	case PERSIST_LINK:
		return "link";
	case PERSIST_UNION:
		return "union";
	case PERSIST_BIND:
	default:
		return "bind";
	}
}
