/* init/layer_names.h: the names live-commit gives the layers it writes to the
 * "/ union" persistence volume's layers/ directory, read back by /init. Pure code.
 *
 *   NNNN.squashfs            a committed layer, stacked in name order
 *   NNNN.squashfs.committed  the newest commit, whose upper (rw/) has not been
 *                            emptied yet: /init empties it, then drops the suffix
 *   .tmp-*                   a commit that never finished (power loss): removed
 */
#ifndef LIVEINIT_LAYER_NAMES_H
#define LIVEINIT_LAYER_NAMES_H
#include <stdbool.h>
#include <stddef.h>

#define LAYER_COMMITTED_SUFFIX ".committed"
#define LAYER_LEFTOVER_PREFIX ".tmp-"
#define LAYER_NAME_MAX 96

enum layer_name_kind { LAYER_OTHER, LAYER_STACKED, LAYER_PENDING, LAYER_LEFTOVER };

enum layer_name_kind layer_name_kind(const char *name);
/* The stacked name of a pending one (without ".committed") into out; false
 * when it does not fit. */
bool layer_name_stacked(const char *pending, char *out, size_t size);
#endif
