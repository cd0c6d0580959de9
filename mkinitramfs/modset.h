/* mkinitramfs/modset.h: the set of kernel modules the image holds.
 *
 * Reads the kernel's depmod indexes, then configuration files
 * (configs/modules/NAME.conf) whose lines are `NAME` or `NAME boot` ('#'
 * starts a comment). NAME is a module name, or else an alias (every module it
 * matches is taken). Each module is closed over its hard dependencies and its
 * soft ones (resolved through names and aliases, as moddb_load_order does).
 * Modules built into the kernel (modules.builtin) are skipped with a note. The
 * `boot` modules and their dependencies make the boot list, in load order.
 * A NAME may also be a selector standing for many modules (dir:PATH,
 * host:devices, host:filesystems, host:loaded: see modselect.h).
 */
#ifndef MKINITRAMFS_MODSET_H
#define MKINITRAMFS_MODSET_H
#include <stddef.h>

#include "moddb.h"
#include "modselect.h"

struct modset {
	struct moddb db;           /* the whole kernel's */
	char (*builtin)[MODDB_NAME_MAX];
	size_t nbuiltin;
	unsigned char *in_image;   /* per db module: 1 when the image holds it */
	unsigned char *in_boot;    /* per db module: 1 when in boot_order */
	size_t *image_order;       /* the image's modules, each after its dependencies */
	size_t nimage;
	size_t *boot_order;        /* the boot modules and their dependencies, in load order */
	size_t nboot;
	char **notes;              /* for the user: built-in modules skipped, malformed lines */
	size_t nnotes;
	struct modselect_host host; /* where host: selectors look (set after reading the indexes) */
};

/* Where something went wrong: a file, and a line of it (0: the whole file). */
struct modset_problem {
	char path[4096];
	size_t line;
	char detail[512]; /* what about it, "" when the -errno says it all */
};

/* Reads modules.dep (required), modules.alias, modules.softdep and
 * modules.builtin from dir (DIR/lib/modules/KVER). Returns 0 or -errno, with
 * problem->path naming the file that could not be read. */
int modset_read_indexes(struct modset *set, const char *dir, struct modset_problem *problem);

/* Adds the modules of one configuration file's text. Returns 0, -ENOMEM,
 * -EINVAL (a malformed line, an unknown selector), -ENOENT (a name that is no
 * module, alias or built-in one), or the -errno of reading the host's files
 * for a host: selector, with problem naming the file, line and what failed. */
int modset_add_config(struct modset *set, const char *path, const char *text, size_t len,
		      struct modset_problem *problem);

/* Adds what one name stands for (a module, an alias, a selector), as a
 * configuration line would; path and line_no say where it comes from, for
 * notes and problems. Errors as modset_add_config. */
int modset_add_name(struct modset *set, const char *name, int boot, const char *path,
		    size_t line_no, struct modset_problem *problem);

/* Adds a note for each soft dependency of an image module that resolves to no
 * module at all (built in, or absent from this kernel). 0 or -ENOMEM. */
int modset_note_unresolved_softdeps(struct modset *set);

void modset_free(struct modset *set);

#endif
