/* tests/unit/test_directive.c: the lines build hooks print
 * (mkinitramfs/directive.c): each directive with its optional words, and
 * every kind of bad line. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "directive.h"
#include "tap.h"

static char detail[512];

static int parse(const char *line, struct directive *d)
{
	return directive_parse(line, d, detail, sizeof(detail));
}

static void test_nothing(void)
{
	const char *lines[] = { "", "   ", "# a comment", "  #indented comment", "\t" };

	for (size_t i = 0; i < sizeof(lines) / sizeof(*lines); i++) {
		struct directive d;

		ok(parse(lines[i], &d) == 0 && d.type == DIRECTIVE_NONE, "nothing: '%s'", lines[i]);
		directive_free(&d);
	}
}

static void test_file(void)
{
	struct directive d;

	ok(parse("file /etc/a", &d) == 0 && d.type == DIRECTIVE_FILE && !strcmp(d.source, "/etc/a") &&
	   !strcmp(d.path, "/etc/a") && !d.has_mode, "file SRC: DEST is SRC, mode from the host");
	directive_free(&d);
	ok(parse("file /etc/a /x/b", &d) == 0 && !strcmp(d.path, "/x/b") && !d.has_mode,
	   "file SRC DEST");
	directive_free(&d);
	ok(parse("file /etc/a 0600", &d) == 0 && !strcmp(d.path, "/etc/a") && d.has_mode &&
	   d.mode == 0600, "file SRC MODE");
	directive_free(&d);
	ok(parse("file\t/etc/a  /x/b   4755 ", &d) == 0 && !strcmp(d.path, "/x/b") && d.mode == 04755,
	   "file SRC DEST MODE, tabs and blanks");
	directive_free(&d);
}

static void test_others(void)
{
	struct directive d;

	ok(parse("dir /var/lib/x", &d) == 0 && d.type == DIRECTIVE_DIR && d.mode == 0755 &&
	   !strcmp(d.path, "/var/lib/x"), "dir PATH: 0755");
	directive_free(&d);
	ok(parse("dir /tmp2 1777", &d) == 0 && d.mode == 01777, "dir PATH MODE");
	directive_free(&d);
	ok(parse("slink /bin/sh busybox", &d) == 0 && d.type == DIRECTIVE_SLINK &&
	   !strcmp(d.path, "/bin/sh") && !strcmp(d.target, "busybox"), "slink PATH TARGET");
	directive_free(&d);
	ok(parse("module ext4", &d) == 0 && d.type == DIRECTIVE_MODULE && !strcmp(d.source, "ext4"),
	   "module NAME");
	directive_free(&d);
	ok(parse("binary /sbin/e2fsck.static /sbin/e2fsck", &d) == 0 && d.type == DIRECTIVE_BINARY &&
	   !strcmp(d.source, "/sbin/e2fsck.static") && !strcmp(d.path, "/sbin/e2fsck"),
	   "binary PATH DEST");
	directive_free(&d);
	ok(parse("binary /bin/x", &d) == 0 && !strcmp(d.path, "/bin/x"), "binary PATH");
	directive_free(&d);
}

struct bad {
	const char *line;
	const char *says;
};

static const struct bad bad_lines[] = {
	{ "copy /a /b", "unknown directive 'copy'" },
	{ "FILE /a", "unknown directive 'FILE'" },
	{ "file", "expected 'file SRC [DEST] [MODE]'" },
	{ "file a/b", "must be an absolute path" },
	{ "file /a /b 0644 extra", "expected 'file SRC" },
	{ "file /a b/c", "expected an octal MODE" },
	{ "file /a b/c 0644", "expected an absolute DEST" },
	{ "file /a /b 0999", "expected an octal MODE" },
	{ "file /a /b 17777", "expected an octal MODE" },
	{ "file /a /b/../c", "not an absolute image path" },
	{ "file /a/./b", "not an absolute image path" },
	{ "dir", "expected 'dir PATH [MODE]'" },
	{ "dir /a rwx", "expected an octal MODE" },
	{ "dir relative", "not an absolute image path" },
	{ "slink /a", "expected 'slink PATH TARGET'" },
	{ "slink /a b c", "expected 'slink PATH TARGET'" },
	{ "module", "expected 'module NAME'" },
	{ "module a b", "expected 'module NAME'" },
	{ "binary /a b", "expected an absolute DEST" },
	{ "binary /a /b /c", "expected 'binary PATH [DEST]'" },
};

static void test_bad_lines(void)
{
	for (size_t i = 0; i < sizeof(bad_lines) / sizeof(*bad_lines); i++) {
		struct directive d;
		int err = parse(bad_lines[i].line, &d);

		ok(err == -EINVAL && strstr(detail, bad_lines[i].says), "refused: '%s' (%s)",
		   bad_lines[i].line, detail);
		directive_free(&d);
	}
}

int main(void)
{
	test_nothing();
	test_file();
	test_others();
	test_bad_lines();
	return done_testing();
}
