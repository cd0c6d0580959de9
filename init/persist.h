/* init/persist.h: persistence volumes (live-boot compatible), opt-in with `persistence`.
 *
 * Found among the block devices: a file system labelled persistence-label, a
 * GPT partition of that name, or an image file of that name at the root of a
 * partition. Each must hold persistence.conf; ext2/3/4 only (an overlay upper
 * needs xattrs and d_type); each is checked with e2fsck -p before it is
 * mounted read-write, and one that fails the check is not mounted read-write.
 * Mounted at LIVE_PERSIST_DIR/NAME. */
#ifndef LIVEINIT_PERSIST_H
#define LIVEINIT_PERSIST_H
#include "modload.h"
#include "state.h"

/* Finds, checks and mounts every volume; decides which one holds "/ union". */
void persist_find(struct boot_state *st, struct modload *ml);
/* For the overlay of /: the upper and work directories on the root-union
 * volume, or NULL (tmpfs). A read-only volume's rw/ is returned as an extra
 * lower layer instead. */
const char *persist_root_upper(const struct boot_state *st);
const char *persist_root_lower(const struct boot_state *st);
/* The layers live-commit wrote to the root-union volume: finishes a pending
 * commit (read-write volumes), lists them in st->persist_layers, lowest first.
 * Returns the layers directory's fd, or -errno (-ENOENT: none). */
int persist_layers_open(struct boot_state *st);
/* After the overlay is mounted on newroot: the bind, link and union entries. */
void persist_apply(struct boot_state *st, const char *newroot);
/* Writes LIVE_PERSIST_STATUS for the running system. */
void persist_write_status(const struct boot_state *st);
#endif
