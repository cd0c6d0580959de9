/* mkinitramfs/runcmd.c: running a host program (see runcmd.h). */
#include "runcmd.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fileio.h"

/* In the child: stdin, stdout, the environment, then exec; on failure the
 * errno goes up the report pipe. Never returns. */
static void exec_child(const struct runcmd *cmd, int out_fd, int report_fd)
{
	int null = open("/dev/null", O_RDONLY);
	int err = 0;

	if (null < 0 || dup2(null, 0) < 0 || dup2(out_fd >= 0 ? out_fd : 2, 1) < 0)
		err = errno;
	for (size_t i = 0; cmd->env && cmd->env[i] && !err; i++)
		if (putenv((char *)cmd->env[i]) != 0)
			err = errno;
	if (!err && signal(SIGPIPE, SIG_DFL) == SIG_ERR)
		err = errno;
	if (!err) {
		execvp(cmd->argv[0], cmd->argv);
		err = errno;
	}
	(void)!write(report_fd, &err, sizeof(err));
	_exit(127);
}

/* The exec's errno from the report pipe, 0 when exec succeeded (pipe closed). */
static int exec_error(int report_fd)
{
	int child_errno = 0;
	ssize_t n;

	do
		n = read(report_fd, &child_errno, sizeof(child_errno));
	while (n < 0 && errno == EINTR);
	return n == (ssize_t)sizeof(child_errno) ? -child_errno : 0;
}

static int wait_child(pid_t pid, int *status)
{
	while (waitpid(pid, status, 0) < 0)
		if (errno != EINTR)
			return -errno;
	return 0;
}

static void close_pair(int fds[2])
{
	if (fds[0] >= 0)
		close(fds[0]);
	if (fds[1] >= 0)
		close(fds[1]);
}

int runcmd_run(const struct runcmd *cmd, char **out, size_t *len, int *status)
{
	int output[2] = { -1, -1 }, report[2] = { -1, -1 };
	int err = 0, exec_err, waited;
	pid_t pid;

	if ((out && pipe2(output, O_CLOEXEC) < 0) || pipe2(report, O_CLOEXEC) < 0) {
		err = -errno;
		close_pair(output);
		return err;
	}
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		err = -errno;
		close_pair(output);
		close_pair(report);
		return err;
	}
	if (pid == 0)
		exec_child(cmd, output[1], report[1]);
	close(report[1]);
	if (out) {
		close(output[1]);
		err = read_fd_to_eof(output[0], cmd->max_output, out, len);
		close(output[0]);
	}
	if (err == -EFBIG)
		kill(pid, SIGKILL);
	exec_err = exec_error(report[0]);
	close(report[0]);
	waited = wait_child(pid, status);
	if (exec_err && out && !err) {
		free(*out);
		*out = NULL;
	}
	return exec_err ? exec_err : err ? err : waited;
}

void runcmd_describe_status(int status, char *buf, size_t size)
{
	if (WIFEXITED(status))
		(void)snprintf(buf, size, "exited with status %d", WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		(void)snprintf(buf, size, "killed by signal %d (%s)", WTERMSIG(status),
			       strsignal(WTERMSIG(status)));
	else
		(void)snprintf(buf, size, "ended with wait status %#x", (unsigned)status);
}
