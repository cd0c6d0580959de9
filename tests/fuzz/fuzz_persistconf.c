/* tests/fuzz/fuzz_persistconf.c: libFuzzer target for init/persistconf.c.
 * persistence.conf lives on a writable stick anyone can edit: any bytes must
 * parse without reading past the input, and every accepted entry must keep
 * the promises the mounting code relies on: absolute normalised DIR without
 * "..", relative SOURCE without "..", nothing off limits, "/" only as a
 * union, counts within bounds, parents before children. Finally the entries,
 * written back in the file's format, must parse to exactly themselves. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "persistconf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct persist_conf conf, again; /* 40 KiB each: off the stack */

static void check(int cond)
{
	if (!cond)
		abort();
}

static int terminated(const char *s, size_t n)
{
	return memchr(s, '\0', n) != NULL;
}

/* A ".." component climbs; "a..b" and "..." are ordinary names. */
static int has_dotdot(const char *p)
{
	for (const char *s = p; (s = strstr(s, "..")); s++)
		if ((s == p || s[-1] == '/') && (s[2] == '/' || s[2] == '\0'))
			return 1;
	return 0;
}

/* Normalised: no empty or "." component, no trailing '/'. */
static int is_normal(const char *p)
{
	if (strstr(p, "//") || strcmp(p, ".") == 0 || strncmp(p, "./", 2) == 0 || strstr(p, "/./"))
		return 0;
	size_t n = strlen(p);
	return n < 2 || (p[n - 1] != '/' && strcmp(p + n - 2, "/.") != 0);
}

static int is_within(const char *dir, const char *area)
{
	size_t n = strlen(area);

	return strncmp(dir, area, n) == 0 && (dir[n] == '\0' || dir[n] == '/');
}

/* True when a is a proper ancestor of b ("/" of "/x", "/a" of "/a/b"). */
static int is_ancestor(const char *a, const char *b)
{
	if (strcmp(a, "/") == 0)
		return strcmp(b, "/") != 0;
	return is_within(b, a) && strcmp(a, b) != 0;
}

static void check_entry(const struct persist_conf *c, size_t i)
{
	static const char *const off_limits[] = { "/proc", "/sys", "/dev", "/run", "/lib/live" };
	const struct persist_entry *e = &c->entries[i];

	check(terminated(e->dir, sizeof(e->dir)) && terminated(e->source, sizeof(e->source)));
	check(e->dir[0] == '/' && !has_dotdot(e->dir) && is_normal(e->dir));
	check(e->source[0] != '/' && !has_dotdot(e->source) && is_normal(e->source));
	check(e->kind == PERSIST_BIND || e->kind == PERSIST_LINK || e->kind == PERSIST_UNION);
	check(e->line >= 1);
	for (size_t k = 0; k < sizeof(off_limits) / sizeof(off_limits[0]); k++)
		check(!is_within(e->dir, off_limits[k]));
	if (strcmp(e->dir, "/") == 0)
		check(e->kind == PERSIST_UNION && e->source[0] == '\0');
	for (size_t j = 0; j < i; j++) {
		check(strcmp(c->entries[j].dir, e->dir) != 0); /* no duplicates */
		check(!is_ancestor(e->dir, c->entries[j].dir)); /* no child before its parent */
	}
}

static void check_conf(const struct persist_conf *c)
{
	check(c->nentries <= PERSIST_MAX_ENTRIES && c->nerrors <= PERSIST_MAX_ERRORS);
	check(c->nerrors_dropped == 0 || c->nerrors == PERSIST_MAX_ERRORS);
	for (size_t i = 0; i < c->nerrors; i++) {
		check(terminated(c->errors[i].why, sizeof(c->errors[i].why)) && c->errors[i].why[0]);
		check(c->errors[i].line >= 1 && (i == 0 || c->errors[i].line > c->errors[i - 1].line));
		check(!strchr(c->errors[i].why, '\n'));
	}
	for (size_t i = 0; i < c->nentries; i++)
		check_entry(c, i);
	check(persistconf_is_root_union(c) == (c->nentries > 0 && strcmp(c->entries[0].dir, "/") == 0));
}

/* One entry in the file's own format. A default source is left out: it may
 * hold a ',' (from DIR "/a,b"), which no source= option can spell. */
static int write_entry(const struct persist_entry *e, char *buf, size_t size)
{
	const char *kind = persistconf_kind_name(e->kind);

	if (strcmp(e->source, e->dir + 1) == 0)
		return snprintf(buf, size, "%s %s\n", e->dir, kind);
	return snprintf(buf, size, "%s %s,source=%s\n", e->dir, kind, e->source[0] ? e->source : ".");
}

/* The entries in the file's own format, one a line, in their sorted order. */
static size_t write_back(const struct persist_conf *c, char *buf, size_t size)
{
	size_t n = 0;

	for (size_t i = 0; i < c->nentries; i++) {
		int w = write_entry(&c->entries[i], buf + n, size - n);

		check(w > 0 && (size_t)w < size - n);
		n += (size_t)w;
	}
	return n;
}

static void check_round_trip(const struct persist_conf *c)
{
	static char buf[PERSIST_MAX_ENTRIES * (2 * PERSIST_PATH_MAX + 32)];
	size_t n = write_back(c, buf, sizeof(buf));

	persistconf_parse(buf, n, &again);
	check(again.nerrors == 0 && again.nentries == c->nentries);
	for (size_t i = 0; i < c->nentries; i++) {
		check(strcmp(again.entries[i].dir, c->entries[i].dir) == 0);
		check(strcmp(again.entries[i].source, c->entries[i].source) == 0);
		check(again.entries[i].kind == c->entries[i].kind);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	persistconf_parse((const char *)data, size, &conf);
	check_conf(&conf);
	check_round_trip(&conf);
	return 0;
}
