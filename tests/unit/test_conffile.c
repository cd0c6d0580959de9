/* tests/unit/test_conffile.c: mkinitramfs's configuration file
 * (mkinitramfs/conffile.c): each key, quotes and comments, relative paths,
 * and every kind of bad line, named by its number. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "conffile.h"
#include "tap.h"

static int parse(struct conffile *c, const char *text, const char *dir, struct conffile_problem *p)
{
	return conffile_parse(c, text, strlen(text), dir, p);
}

static const char *item(const struct conffile *c, enum conffile_key k, size_t i)
{
	return i < c->values[k].count ? c->values[k].items[i] : NULL;
}

static void test_every_key(void)
{
	static const char text[] =
		"# a comment\n"
		"\n"
		"MODULES=live most sets/mine.conf   # a comment after a blank\n"
		"  COMPRESS=\"xz\"\n"
		"BUSYBOX=bin/busybox\n"
		"E2FSCK=../build/programs/e2fsck\n"
		"BINARIES=/sbin/e2fsck.static:/sbin/e2fsck tools/x /usr/bin/y\n"
		"FILES=etc/a:/etc/a /etc/b:/etc/b#c\n"
		"HOOKS_DIRS=\"../hooks/build /etc/liveinit/hooks\"\n";
	struct conffile c;
	struct conffile_problem p;

	is_int(parse(&c, text, "/cfg", &p), 0, "every key: parsed");
	is_int(c.values[CONF_MODULES].count, 3, "MODULES: three words");
	is_str(item(&c, CONF_MODULES, 0), "live", "MODULES: a set name stays a name");
	is_str(item(&c, CONF_MODULES, 2), "/cfg/sets/mine.conf", "MODULES: a path, relative to the file");
	is_str(item(&c, CONF_COMPRESS, 0), "xz", "COMPRESS: quoted");
	is_str(item(&c, CONF_BUSYBOX, 0), "/cfg/bin/busybox", "BUSYBOX: relative to the file");
	is_str(item(&c, CONF_E2FSCK, 0), "/cfg/../build/programs/e2fsck", "E2FSCK: relative to the file");
	is_str(item(&c, CONF_BINARIES, 0), "/sbin/e2fsck.static:/sbin/e2fsck", "BINARIES: PATH:DEST");
	is_str(item(&c, CONF_BINARIES, 1), "/cfg/tools/x", "BINARIES: a relative PATH");
	is_str(item(&c, CONF_BINARIES, 2), "/usr/bin/y", "BINARIES: PATH alone");
	is_str(item(&c, CONF_FILES, 0), "/cfg/etc/a:/etc/a", "FILES: SRC relative, DEST kept");
	is_str(item(&c, CONF_FILES, 1), "/etc/b:/etc/b#c", "FILES: '#' inside a word is no comment");
	is_str(item(&c, CONF_HOOKS_DIRS, 0), "/cfg/../hooks/build", "HOOKS_DIRS: relative");
	is_str(item(&c, CONF_HOOKS_DIRS, 1), "/etc/liveinit/hooks", "HOOKS_DIRS: absolute");
	is_int(c.line[CONF_COMPRESS], 4, "each key remembers its line");
	is_int(c.line[CONF_E2FSCK], 6, "... E2FSCK's too");
	conffile_free(&c);
}

static void test_empty_values(void)
{
	struct conffile c;
	struct conffile_problem p;

	is_int(parse(&c, "BUSYBOX=\nHOOKS_DIRS=\"\"\nFILES=  # none\n", NULL, &p), 0, "empty values");
	ok(c.line[CONF_BUSYBOX] == 1 && c.values[CONF_BUSYBOX].count == 0,
	   "BUSYBOX= is set, to nothing");
	ok(c.line[CONF_HOOKS_DIRS] == 2 && c.values[CONF_HOOKS_DIRS].count == 0,
	   "HOOKS_DIRS=\"\" is set, to nothing");
	ok(c.line[CONF_MODULES] == 0, "a key not given is not set");
	conffile_free(&c);
	is_int(parse(&c, "MODULES=a\r\nCOMPRESS=none", NULL, &p), 0, "CRLF, no final newline");
	is_str(item(&c, CONF_COMPRESS, 0), "none", "... read");
	conffile_free(&c);
}

struct bad {
	const char *text;
	size_t line;
	const char *says;
};

static const struct bad bad_lines[] = {
	{ "MODULES=live\nFOO=bar\n", 2, "unknown key 'FOO'" },
	{ "MODULES = live\n", 1, "expected KEY=VALUE" },
	{ "modules=live\n", 1, "expected KEY=VALUE" },
	{ "MODULES\n", 1, "expected KEY=VALUE" },
	{ "\n\nMODULES=a\nMODULES=b\n", 4, "set twice (first on line 3)" },
	{ "BUSYBOX=$HOME/busybox\n", 1, "'$'" },
	{ "BUSYBOX=`which busybox`\n", 1, "'`'" },
	{ "FILES=a\\ b:/b\n", 1, "'\\'" },
	{ "MODULES=live;rm\n", 1, "';'" },
	{ "MODULES=\"live\n", 1, "unterminated" },
	{ "MODULES=\"live\" most\n", 1, "after the closing" },
	{ "COMPRESS=bzip2\n", 1, "COMPRESS: 'bzip2'" },
	{ "COMPRESS=zstd xz\n", 1, "COMPRESS: 'xz'" },
	{ "COMPRESS=\n", 1, "COMPRESS: expected" },
	{ "BUSYBOX=/a /b\n", 1, "BUSYBOX: '/b'" },
	{ "E2FSCK=/a /b\n", 1, "E2FSCK: '/b': expected one path, or nothing" },
	{ "FILES=/etc/a\n", 1, "FILES: '/etc/a'" },
	{ "FILES=/etc/a:etc/a\n", 1, "DEST absolute" },
	{ "BINARIES=/x:/../y\n", 1, "BINARIES: '/x:/../y'" },
	{ "MODULES=Live\n", 1, "MODULES: 'Live'" },
};

static void test_bad_lines(void)
{
	for (size_t i = 0; i < sizeof(bad_lines) / sizeof(*bad_lines); i++) {
		const struct bad *b = &bad_lines[i];
		struct conffile c;
		struct conffile_problem p;
		int err = parse(&c, b->text, "/cfg", &p);

		ok(err == -EINVAL && p.line == b->line && strstr(p.detail, b->says),
		   "refused, line %zu: %s", b->line, p.detail);
		conffile_free(&c);
	}
}

static void test_nul_byte(void)
{
	struct conffile c;
	struct conffile_problem p;

	is_int(conffile_parse(&c, "MODULES=a\nBUS\0YBOX=b\n", 21, NULL, &p), -EINVAL,
	       "a NUL byte refused");
	ok(p.line == 2 && strstr(p.detail, "NUL"), "... on line 2 (%s)", p.detail);
	conffile_free(&c);
}

static void test_is_path(void)
{
	ok(!conffile_is_path("live") && !conffile_is_path("dep"), "names are no paths");
	ok(conffile_is_path("./live") && conffile_is_path("mine.conf") &&
	   conffile_is_path("/etc/x"), "a '/' or .conf makes a path");
}

int main(void)
{
	test_every_key();
	test_empty_values();
	test_bad_lines();
	test_nul_byte();
	test_is_path();
	return done_testing();
}
