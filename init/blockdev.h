/* init/blockdev.h: the block devices the kernel has shown us, and what is on them. */
#ifndef LIVEINIT_BLOCKDEV_H
#define LIVEINIT_BLOCKDEV_H
#include "state.h"

/* Finds or adds the device (reading its size and removable flag from sysfs).
 * Devices that can never hold a medium (loop, ram, zram) give NULL. */
struct block_device *blockdev_get(struct boot_state *st, const char *name);
/* A uevent for the device: "add" after a "remove" is a new device under an
 * old name (a stick pulled and another put in, a partition table read
 * again), "change" a new medium or partition table: what was read, probed
 * and tried of the name is forgotten and read again. "remove" marks it gone
 * until then. An unknown name is added as by blockdev_get on "add" and
 * "change". The device, or NULL. */
struct block_device *blockdev_event(struct boot_state *st, const char *action, const char *name);
/* Adds every device in /sys/class/block. */
void blockdev_scan(struct boot_state *st);
/* Reads the device's first bytes once and identifies its file system. */
void blockdev_probe(struct block_device *d);
/* What the probe found: "iso9660 label=LIVEINIT uuid=...", "no known file
 * system", "unreadable (...)". */
void blockdev_describe_fs(const struct block_device *d, char *fs, size_t size);
/* "sr0 iso9660 label=LIVEINIT uuid=... 512.0 MiB removable" for reports. */
void blockdev_describe(const struct block_device *d, char *buf, size_t size);
#endif
