/* init/modload.h: load kernel modules from the image, dependencies first.
 * The database is the image's own modules.dep/alias/softdep (init/moddb.h). */
#ifndef LIVEINIT_MODLOAD_H
#define LIVEINIT_MODLOAD_H
#include <stdbool.h>
#include <stddef.h>

#include "moddb.h"
#include "state.h"

struct modload {
	struct moddb db;
	unsigned char *attempted; /* one flag per module in db */
	char dir[256];            /* /lib/modules/RELEASE */
	struct boot_state *st;    /* failures are recorded here */
	unsigned loaded;
	bool async_probe;         /* modparams_for(): set before modload_boot_list */
};

/* Reads the indexes for the running kernel. Returns 0 or -errno; with no
 * modules directory at all the database is empty and every load is a no-op. */
int modload_open(struct modload *ml, struct boot_state *st);
/* Starts loading every module named in LIVE_MODULES_BOOT, in order, then
 * those of the alias `also` (NULL: none), in a background process; returns
 * how many. A later request that needs one of them waits for it. */
unsigned modload_boot_list(struct modload *ml, const char *also);
/* Waits (at most timeout_ms) until the background loads are done, and takes
 * their results (failures, counts) in. */
void modload_background_sync(int timeout_ms);
/* Whether modload_wait_for_probes() can wait: the barrier module
 * (LIVE_PROBE_BARRIER_MODULE) is in the image and not loaded yet. */
bool modload_can_wait_for_probes(const struct modload *ml);
/* Returns once every driver probe started by a load with async_probe has
 * ended (and the SCSI scans they started), then loads without async_probe
 * from here on. Returns the ms it took; -ENOENT when the loads were
 * synchronous (nothing to wait for); -EBUSY when the barrier module was
 * loaded already or failed to load (the caller must wait another way). */
long modload_wait_for_probes(struct modload *ml);
/* Loads every module whose alias matches (with dependencies). Returns how
 * many modules matched (loaded now or before). */
size_t modload_alias(struct modload *ml, const char *alias);
/* Loads what mounting a file system of this type needs: "fs-TYPE" and the
 * modules the kernel would ask modprobe for (vfat's code pages). */
void modload_filesystem(struct modload *ml, const char *type);
#endif
