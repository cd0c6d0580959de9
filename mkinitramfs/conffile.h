/* mkinitramfs/conffile.h: the configuration file (configs/mkinitramfs.conf).
 *
 * Lines `KEY=VALUE`; blank lines and lines starting with '#' are ignored, and
 * so is the rest of a line from a '#' after a blank. VALUE is a list of
 * words separated by blanks, optionally in double quotes
 * (`MODULES="live most"`). It is taken literally: no variables, no escapes,
 * and none of $ ` \ ' " ; & | < > ( ) inside it, so the file means the same
 * when a shell script sources it. A key may be given once.
 *
 *   MODULES=SET...         module sets: a name (live, most, dep: NAME.conf in
 *                          the module set directory), or a path (a word with
 *                          a '/' or ending in ".conf")
 *   COMPRESS=METHOD        zstd, xz, gzip, lz4 or none
 *   BUSYBOX=PATH           the busybox for the emergency shell; empty: none
 *   E2FSCK=PATH            the e2fsck that checks persistence volumes; empty:
 *                          the host's (the 20-e2fsck hook looks for it)
 *   BINARIES=PATH[:DEST]...   programs with their libraries (as --add-binary)
 *   FILES=SRC:DEST...      host files (as --add-file)
 *   HOOKS_DIRS=DIR...      build hook directories, in order; empty: none
 *
 * A relative path (a set's file, BUSYBOX, E2FSCK, a PATH or SRC, a hook directory)
 * is relative to the directory of the configuration file.
 */
#ifndef MKINITRAMFS_CONFFILE_H
#define MKINITRAMFS_CONFFILE_H
#include <stdbool.h>
#include <stddef.h>

#include "strlist.h"

#define CONFFILE_MAX_BYTES (1u << 20)

enum conffile_key {
	CONF_MODULES, CONF_COMPRESS, CONF_BUSYBOX, CONF_E2FSCK, CONF_BINARIES, CONF_FILES,
	CONF_HOOKS_DIRS, CONF_NKEYS
};

extern const char *const conffile_key_names[CONF_NKEYS];

struct conffile {
	struct strlist values[CONF_NKEYS]; /* the words, relative paths resolved */
	size_t line[CONF_NKEYS];           /* the line that set the key; 0: not set */
};

struct conffile_problem {
	size_t line;
	char detail[512];
};

/* Whether a MODULES word is a path (else a set name). */
bool conffile_is_path(const char *word);

/* Parses the text (len bytes, need not be NUL-terminated); base_dir (or NULL)
 * is the file's directory. Returns 0, -EINVAL (problem says which line and
 * why) or -ENOMEM. Free *c with conffile_free in any case. */
int conffile_parse(struct conffile *c, const char *text, size_t len, const char *base_dir,
		   struct conffile_problem *problem);

void conffile_free(struct conffile *c);

#endif
