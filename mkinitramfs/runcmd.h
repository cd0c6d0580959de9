/* mkinitramfs/runcmd.h: running a program of the build host and reading
 * what it prints.
 *
 * The program gets /dev/null as its standard input, the caller's standard
 * error, SIGPIPE at its default, and the environment with the given
 * "NAME=VALUE" settings added. Its standard output is read into memory, or
 * (without a buffer) sent to standard error, never to ours: mkinitramfs
 * --list prints the manifest there.
 */
#ifndef MKINITRAMFS_RUNCMD_H
#define MKINITRAMFS_RUNCMD_H
#include <stddef.h>

struct runcmd {
	char *const *argv;      /* argv[0]: a path, or a name looked up in PATH */
	const char *const *env; /* "NAME=VALUE" to set, NULL-terminated; or NULL */
	size_t max_output;      /* bytes of output accepted when capturing */
};

/* Runs the program and waits for it. With out, captures its standard output
 * (a NUL-terminated buffer to free, *len bytes). Returns 0 when it ran
 * (*status is its wait status, whatever it is), the exec's -errno when it
 * could not be started (-ENOENT: no such program), -EFBIG when it printed
 * more than max_output (it is killed), or the -errno of pipe, fork or read. */
int runcmd_run(const struct runcmd *cmd, char **out, size_t *len, int *status);

/* "exited with status 3", "killed by signal 9": into buf. */
void runcmd_describe_status(int status, char *buf, size_t size);

#endif
