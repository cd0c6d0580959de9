/* init/medium.h: finding the live medium among the block devices. */
#ifndef LIVEINIT_MEDIUM_H
#define LIVEINIT_MEDIUM_H
#include "modload.h"
#include "state.h"

/* Waits for block devices (uevents, with the live-media-timeout deadline)
 * and tries each as the medium, best candidates first. On success the medium
 * is mounted read-only at LIVE_MEDIUM_DIR and st->images lists its images.
 * Returns 0, -ETIMEDOUT when the deadline passed, or another -errno. */
int medium_find(struct boot_state *st, struct modload *ml);

/* Opens the live directory (live-media-path) on the mounted medium without
 * following links. Returns the fd or -errno. */
int medium_open_live_dir(const struct boot_state *st);
/* Goes on handling uevents (drivers for new devices, new block devices)
 * until none came for quiet_ms, or max_ms passed: for devices that appear
 * after the medium, such as a second USB stick holding persistence.
 * Returns how many block devices were added meanwhile. */
unsigned medium_settle(struct boot_state *st, struct modload *ml, long quiet_ms, long max_ms);
/* For persistence, which looks at every disk: waits for the drivers' async
 * probes (modload_wait_for_probes), then takes in the uevents they left
 * (drivers for the devices they found, loaded synchronously now). Returns
 * whether the loaded drivers' disks are all here; false (logged) when it
 * could not wait, and disks may come late. */
bool medium_wait_for_probes(struct boot_state *st, struct modload *ml);
void medium_close_events(void);
#endif
