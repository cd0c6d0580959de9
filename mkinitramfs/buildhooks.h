/* mkinitramfs/buildhooks.h: build hooks, the programs that say what else
 * goes into the image.
 *
 * The hooks are the executables in the hook directories whose names are made
 * of letters, digits, '_' and '-' (as run-parts takes them: no "x.sh", no
 * "x~", no ".x"), run in name order (bytewise) across all directories. A
 * name in a later directory replaces the same name in an earlier one, so a
 * user directory can override a shipped hook, or disable it with a file that
 * is not executable (or a link to /dev/null).
 *
 * Each runs with its standard input on /dev/null, its standard error on ours,
 * and in its environment KERNEL_VERSION, KERNEL_TREE (the root given with
 * --kernel-tree, may be empty), MODULES_DIR (the modules of that kernel) and
 * BUSYBOX and E2FSCK (the configured busybox and e2fsck, may be empty). Hooks do not write into the
 * image: they print directives on standard output (see directive.h), which
 * mkinitramfs applies. A hook that exits with a status other than 0, or
 * prints a line that is no directive, stops the build.
 */
#ifndef MKINITRAMFS_BUILDHOOKS_H
#define MKINITRAMFS_BUILDHOOKS_H
#include <stddef.h>

#include "directive.h"
#include "strlist.h"

#define BUILDHOOKS_MAX_OUTPUT (16u << 20)

struct hook_directive {
	struct directive d;
	size_t hook; /* index into buildhooks.paths */
	size_t line; /* 1-based line of the hook's output */
};

struct buildhooks {
	struct strlist paths; /* the hooks to run, in order, absolute */
	struct hook_directive *directives;
	size_t count, capacity;
};

struct buildhooks_env {
	const char *kernel_version, *kernel_tree, *modules_dir, *busybox, *e2fsck;
};

/* Where and what, for one message: "<where>: <detail>". where is a
 * directory, a hook, or "HOOK:LINE". */
struct buildhooks_problem {
	char where[4200];
	char detail[1024];
};

/* Finds the hooks of the directories (in order) into h->paths. Returns 0,
 * the -errno of reading a directory (problem names it), or -ENOMEM. */
int buildhooks_find(struct buildhooks *h, const struct strlist *dirs,
		    struct buildhooks_problem *problem);

/* Runs each hook and parses its output into h->directives. Returns 0,
 * -EIO (a hook failed: problem says how), -EINVAL (a line that is no
 * directive: problem names the hook and line), or -errno (the hook could
 * not be run, printed too much: -EFBIG, or memory). */
int buildhooks_run(struct buildhooks *h, const struct buildhooks_env *env,
		   struct buildhooks_problem *problem);

void buildhooks_free(struct buildhooks *h);

#endif
