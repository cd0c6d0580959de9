/* init/switchroot.h: hand the machine to the real init in the new root. */
#ifndef LIVEINIT_SWITCHROOT_H
#define LIVEINIT_SWITCHROOT_H
#include <stddef.h>

/* Finds the init to run inside newroot, resolving links as the new root sees
 * them: the requested one if any, else /sbin/init, /etc/init, /bin/init,
 * /bin/sh. Writes its path into out. Returns 0, or -errno for the last tried. */
int switchroot_find_init(const char *newroot, const char *requested, char *out, size_t size);
/* Moves /dev, /proc, /sys and /run (with every live mount below /run) into
 * newroot. On failure *failed names the mount point. Returns 0 or -errno. */
int switchroot_move_api_mounts(const char *newroot, const char **failed);
/* The busybox/klibc checks, then: start deleting the initramfs's files in a
 * child process (never crossing into another mount), move newroot onto /,
 * chroot into it.
 * On failure *why says which check or step failed. Returns 0 or -errno. */
int switchroot_enter(const char *newroot, const char **why);
#endif
