/* init/util.h: small file helpers. Each returns 0 or -errno and logs nothing. */
#ifndef LIVEINIT_UTIL_H
#define LIVEINIT_UTIL_H
#include <stddef.h>
#include <sys/types.h>

/* Reads the whole file (at most max bytes) into a new NUL-terminated buffer. */
int read_file(const char *path, size_t max, char **out, size_t *outlen);
/* Reads one small file (sysfs attribute) into buf, trailing newline removed. */
int read_small(const char *path, char *buf, size_t size);
int write_string(const char *path, const char *s);
/* mkdir -p with mode for each new component; an existing directory is fine. */
int mkdir_p(const char *path, mode_t mode);
/* Is path a mount point (its device differs from its parent's, or it is "/")? */
int is_mount_point(const char *path);


/* Opens rel below the directory root without following any symbolic link
 * and without leaving root (openat2 RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS):
 * the way every path on an untrusted medium is opened. Returns fd or -errno. */
int open_beneath(int rootfd, const char *rel, int flags);

/* Waits for the child pid at most timeout_ms (on a pidfd: an event, not a
 * sleep loop), then kills it. Fills *status; returns 0, -ETIMEDOUT (killed
 * and reaped) or -errno. */
int wait_child(pid_t pid, long timeout_ms, int *status);
#endif
