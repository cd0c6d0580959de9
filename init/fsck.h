/* init/fsck.h: check an ext2/3/4 file system before it is mounted read-write. */
#ifndef LIVEINIT_FSCK_H
#define LIVEINIT_FSCK_H
#include <stdbool.h>

/* Runs `e2fsck -p DEVICE` with a deadline. Returns e2fsck's exit status
 * (0 clean, 1 errors fixed, 2 fixed and reboot advised, >= 4 not fixed),
 * or -errno when it could not run or was stopped at the deadline. */
int fsck_ext(const char *device);
/* Does the exit status mean the file system may be mounted read-write? */
bool fsck_ok(int status);
#endif
