/* init/loop.h: attach a file to a loop device. */
#ifndef LIVEINIT_LOOP_H
#define LIVEINIT_LOOP_H
#include <stdbool.h>
#include <stddef.h>

/* Attaches the open file fd to a free loop device (read-only when asked, and
 * auto-cleared when its last user goes), writing "/dev/loopN" into dev.
 * Uses LOOP_CONFIGURE, falling back to LOOP_SET_FD + LOOP_SET_STATUS64 on
 * kernels without it. Returns the loop device's fd, which the caller keeps
 * open until the device is mounted (auto-clear would release it on close),
 * or -errno. */
int loop_attach(int fd, bool read_only, const char *name, char *dev, size_t devsize);
#endif
