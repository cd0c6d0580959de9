/* tests/unit/test_wait_child.c: init/util.c's wait_child, the deadline every
 * wait for a child of /init has (e2fsck, runtime hooks). */
#include <errno.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../../init/util.h"
#include "../tap.h"

static long now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000L + t.tv_nsec / 1000000;
}

static pid_t child_sleeping(unsigned seconds, int code)
{
	pid_t pid = fork();

	if (pid == 0) {
		/* a hook that closed its output and goes on running */
		close(STDOUT_FILENO);
		close(STDERR_FILENO);
		sleep(seconds);
		_exit(code);
	}
	return pid;
}

int main(void)
{
	int status = -1;
	long started = now_ms();
	pid_t pid = child_sleeping(0, 7);
	int err = wait_child(pid, 5000, &status);

	ok(err == 0 && WIFEXITED(status) && WEXITSTATUS(status) == 7, "a child that ends in time: its status (err %d)",
	   err);

	started = now_ms();
	pid = child_sleeping(30, 0);
	err = wait_child(pid, 300, &status);
	ok(err == -ETIMEDOUT, "a child past the deadline: -ETIMEDOUT (got %d)", err);
	ok(now_ms() - started < 5000, "returned soon after the deadline (%ld ms)", now_ms() - started);
	ok(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL, "the child was killed");
	ok(waitpid(pid, NULL, WNOHANG) < 0 && errno == ECHILD, "and reaped: no zombie left");

	pid = child_sleeping(30, 0);
	started = now_ms();
	err = wait_child(pid, 0, &status);
	ok(err == -ETIMEDOUT && now_ms() - started < 5000, "a deadline already past: killed at once");
	return done_testing();
}
