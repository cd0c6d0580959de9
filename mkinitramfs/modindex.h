/* mkinitramfs/modindex.h: the module indexes written into the image.
 *
 * depmod's text formats, restricted to the modules the image holds (in[] has
 * one flag per db module), in the order of the kernel's own files, so the same
 * inputs always give the same bytes:
 *   modules.dep      "PATH: DEP_PATH ..."
 *   modules.alias    "alias PATTERN NAME"
 *   modules.softdep  "softdep NAME pre: A B post: C" (a module's lines merged)
 * and /etc/liveinit/modules.boot: module names, one a line, in load order.
 * Each returns 0 or -ENOMEM, with *text (malloc'd) and *len set.
 */
#ifndef MKINITRAMFS_MODINDEX_H
#define MKINITRAMFS_MODINDEX_H
#include <stddef.h>

#include "moddb.h"

int modindex_dep(const struct moddb *db, const unsigned char *in, char **text, size_t *len);
int modindex_alias(const struct moddb *db, const unsigned char *in, char **text, size_t *len);
int modindex_softdep(const struct moddb *db, const unsigned char *in, char **text, size_t *len);
int modindex_boot(const struct moddb *db, const size_t *order, size_t n, char **text, size_t *len);

#endif
