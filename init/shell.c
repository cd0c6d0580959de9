/* init/shell.c: see shell.h. */
#include "shell.h"
#include "config.h"
#include "log.h"

#include <errno.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

bool shell_available(void)
{
	return access(LIVE_SHELL, X_OK) == 0;
}

int shell_run(const char *why)
{
	pid_t pid;
	int status;

	log_notice("starting an emergency shell (%s); leave it with 'exit'", why);
	pid = fork();
	if (pid < 0)
		return -errno;
	if (pid == 0) {
		char *const argv[] = { (char *)"sh", (char *)"-i", NULL };
		char *const envp[] = { (char *)"PATH=/sbin:/bin:/usr/sbin:/usr/bin",
				       (char *)"PS1=(liveinit) # ", (char *)"HOME=/", (char *)"TERM=linux",
				       NULL };

		(void)setsid();
		(void)ioctl(STDIN_FILENO, TIOCSCTTY, 1);
		execve(LIVE_SHELL, argv, envp);
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -errno;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
