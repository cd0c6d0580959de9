/* mkinitramfs/bindeps.h: a program and every file the dynamic loader maps
 * for it, found on the build host the way the loader in the image finds them.
 *
 * The interpreter (PT_INTERP) keeps its path. Each DT_NEEDED name, of the
 * program and in turn of every library, is looked for as glibc's loader does
 * without an ld.so.cache (the image has none):
 *   1. unless the object that needs it has a DT_RUNPATH: the DT_RPATH of that
 *      object, then of the object that needed it, and so on up to the program
 *      (an object's DT_RPATH is ignored when it has a DT_RUNPATH);
 *   2. the DT_RUNPATH of the object that needs it;
 *   3. /lib/TRIPLET, /usr/lib/TRIPLET, /lib64, /lib, /usr/lib: TRIPLET is the
 *      directory the interpreter really is in when it looks like one
 *      ("x86_64-linux-gnu"), else the machine's (x86-64, aarch64).
 * $ORIGIN or ${ORIGIN} at the start of a path is the directory of the object
 * whose path it is: on the host (the program's real path) for the search, in
 * the image for where the library goes. Relative paths and other $ tokens are
 * skipped. A name with a '/' is taken as an absolute path. A file that is no
 * ELF64 object or is for another machine is passed over, as the loader does.
 * A name already loaded (as a DT_NEEDED name, an interpreter's file name, or
 * a soname) is not looked for again, nor is a file found twice added twice.
 */
#ifndef MKINITRAMFS_BINDEPS_H
#define MKINITRAMFS_BINDEPS_H
#include <stdbool.h>
#include <stddef.h>

#include "elf.h"

#define BINDEPS_MAX_OBJECTS 512
#define BINDEPS_MAX_FILE (256u << 20) /* bytes read of one program or library */

struct bindeps_object {
	char *host;    /* read from here on the build host */
	char *image;   /* goes here in the image */
	char *name;    /* the DT_NEEDED name it was found for; the file name of the
			* interpreter; NULL for the program */
	size_t loader; /* the object that needed it first (0, the program, for itself
			* and the interpreter) */
	struct elf_info elf;
};

struct bindeps {
	struct bindeps_object *objects; /* [0] the program, [1] the interpreter (when
					 * has_interp), then the libraries, breadth first */
	size_t count, capacity;
	bool has_interp;
	char triplet[64];               /* "" when none is known */
};

/* What went wrong, for the caller's one message: "<action> <path>: <strerror>",
 * and for a library not found "<path>, needed by <needed_by>, ... <searched>". */
struct bindeps_problem {
	const char *action;   /* "cannot read", "cannot parse the ELF headers of",
			       * "cannot read the interpreter", "cannot find" */
	char path[4096];      /* the file; for "cannot find" the library's name */
	char needed_by[4096]; /* "cannot find": the host path of the object needing it */
	char searched[4096];  /* "cannot find": the host directories tried, ' ' between */
};

/* Finds the program host (which goes to image) and, transitively, what it
 * needs. Returns 0; -ENOENT (the program, its interpreter or a library is not
 * there: problem says which, and for a library who needs it and where it was
 * looked for); -ENOEXEC or -EBADMSG (the program or interpreter is no ELF64
 * object, or a file is malformed: see elf_parse); a read's -errno; -E2BIG
 * (more than BINDEPS_MAX_OBJECTS objects); -EINVAL (image not absolute);
 * -ENAMETOOLONG; -ENOMEM. Free *d with bindeps_free in any case. */
int bindeps_resolve(struct bindeps *d, const char *host, const char *image,
		    struct bindeps_problem *problem);

/* The problem in words, for a message about the program: "cannot find
 * libX.so.1, needed by /usr/bin/x (looked in: /lib ...)" or "<action> <path>:
 * <strerror>". */
void bindeps_describe(const struct bindeps_problem *p, int err, char *buf, size_t size);

void bindeps_free(struct bindeps *d);

#endif
