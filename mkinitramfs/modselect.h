/* mkinitramfs/modselect.h: module set lines that stand for many modules.
 *
 *   dir:PATH           every module below PATH of the module tree, a
 *                      path as in modules.dep: dir:kernel/drivers/ata
 *   host:devices       every module with an alias matching the modalias of
 *                      a device of this machine (SYSFS/devices/.../modalias)
 *   host:filesystems   the module of each file system type mounted here
 *                      (PROC/mounts, through the fs-TYPE aliases)
 *   host:loaded        every module loaded here now (PROC/modules)
 *
 * What this kernel has no module for (built in, or another kernel's) is
 * left out silently: a host's proc, sysfs, tmpfs are built in.
 */
#ifndef MKINITRAMFS_MODSELECT_H
#define MKINITRAMFS_MODSELECT_H
#include <stdbool.h>
#include <stddef.h>

#include "moddb.h"

struct modselect_host {
	const char *sysfs; /* NULL: /sys */
	const char *proc;  /* NULL: /proc */
};

/* Whether the word is a selector (starts with "dir:" or "host:"). */
bool modselect_is_selector(const char *word);

/* Marks picked[i] (one flag per db module, zeroed by the caller) for every
 * module the selector stands for; *count gets how many were marked. Returns
 * 0, -EINVAL (an unknown selector), the -errno of reading the host's files,
 * or -ENOMEM; detail then says what was attempted, with the path. */
int modselect_pick(const struct moddb *db, const struct modselect_host *host,
		   const char *selector, unsigned char *picked, size_t *count,
		   char *detail, size_t size);

#endif
