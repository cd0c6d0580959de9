/* init/hooks.c: see hooks.h. */
#include "hooks.h"
#include "config.h"
#include "fatal.h"
#include "fmt.h"
#include "log.h"
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define HOOKS_MAX 32
#define HOOK_OUTPUT_MAX 2048

struct hook_result {
	int status; /* exit status, 128+signal, or -errno */
	char output[HOOK_OUTPUT_MAX];
};

static int compare_names(const void *a, const void *b)
{
	return strcmp((const char *)a, (const char *)b);
}

static size_t list_hooks(const char *dir, char names[][64])
{
	DIR *d = opendir(dir);
	struct dirent *de;
	size_t n = 0;

	if (!d)
		return 0;
	while ((de = readdir(d)) && n < HOOKS_MAX)
		if (de->d_name[0] != '.' && strlen(de->d_name) < 64)
			memcpy(names[n++], de->d_name, strlen(de->d_name) + 1);
	(void)closedir(d);
	qsort(names, n, 64, compare_names);
	return n;
}

static void child(const char *path, const char *stage, const struct boot_state *st, int out)
{
	char env[6][320];
	char *envp[8];

	(void)fmt_snprintf(env[0], sizeof(env[0]), "LIVE_STAGE=%s", stage);
	(void)fmt_snprintf(env[1], sizeof(env[1]), "LIVE_MEDIUM_DEVICE=%s", st->medium_device);
	(void)fmt_snprintf(env[2], sizeof(env[2]), "LIVE_MEDIUM_DIR=%s", st->medium_device[0] ? LIVE_MEDIUM_DIR : "");
	(void)fmt_snprintf(env[3], sizeof(env[3]), "LIVE_MEDIA_PATH=%s", st->opts.media_path);
	(void)fmt_snprintf(env[4], sizeof(env[4]), "LIVE_NEWROOT=%s", LIVE_NEWROOT);
	(void)fmt_snprintf(env[5], sizeof(env[5]), "LIVE_PERSISTENCE=%s",
			   st->persist_summary[0] ? st->persist_summary : "on");
	for (int i = 0; i < 6; i++)
		envp[i] = env[i];
	envp[6] = (char *)"PATH=/sbin:/bin:/usr/sbin:/usr/bin";
	envp[7] = NULL;
	if (dup2(out, STDOUT_FILENO) < 0 || dup2(out, STDERR_FILENO) < 0)
		_exit(126);
	execve(LIVE_SHELL, (char *const[]){ (char *)"sh", (char *)path, NULL }, envp);
	_exit(127);
}

/* Reads the hook's output until it closes its end (true) or the deadline
 * passes (false). */
static bool collect_output(int fd, struct hook_result *r, long deadline_ms)
{
	size_t used = 0;

	for (;;) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		long left = deadline_ms - log_elapsed_ms();
		char buf[512];
		ssize_t n;

		if (left <= 0 || poll(&p, 1, (int)left) <= 0)
			return false;
		n = read(fd, buf, sizeof(buf));
		if (n <= 0)
			return true;
		if (used + (size_t)n >= sizeof(r->output))
			n = (ssize_t)(sizeof(r->output) - 1 - used);
		memcpy(r->output + used, buf, (size_t)n);
		used += (size_t)n;
		r->output[used] = '\0';
	}
}

static void run_one(const char *path, const char *stage, const struct boot_state *st, struct hook_result *r)
{
	int pipefd[2], status = 0, err;
	long deadline;
	bool finished;
	pid_t pid;

	memset(r, 0, sizeof(*r));
	if (pipe2(pipefd, O_CLOEXEC) < 0 || (pid = fork()) < 0) {
		r->status = -errno;
		return;
	}
	if (pid == 0)
		child(path, stage, st, pipefd[1]);
	(void)close(pipefd[1]);
	deadline = log_elapsed_ms() + HOOK_TIMEOUT_S * 1000L;
	finished = collect_output(pipefd[0], r, deadline);
	(void)close(pipefd[0]);
	/* one that closed its output may still run: the same deadline holds */
	err = wait_child(pid, finished ? deadline - log_elapsed_ms() : 0, &status);
	if (err == -ETIMEDOUT)
		log_err("hook %s still running after %d s: stopped", path, HOOK_TIMEOUT_S);
	else if (err < 0) {
		r->status = err;
		return;
	}
	r->status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* One log line per hook: its output's lines joined with " | ". */
static void flatten(char *s)
{
	size_t len = strlen(s);

	while (len > 0 && (s[len - 1] == '\n' || s[len - 1] == '\r'))
		s[--len] = '\0';
	for (char *c = s; *c; c++)
		if (*c == '\n' || *c == '\r')
			*c = '|';
}

static char hook_names[HOOKS_MAX][64];

bool hooks_exist(const char *stage)
{
	char dir[128];

	(void)fmt_snprintf(dir, sizeof(dir), "%s/%s", LIVE_HOOKS_DIR, stage);
	return list_hooks(dir, hook_names) > 0;
}

void hooks_run(struct boot_state *st, const char *stage)
{
	static struct hook_result result;
	char dir[128], path[256 + 64];
	size_t n;

	(void)fmt_snprintf(dir, sizeof(dir), "%s/%s", LIVE_HOOKS_DIR, stage);
	n = list_hooks(dir, hook_names);
	for (size_t i = 0; i < n; i++) {
		(void)fmt_snprintf(path, sizeof(path), "%.200s/%.63s", dir, hook_names[i]);
		run_one(path, stage, st, &result);
		flatten(result.output);
		if (result.status == 0) {
			log_info("hook %s: ok%s%s", path, result.output[0] ? ": " : "", result.output);
			continue;
		}
		if (result.status == HOOK_EXIT_FATAL)
			fatal(st, "hook %s stopped the boot: %s", path, result.output);
		log_err("hook %s failed (exit status %d); the boot goes on. Its output: %s", path,
			result.status, result.output[0] ? result.output : "(none)");
	}
}
