/* init/early.h: the API file systems /init needs before anything else. */
#ifndef LIVEINIT_EARLY_H
#define LIVEINIT_EARLY_H
/* Mounts /proc, /sys, /dev (devtmpfs) and /run (tmpfs 0755, nodev, nosuid),
 * then puts stdio on /dev/console. Returns 0, or -errno of the first mount
 * that failed (*failed names it). */
int early_mount(const char **failed);
int console_open(void);
#endif
