/* init/fsck.c: see fsck.h. */
#include "fsck.h"
#include "config.h"
#include "log.h"
#include "util.h"

#include <errno.h>
#include <sys/wait.h>
#include <unistd.h>

/* Waits for e2fsck at most timeout_s; its exit status, or -errno. */
static int wait_with_deadline(pid_t pid, int timeout_s)
{
	int status = 0, err = wait_child(pid, timeout_s * 1000L, &status);

	if (err < 0)
		return err;
	if (!WIFEXITED(status))
		return -EINTR;
	return WEXITSTATUS(status) == 127 ? -ENOENT : WEXITSTATUS(status);
}

/* What an exit status of e2fsck -p means, for the log. */
static const char *status_meaning(int status)
{
	if (status == 0)
		return "clean";
	if (status < 4)
		return "errors corrected";
	if (status & 8)
		return "operational error";
	if (status & 4)
		return "errors left uncorrected";
	return "check not completed";
}

static int run_e2fsck(const char *device)
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

int fsck_ext(const char *device)
{
	long started = log_elapsed_ms();
	int status = run_e2fsck(device);

	if (status >= 0)
		log_info("e2fsck -p %s: exit status %d (%s) after %ld ms", device, status,
			 status_meaning(status), log_elapsed_ms() - started);
	return status;
}

bool fsck_ok(int status)
{
	return status >= 0 && status < 4;
}
