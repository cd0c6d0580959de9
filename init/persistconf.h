/* init/persistconf.h: persistence.conf, the list of directories a
 * persistence volume keeps, in Debian live-boot's format (persistence.conf(5)).
 *
 * Pure code: no syscalls, no allocation. The file comes from a writable USB
 * stick, so it is untrusted: every line is checked on its own, a bad line is
 * refused with its number and the reason, and the good lines still apply.
 *
 * Format, one entry a line:   DIR [OPTIONS]
 *   DIR      an absolute path in the live system; repeated '/', a trailing
 *            '/' and "." components are normalised away; ".." is refused, as
 *            are /proc, /sys, /dev, /run and /lib/live and anything below them.
 *   OPTIONS  a comma-separated list: bind (the default), link or union (at
 *            most one of them), source=PATH (relative to the volume root, "."
 *            for the root itself; default: DIR without its leading '/').
 *            Like live-boot, options may also be spread over several
 *            blank-separated fields ("/home bind source=h").
 *   "/" is only accepted as "/ union" (full persistence), without source=.
 * Fields are separated by blanks or tabs; '#' at the start of a field starts
 * a comment; blank lines are ignored; CRLF line ends and a UTF-8 byte order
 * mark at the start of the file are accepted. A line longer than
 * PERSIST_LINE_MAX bytes or holding a control character (a NUL or any byte
 * below 0x20 other than tab and CR, or DEL) is refused whole, comments too.
 * A second line with the same DIR (after normalisation) is refused. */
#ifndef LIVEINIT_PERSISTCONF_H
#define LIVEINIT_PERSISTCONF_H
#include <stdbool.h>
#include <stddef.h>

#define PERSIST_MAX_ENTRIES 64
#define PERSIST_MAX_ERRORS 32
#define PERSIST_PATH_MAX 256
#define PERSIST_LINE_MAX 1024

/* How the source directory on the volume is brought to DIR. */
enum persist_kind {
	PERSIST_BIND,  /* bind-mounted over DIR (the default) */
	PERSIST_LINK,  /* each file of the source symlinked into DIR */
	PERSIST_UNION, /* the source is the upper layer of an overlay on DIR */
};

struct persist_entry {
	char dir[PERSIST_PATH_MAX];    /* absolute, normalised ("/home", "/var/lib/x", "/") */
	char source[PERSIST_PATH_MAX]; /* relative to the volume root, normalised, no leading '/'; "" means the volume root itself */
	enum persist_kind kind;
	unsigned line;                 /* 1-based line number in the file */
};

/* why: one short English sentence without a trailing newline, for the log. */
struct persist_error { unsigned line; char why[160]; };

struct persist_conf {
	struct persist_entry entries[PERSIST_MAX_ENTRIES];
	size_t nentries;
	struct persist_error errors[PERSIST_MAX_ERRORS];
	size_t nerrors;
	size_t nerrors_dropped; /* errors beyond PERSIST_MAX_ERRORS */
};

/* Parses the file's text (need not be NUL-terminated, may contain NULs and garbage).
 * Never fails as a whole: each bad line is rejected with its line number and why, the rest applies.
 * Entries come out sorted so parents come before children ("/" < "/home" < "/home/user"),
 * ties broken by line number. */
void persistconf_parse(const char *text, size_t len, struct persist_conf *out);

bool persistconf_is_root_union(const struct persist_conf *c); /* has a "/ union" entry */

/* "bind", "link" or "union", as written in the file (for log lines). */
const char *persistconf_kind_name(enum persist_kind kind);

#endif
