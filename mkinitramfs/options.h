/* mkinitramfs/options.h: the command line, merged with the configuration
 * file into the settings of one run.
 *
 * Precedence: built-in defaults, then the configuration file
 * (MKINITRAMFS_CONFIG, or --config FILE; none with --no-config), then the
 * command line: --modules, --compress, --busybox, --e2fsck replace MODULES,
 * COMPRESS, BUSYBOX, E2FSCK; --add-binary and --add-file add to BINARIES and FILES;
 * --hooks-dir adds a directory after HOOKS_DIRS; --no-hooks empties
 * HOOKS_DIRS (the --hooks-dir directories still count).
 *
 * The built-in paths are compiled in (mkinitramfs/build.mk sets them to the
 * source tree; a distribution sets its own):
 *   MKINITRAMFS_CONFIG       the default configuration file
 *   MKINITRAMFS_MODULES_DIR  where the set NAME is NAME.conf
 *   MKINITRAMFS_HOOKS_DIR    HOOKS_DIRS when the configuration sets none
 */
#ifndef MKINITRAMFS_OPTIONS_H
#define MKINITRAMFS_OPTIONS_H
#include <stdbool.h>

#include "strlist.h"

#ifndef MKINITRAMFS_CONFIG
#define MKINITRAMFS_CONFIG "configs/mkinitramfs.conf"
#endif
#ifndef MKINITRAMFS_MODULES_DIR
#define MKINITRAMFS_MODULES_DIR "configs/modules"
#endif
#ifndef MKINITRAMFS_HOOKS_DIR
#define MKINITRAMFS_HOOKS_DIR "hooks/build"
#endif

struct options {
	const char *output, *init, *version;
	const char *kernel_tree, *modules_tree, *kver; /* NULL: not given */
	const char *sysfs, *proc;
	bool list, quiet;
	const char *cache_dir;     /* --cache-dir; NULL: the default (segcache.h) */
	bool no_cache;
	struct strlist modules;    /* module set files (names resolved) */
	char *compress;
	char *busybox;             /* NULL: none */
	char *e2fsck;              /* NULL: the host's (the 20-e2fsck hook finds it) */
	struct strlist binaries;   /* "PATH[:DEST]" */
	struct strlist files;      /* "SRC:DEST" */
	struct strlist hooks_dirs;
	struct strlist firmware_dirs; /* --firmware-dir: instead of the tree's and the host's */
};

/* Parses the command line and reads the configuration file. Returns 0 to go
 * on, else the exit status (0 after --help, 2 after a message about a usage
 * or configuration error). */
int options_parse(int argc, char **argv, struct options *o, bool *done);

/* Splits "PATH[:DEST]" at the last ':' into a new *source (to free) and a
 * pointer into word for *dest (PATH itself without a ':'). 0 or -ENOMEM. */
int options_split_pair(const char *word, char **source, const char **dest);

void options_free(struct options *o);

#endif
