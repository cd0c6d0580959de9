/* mkinitramfs/manifest.h: the list of what goes into the image, one entry per
 * path, in the text form of the kernel's gen_init_cpio (docs/DESIGN.md):
 *
 *     dir   /dev 0755 0 0
 *     nod   /dev/console 0600 0 0 c 5 1
 *     file  /init 0755 0 0 SOURCE
 *     slink /bin/sh busybox 0777 0 0
 *
 * A file's SOURCE is a path on the build host, or "(generated)" for content
 * mkinitramfs makes itself. Paths are checked when added: absolute, no "." or
 * ".." component, no blank or control character (the text form must parse back).
 * Everything belongs to root: uid and gid are always 0.
 */
#ifndef MKINITRAMFS_MANIFEST_H
#define MKINITRAMFS_MANIFEST_H
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "cpio.h"

#define MANIFEST_GENERATED "(generated)"

/* The image is two cpio archives, each compressed on its own (see output.h):
 * HEAD, unpacked first, holds every directory and device node, /init, and all
 * the small things a user edits (configuration, hook scripts, FILES, links);
 * PROGRAMS the programs with their interpreter and libraries (BINARIES,
 * --add-binary, a hook's `binary`); MODULES, unpacked last, the kernel's
 * modules with their indexes (modules.dep, .alias, .softdep) and the
 * firmware. PROGRAMS and MODULES stay the same from one build to the next, so
 * their compressed bytes may come from the cache; they change with different
 * packages (a new busybox, a new kernel), so each is cached on its own; and
 * they are compressed at once, on two cores. A directory always goes in HEAD,
 * so every parent is unpacked before its children. */
enum manifest_segment { MANIFEST_HEAD, MANIFEST_PROGRAMS, MANIFEST_MODULES, MANIFEST_SEGMENTS };

enum manifest_type { MANIFEST_DIR, MANIFEST_FILE, MANIFEST_NOD, MANIFEST_SLINK };

struct manifest_entry {
	enum manifest_type type;
	char *path;            /* in the image: "/dev/console" */
	unsigned mode;         /* permission bits */
	char dev_type;         /* nod: 'c' or 'b' */
	unsigned major, minor; /* nod */
	char *target;          /* slink */
	char *source;          /* file: host path; NULL when generated */
	char *data;            /* file: the content, generated or loaded from source */
	size_t size;
	enum manifest_segment segment; /* HEAD for every directory */
};

struct manifest {
	struct manifest_entry *entries;
	size_t count;
	size_t capacity;
	enum manifest_segment adding; /* the segment of the files, nodes and links added now */
};

/* Entries added from now on (but directories) go in segment s; returns the
 * segment they went in before, to restore. */
enum manifest_segment manifest_set_segment(struct manifest *m, enum manifest_segment s);

/* Each add returns 0, -EINVAL (a bad path, mode or argument), -EEXIST (the path
 * is there already; adding an identical directory again is not an error), -ENOMEM. */
int manifest_add_dir(struct manifest *m, const char *path, unsigned mode);
int manifest_add_file(struct manifest *m, const char *path, unsigned mode, const char *source);
int manifest_add_generated(struct manifest *m, const char *path, unsigned mode,
			   const char *data, size_t size);
int manifest_add_nod(struct manifest *m, const char *path, unsigned mode, char dev_type,
		     unsigned major, unsigned minor);
int manifest_add_slink(struct manifest *m, const char *path, const char *target);
/* Adds a 0755 directory for every ancestor of path not listed yet. */
int manifest_add_parents(struct manifest *m, const char *path);
/* Add the entry and its missing parents; an identical entry already there is
 * no error (-EEXIST: a different one is), so that two sources may add the
 * same file, link or directory (libraries shared by programs, firmware named
 * by several modules). */
int manifest_add_file_once(struct manifest *m, const char *path, unsigned mode,
			   const char *source);
int manifest_add_slink_once(struct manifest *m, const char *path, const char *target);
int manifest_add_dir_once(struct manifest *m, const char *path, unsigned mode);

/* Whether a path may be in the image (see the top of this file). */
bool manifest_path_ok(const char *path);
/* The entry's index, or -1. */
long manifest_find(const struct manifest *m, const char *path);

/* Sorts by path, parents before children: the order of the archive. */
void manifest_sort(struct manifest *m);

/* Adds the entry of one text line (blank lines and '#' comments add nothing).
 * Returns 0, -EINVAL for a malformed line, or an add's error. */
int manifest_parse_line(struct manifest *m, const char *line);
/* Parses a whole text; *bad_line gets the 1-based line of the first error. */
int manifest_parse(struct manifest *m, const char *text, size_t *bad_line);
/* Prints the text form, one line per entry, in the list's order. 0 or -errno. */
int manifest_print(const struct manifest *m, FILE *out);

/* The entries as the cpio writer takes them (pointing into m: free only the
 * array). 0 or -ENOMEM. */
int manifest_to_cpio(const struct manifest *m, struct cpio_entry **entries);

void manifest_free(struct manifest *m);

#endif
