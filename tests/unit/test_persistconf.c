/* tests/unit/test_persistconf.c: persistence.conf as live-boot documents it,
 * and as a hostile stick might write it. Every input is parsed from a heap
 * copy of its exact length, without a NUL, so ASan catches any read past it. */
#include "../../init/persistconf.h"
#include "../tap.h"

#include <stdint.h>
#include <stdlib.h>

static struct persist_conf conf; /* 40 KiB: static rather than on the stack */

static void parse_bytes(const char *text, size_t len)
{
	char *copy = malloc(len ? len : 1);

	if (!copy)
		abort();
	memcpy(copy, text, len);
	persistconf_parse(copy, len, &conf);
	free(copy);
}

static void parse(const char *text)
{
	parse_bytes(text, strlen(text));
}

static const struct persist_entry *find(const char *dir)
{
	for (size_t i = 0; i < conf.nentries; i++)
		if (strcmp(conf.entries[i].dir, dir) == 0)
			return &conf.entries[i];
	return NULL;
}

/* The why of the error on that line, or NULL when the line has none. */
static const char *error_on(unsigned line)
{
	for (size_t i = 0; i < conf.nerrors; i++)
		if (conf.errors[i].line == line)
			return conf.errors[i].why;
	return NULL;
}

/* An entry as the test expects it: dir, source, kind, line. */
static void is_entry(const char *dir, const char *source, enum persist_kind kind, unsigned line)
{
	const struct persist_entry *e = find(dir);

	ok(e != NULL, "%s is an entry", dir);
	if (!e)
		return;
	is_str(e->source, source, "%s: source '%s'", dir, source);
	is_str(persistconf_kind_name(e->kind), persistconf_kind_name(kind), "%s: %s", dir,
	       persistconf_kind_name(kind));
	is_int(e->line, line, "%s: from line %u", dir, line);
}

/* The order the caller mounts in: the given dirs, exactly, in that order. */
static void is_order(const char *const *dirs, size_t n, const char *what)
{
	int same = conf.nentries == n;

	for (size_t i = 0; same && i < n; i++)
		same = strcmp(conf.entries[i].dir, dirs[i]) == 0;
	ok(same, "%s", what);
	if (!same)
		for (size_t i = 0; i < conf.nentries; i++)
			printf("#   entry %zu: %s (line %u)\n", i, conf.entries[i].dir, conf.entries[i].line);
}

static void test_man_page_example(void)
{
	static const char *const order[] = { "/home", "/home/user1", "/home/user2", "/usr" };

	parse("/home/user1 link,source=config-files/user1\n"
	      "/home/user2 link,source=config-files/user2\n"
	      "/home\n"
	      "/usr union\n");
	is_int(conf.nerrors, 0, "persistence.conf(5)'s example parses without errors");
	is_entry("/home/user1", "config-files/user1", PERSIST_LINK, 1);
	is_entry("/home/user2", "config-files/user2", PERSIST_LINK, 2);
	is_entry("/home", "home", PERSIST_BIND, 3);
	is_entry("/usr", "usr", PERSIST_UNION, 4);
	is_order(order, 4, "line 3 (/home) is mounted before lines 1 and 2, which it would hide");
	ok(!persistconf_is_root_union(&conf), "no root union there");
}

static void test_live_manual_examples(void)
{
	parse("/ union\n");
	is_int(conf.nentries, 1, "full persistence: '/ union'");
	is_entry("/", "", PERSIST_UNION, 1);
	ok(persistconf_is_root_union(&conf), "'/ union' is a root union");

	parse("/home bind,source=.\n/var/cache/apt\n/usr union\n");
	is_int(conf.nerrors, 0, "home-rw's replacement, apt's cache and a /usr union");
	is_entry("/home", "", PERSIST_BIND, 1);
	is_entry("/var/cache/apt", "var/cache/apt", PERSIST_BIND, 2);
	is_entry("/usr", "usr", PERSIST_UNION, 3);
	ok(!persistconf_is_root_union(&conf), "a /usr union is not a root union");
}

static void test_defaults_and_options(void)
{
	parse("/var/lib/x\n/srv bind\n/etc/skel link\n/opt union,source=opt-rw\n"
	      "/data source=stick/data,bind\n/home bind source=home-data\n");
	is_int(conf.nerrors, 0, "options in any order, also in several fields as live-boot allows");
	is_entry("/var/lib/x", "var/lib/x", PERSIST_BIND, 1);
	is_entry("/srv", "srv", PERSIST_BIND, 2);
	is_entry("/etc/skel", "etc/skel", PERSIST_LINK, 3);
	is_entry("/opt", "opt-rw", PERSIST_UNION, 4);
	is_entry("/data", "stick/data", PERSIST_BIND, 5);
	is_entry("/home", "home-data", PERSIST_BIND, 6);
	is_str(persistconf_kind_name(PERSIST_BIND), "bind", "kind names as written in the file");
	is_str(persistconf_kind_name(PERSIST_LINK), "link", "link");
	is_str(persistconf_kind_name(PERSIST_UNION), "union", "union");
}

static void test_normalisation(void)
{
	parse("//home///user/./ bind\n/var/ source=./a//b/.\n/srv source=./\n/.//. union\n"
	      "/opt/./x source=x/\n");
	is_int(conf.nerrors, 0, "repeated slashes, trailing slashes and '.' are normalised");
	is_entry("/home/user", "home/user", PERSIST_BIND, 1);
	is_entry("/var", "a/b", PERSIST_BIND, 2);
	is_entry("/srv", "", PERSIST_BIND, 3);
	is_entry("/", "", PERSIST_UNION, 4);
	is_entry("/opt/x", "x", PERSIST_BIND, 5);
	parse("/home\n/home/\n//home/.\n");
	is_int(conf.nentries, 1, "spellings of one DIR are one entry");
	is_str(error_on(2), "duplicate of line 1: /home", "/home/ is /home");
	is_str(error_on(3), "duplicate of line 1: /home", "//home/. is /home");
}

static void test_parents_first(void)
{
	static const char *const order[] = { "/",     "/a",         "/a/b/c",    "/home",
					     "/home/user", "/home/user/x", "/home-x", "/homes" };

	parse("/home/user/x\n/homes\n/home-x\n/home/user\n/a/b/c\n/home\n/a\n/ union\n");
	is_int(conf.nerrors, 0, "eight directories");
	is_order(order, 8, "sorted parents first, each directory followed by its children");
	parse("/b\n/a\n");
	ok(conf.entries[0].line == 2 && conf.entries[1].line == 1, "the line numbers travel with the entries");
}

static void test_comments_blanks_crlf(void)
{
	parse("\xef\xbb\xbf# persistence.conf written on Windows\r\n"
	      "\r\n"
	      "   \t \r\n"
	      "\t# an indented comment\r\n"
	      "/home # a trailing comment\r\n"
	      "/usr\tunion\t#another\r\n"
	      "/opt#not-a-comment\r\n"
	      "  /srv   bind,source=srv-data  \r\n"
	      "/last link");
	is_int(conf.nerrors, 0, "comments, blank lines, CRLF and a byte order mark");
	is_int(conf.nentries, 5, "five entries");
	is_entry("/home", "home", PERSIST_BIND, 5);
	is_entry("/usr", "usr", PERSIST_UNION, 6);
	is_entry("/opt#not-a-comment", "opt#not-a-comment", PERSIST_BIND, 7);
	is_entry("/srv", "srv-data", PERSIST_BIND, 8);
	is_entry("/last", "last", PERSIST_LINK, 9);

	parse("");
	ok(conf.nentries == 0 && conf.nerrors == 0, "an empty file is no entries and no errors");
	persistconf_parse(NULL, 0, &conf);
	ok(conf.nentries == 0 && conf.nerrors == 0, "NULL with length 0 too");
	parse("\n\n\n# only comments\n");
	ok(conf.nentries == 0 && conf.nerrors == 0, "only blank lines and comments");
}

/* One line of the hostile file: its bytes (len 0: strlen), and the error
 * it must get, NULL for a line that applies. */
struct hostile_line {
	const char *text;
	size_t len;
	const char *why;
};

static const struct hostile_line hostile[] = {
	{ "# hostile persistence.conf", 0, NULL },
	{ "/home/../etc", 0, "'..' is not allowed in /home/../etc" },
	{ "/home", 0, NULL },
	{ "/srv bind,source=../../etc", 0, "'..' is not allowed in ../../etc" },
	{ "/opt source=/etc", 0, "source must be a relative path: /etc" },
	{ "/usr union", 0, NULL },
	{ "(the 5000-byte line)", 0, "line too long (more than 1024 bytes)" },
	{ "/var/cache/apt", 0, NULL },
	{ "\x01\x02\xff\xfe/x", 0, "control characters (byte 0x01 at column 1)" },
	{ "/tmp\0/evil", 10, "control characters (byte 0x00 at column 5)" },
	{ "/home bind", 0, "duplicate of line 3: /home" },
	{ "/media foo,bar", 0, "unknown option 'foo'" },
	{ "/mnt bind,union", 0, "'bind' and 'union' cannot be combined" },
	{ "/ bind", 0, "'/' can only be a union" },
	{ "/proc/sys", 0, "cannot make /proc/sys persistent: /proc and below are off limits" },
	{ "/run/live", 0, "cannot make /run/live persistent: /run and below are off limits" },
	{ "/lib/live/mount", 0, "cannot make /lib/live/mount persistent: /lib/live and below are off limits" },
	{ "home", 0, "DIR must be an absolute path: home" },
	{ "/root link", 0, NULL },
	{ "/a source=", 0, "source= needs a path ('.' for the volume root)" },
	{ "/b bind,", 0, "empty option in 'bind,'" },
	{ "/c source=x,source=y", 0, "source= given twice" },
	{ "/etc/../../x", 0, "'..' is not allowed in /etc/../../x" },
	{ "/usr/local link,link", 0, "'link' given twice" },
	{ "/sys", 0, "cannot make /sys persistent: /sys and below are off limits" },
	{ "/dev//shm/", 0, "cannot make /dev/shm persistent: /dev and below are off limits" },
	{ "/run", 0, "cannot make /run persistent: /run and below are off limits" },
	{ "/ union,source=rw", 0, "'/' takes no source= (a root union keeps its changes in rw/ and work/)" },
	{ "/srv/x bind,source=sub/..", 0, "'..' is not allowed in sub/.." },
	{ "/etc/ssh source=.", 0, NULL },
	{ "/x\x7f", 0, "control characters (byte 0x7f at column 3)" },
	{ "/home/user/.ssh bind,source=link-to-etc", 0, NULL }, /* what it points to is the caller's worry */
	{ "/home\x1b[2J", 0, "control characters (byte 0x1b at column 6)" },
	{ "/media source", 0, "source needs a value: source=PATH" },
	{ "/runner", 0, NULL }, /* /run's neighbour, not below it */
	{ "/ union", 0, NULL },
};

#define NHOSTILE (sizeof(hostile) / sizeof(hostile[0]))

/* The hostile file, '\n'-separated, without a final newline. */
static size_t build_hostile(char *buf, size_t size)
{
	size_t n = 0;

	for (size_t i = 0; i < NHOSTILE; i++) {
		size_t len = hostile[i].len ? hostile[i].len : strlen(hostile[i].text);

		if (strcmp(hostile[i].text, "(the 5000-byte line)") == 0) {
			memset(buf + n, 'a', 5000);
			buf[n] = '/';
			len = 5000;
		} else {
			memcpy(buf + n, hostile[i].text, len);
		}
		n += len;
		if (i + 1 < NHOSTILE)
			buf[n++] = '\n';
		if (n + 5001 >= size)
			abort();
	}
	return n;
}

static void test_hostile_file(void)
{
	static char buf[16384];
	size_t len = build_hostile(buf, sizeof(buf)), nbad = 0;

	parse_bytes(buf, len);
	for (unsigned i = 0; i < NHOSTILE; i++) {
		unsigned line = i + 1;

		if (hostile[i].why) {
			nbad++;
			is_str(error_on(line), hostile[i].why, "line %u is refused", line);
		} else {
			ok(error_on(line) == NULL, "line %u has no error", line);
		}
	}
	is_int(conf.nerrors, nbad, "one error per bad line, no more");
	is_int(conf.nerrors_dropped, 0, "none dropped");
	is_int(conf.nentries, NHOSTILE - nbad - 1, "every other line applies (the comment aside)");
	is_entry("/home", "home", PERSIST_BIND, 3);
	is_entry("/usr", "usr", PERSIST_UNION, 6);
	is_entry("/var/cache/apt", "var/cache/apt", PERSIST_BIND, 8);
	is_entry("/root", "root", PERSIST_LINK, 19);
	is_entry("/etc/ssh", "", PERSIST_BIND, 30);
	is_entry("/home/user/.ssh", "link-to-etc", PERSIST_BIND, 32);
	is_entry("/runner", "runner", PERSIST_BIND, 35);
	is_entry("/", "", PERSIST_UNION, 36);
	ok(persistconf_is_root_union(&conf), "the root union on the unterminated last line applies");
	is_str(conf.entries[0].dir, "/", "and sorts first");
}

static void test_line_length(void)
{
	static char buf[PERSIST_LINE_MAX + 64];
	size_t n;

	/* exactly PERSIST_LINE_MAX bytes: "/x", blanks, a comment */
	memset(buf, ' ', PERSIST_LINE_MAX);
	memcpy(buf, "/x #", 4);
	memcpy(buf + PERSIST_LINE_MAX, "\r\n/y", 4);
	parse_bytes(buf, PERSIST_LINE_MAX + 4);
	ok(find("/x") && find("/y") && conf.nerrors == 0, "a line of exactly %d bytes (and CRLF) is read",
	   PERSIST_LINE_MAX);
	memcpy(buf + PERSIST_LINE_MAX, " \n/y", 4);
	parse_bytes(buf, PERSIST_LINE_MAX + 4);
	is_str(error_on(1), "line too long (more than 1024 bytes)", "one more byte is too long");
	ok(find("/y") && !find("/x"), "the next line still applies");
	parse_bytes(buf, PERSIST_LINE_MAX + 1);
	is_str(error_on(1), "line too long (more than 1024 bytes)", "also when it ends the input");

	/* DIR and source of PERSIST_PATH_MAX - 1 bytes fit, one more does not */
	n = (size_t)snprintf(buf, sizeof(buf), "/%0*d source=%0*d\n/%0*d\n", PERSIST_PATH_MAX - 2, 1,
			     PERSIST_PATH_MAX - 1, 2, PERSIST_PATH_MAX - 1, 3);
	parse_bytes(buf, n);
	is_int(conf.nentries, 1, "a 255-byte DIR and source fit");
	ok(conf.nentries == 1 && strlen(conf.entries[0].dir) == PERSIST_PATH_MAX - 1 &&
		   strlen(conf.entries[0].source) == PERSIST_PATH_MAX - 1,
	   "kept whole");
	ok(error_on(2) && strncmp(error_on(2), "DIR is too long (at most 255 bytes): /000", 41) == 0,
	   "a 256-byte DIR is refused: %s", error_on(2) ? error_on(2) : "(none)");
	n = (size_t)snprintf(buf, sizeof(buf), "/s source=%0*d", PERSIST_PATH_MAX, 4);
	parse_bytes(buf, n);
	ok(error_on(1) && strncmp(error_on(1), "source is too long", 18) == 0, "so is a 256-byte source");
	n = (size_t)snprintf(buf, sizeof(buf), "/%0*d", PERSIST_PATH_MAX - 2, 5);
	memcpy(buf + n, "/../x", 5);
	parse_bytes(buf, n + 5);
	ok(error_on(1) && strncmp(error_on(1), "'..' is not allowed in", 22) == 0,
	   "'..' is found even past the length limit");
}

static void test_ten_thousand_lines(void)
{
	static char buf[10000 * 8];
	size_t n = 0;

	for (int i = 0; i < 10000; i++)
		n += (size_t)sprintf(buf + n, "/d%d\n", i);
	parse_bytes(buf, n);
	is_int(conf.nentries, PERSIST_MAX_ENTRIES, "the first %d entries apply", PERSIST_MAX_ENTRIES);
	is_int(conf.nerrors, PERSIST_MAX_ERRORS, "%d errors are kept", PERSIST_MAX_ERRORS);
	is_int(conf.nerrors_dropped, 10000 - PERSIST_MAX_ENTRIES - PERSIST_MAX_ERRORS, "the rest are counted");
	is_int(conf.errors[0].line, PERSIST_MAX_ENTRIES + 1, "the first refused is line 65");
	is_str(conf.errors[0].why, "too many entries (at most 64)", "because there are too many");
	is_int(conf.errors[PERSIST_MAX_ERRORS - 1].line, PERSIST_MAX_ENTRIES + PERSIST_MAX_ERRORS,
	       "the last kept is line 96");
	ok(find("/d0") && find("/d63") && !find("/d64"), "entries are the first lines, in file order");
	is_str(conf.entries[0].dir, "/d0", "sorted: /d0 first");
	is_str(conf.entries[1].dir, "/d1", "then /d1");
	is_str(conf.entries[2].dir, "/d10", "then /d10");
}

/* True when dir a is a proper ancestor of dir b ("/" of "/x", "/a" of "/a/b"). */
static bool is_ancestor(const char *a, const char *b)
{
	size_t n = strlen(a);

	if (strcmp(a, "/") == 0)
		return strcmp(b, "/") != 0;
	return strncmp(a, b, n) == 0 && b[n] == '/';
}

/* A ".." component climbs; "a..b" or "..." are ordinary names. */
static bool has_dotdot(const char *p)
{
	for (const char *s = p; (s = strstr(s, "..")); s++)
		if ((s == p || s[-1] == '/') && (s[2] == '/' || s[2] == '\0'))
			return true;
	return false;
}

/* The promises the caller relies on, whatever the input. */
static bool keeps_promises(void)
{
	if (conf.nentries > PERSIST_MAX_ENTRIES || conf.nerrors > PERSIST_MAX_ERRORS)
		return false;
	for (size_t i = 0; i < conf.nentries; i++) {
		const struct persist_entry *e = &conf.entries[i];

		if (!memchr(e->dir, '\0', sizeof(e->dir)) || !memchr(e->source, '\0', sizeof(e->source)))
			return false;
		if (e->dir[0] != '/' || has_dotdot(e->dir) || strstr(e->dir, "//") || e->source[0] == '/' ||
		    has_dotdot(e->source) || strstr(e->source, "//"))
			return false;
		for (size_t j = 0; j < i; j++)
			if (is_ancestor(e->dir, conf.entries[j].dir))
				return false; /* a child before its parent */
	}
	return true;
}

static void test_garbage(void)
{
	static char buf[1 << 16];
	uint32_t x = 2463534242u;
	bool all_ok = true;

	for (int round = 0; round < 64; round++) {
		for (size_t i = 0; i < sizeof(buf); i++) {
			x ^= x << 13, x ^= x >> 17, x ^= x << 5;
			/* mostly path-like bytes, so some lines get far */
			buf[i] = (char)((x & 0x300) ? "/ab.,#\n \tsource=unionlink"[x % 26] : (char)(x >> 24));
		}
		parse_bytes(buf, sizeof(buf) >> (round % 8));
		all_ok = all_ok && keeps_promises();
	}
	ok(all_ok, "random bytes: bounded, terminated, absolute, sorted");
}

int main(void)
{
	test_man_page_example();
	test_live_manual_examples();
	test_defaults_and_options();
	test_normalisation();
	test_parents_first();
	test_comments_blanks_crlf();
	test_hostile_file();
	test_line_length();
	test_ten_thousand_lines();
	test_garbage();
	return done_testing();
}
