/* init/liveroot.h: the new root: the medium's images, read-only, under an overlay. */
#ifndef LIVEINIT_LIVEROOT_H
#define LIVEINIT_LIVEROOT_H
#include "modload.h"
#include "state.h"

/* Loop-mounts each image of st->images read-only under LIVE_ROOTFS_DIR,
 * mounts a tmpfs (overlay-size) at LIVE_OVERLAY_DIR for the upper and work
 * directories, and stacks the overlay on LIVE_NEWROOT. On failure *what says
 * which step failed. Returns 0 or -errno. */
int liveroot_assemble(struct boot_state *st, struct modload *ml, char *what, size_t whatsize);
#endif
