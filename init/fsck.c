/* init/fsck.c: see fsck.h. */
#include "fsck.h"
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif

/* Waits for pid at most timeout_s, on a pidfd (an event, not a sleep loop). */
static int wait_with_deadline(pid_t pid, int timeout_s)
{
	int status, pidfd = (int)syscall(SYS_pidfd_open, pid, 0);

	if (pidfd >= 0) {
		struct pollfd p = { .fd = pidfd, .events = POLLIN };
		int ready;

		while ((ready = poll(&p, 1, timeout_s * 1000)) < 0 && errno == EINTR)
			;
		(void)close(pidfd);
		if (ready == 0) {
			(void)kill(pid, SIGKILL);
			(void)waitpid(pid, &status, 0);
			return -ETIMEDOUT;
		}
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -errno;
	if (!WIFEXITED(status))
		return -EINTR;
	return WEXITSTATUS(status) == 127 ? -ENOENT : WEXITSTATUS(status);
}

int fsck_ext(const char *device)
{
	pid_t pid;

	if (access(LIVE_E2FSCK, X_OK) < 0)
		return -errno;
	pid = fork();
	if (pid < 0)
		return -errno;
	if (pid == 0) {
		char *const argv[] = { (char *)"e2fsck", (char *)"-p", (char *)device, NULL };
		char *const envp[] = { (char *)"PATH=/sbin:/bin", NULL };

		execve(LIVE_E2FSCK, argv, envp);
		_exit(127);
	}
	return wait_with_deadline(pid, LIVE_FSCK_TIMEOUT_S);
}

bool fsck_ok(int status)
{
	return status >= 0 && status < 4;
}
