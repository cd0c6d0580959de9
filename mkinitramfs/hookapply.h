/* mkinitramfs/hookapply.h: what the build hooks printed, into the image.
 *
 * `module` directives go into the module set (before its indexes and
 * firmware are made); the others into the manifest. An entry identical to
 * one already there is no error (two hooks may add the same library). A path
 * the configuration or the command line gives (BINARIES, FILES,
 * --add-binary, --add-file) wins over a hook's entry at the same path: the
 * hook's is skipped, with a note. Any other clash is an error naming the
 * hook and the line.
 */
#ifndef MKINITRAMFS_HOOKAPPLY_H
#define MKINITRAMFS_HOOKAPPLY_H
#include "buildhooks.h"
#include "manifest.h"
#include "modset.h"
#include "strlist.h"

/* Returns 0 or -errno (problem names the hook and line). */
int hookapply_modules(const struct buildhooks *h, struct modset *set,
		      struct buildhooks_problem *problem);

/* given_paths: the image paths the user gave. Returns 0 or -errno (problem
 * names the hook and line). */
int hookapply_entries(const struct buildhooks *h, struct manifest *m,
		      const struct strlist *given_paths, struct strlist *notes,
		      struct buildhooks_problem *problem);

#endif
