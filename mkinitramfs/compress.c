/* mkinitramfs/compress.c: the external compressor (see compress.h). */
#include "compress.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

struct method {
	const char *name;
	const char *const argv[8];
};

static const struct method methods[] = {
	{ "zstd", { "zstd", "-q", "-19", "--long=24", "-T1", "-c", NULL } },
	{ "xz", { "xz", "-q", "--check=crc32", "-6", "-T1", "-c", NULL } },
	{ "gzip", { "gzip", "-q", "-n", "-9", "-c", NULL } },
	{ "lz4", { "lz4", "-q", "-l", "-9", "-c", NULL } },
	{ "none", { NULL } },
};

static const struct method *find_method(const char *name)
{
	for (size_t i = 0; name && i < sizeof(methods) / sizeof(*methods); i++)
		if (strcmp(methods[i].name, name) == 0)
			return &methods[i];
	return NULL;
}

bool compress_method_known(const char *method)
{
	return find_method(method) != NULL;
}

static int start_direct(int out_fd, struct compressor *c)
{
	int fd = fcntl(out_fd, F_DUPFD_CLOEXEC, 3);

	if (fd < 0)
		return -errno;
	c->in = fdopen(fd, "w");
	if (!c->in) {
		int err = -errno;

		(void)close(fd);
		return err;
	}
	return 0;
}

/* Runs argv with stdin from in_fd and stdout to out_fd, SIGPIPE at its default. */
static int spawn_filter(const char *const *argv, int in_fd, int out_fd, pid_t *pid)
{
	posix_spawn_file_actions_t actions;
	posix_spawnattr_t attr;
	sigset_t defaults;
	int err = posix_spawn_file_actions_init(&actions);

	if (err)
		return -err;
	err = posix_spawnattr_init(&attr);
	if (!err) {
		(void)sigemptyset(&defaults);
		(void)sigaddset(&defaults, SIGPIPE);
		err = posix_spawn_file_actions_adddup2(&actions, in_fd, STDIN_FILENO);
		if (!err)
			err = posix_spawn_file_actions_adddup2(&actions, out_fd, STDOUT_FILENO);
		if (!err)
			err = posix_spawnattr_setsigdefault(&attr, &defaults);
		if (!err)
			err = posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGDEF);
		if (!err)
			err = posix_spawnp(pid, argv[0], &actions, &attr, (char *const *)argv, environ);
		(void)posix_spawnattr_destroy(&attr);
	}
	(void)posix_spawn_file_actions_destroy(&actions);
	return -err;
}

static int start_program(const char *const *argv, int out_fd, struct compressor *c)
{
	int fds[2];
	int err;

	if (pipe2(fds, O_CLOEXEC) < 0)
		return -errno;
	err = spawn_filter(argv, fds[0], out_fd, &c->pid);
	(void)close(fds[0]);
	if (!err) {
		c->in = fdopen(fds[1], "w");
		if (c->in)
			return 0;
		err = -errno;
	}
	(void)close(fds[1]);
	if (c->pid > 0)
		(void)compress_finish(c);
	return err;
}

int compress_start(const char *method, int out_fd, struct compressor *c)
{
	const struct method *m = find_method(method);

	memset(c, 0, sizeof(*c));
	if (!m)
		return -EINVAL;
	c->program = m->argv[0] ? m->argv[0] : "none";
	return m->argv[0] ? start_program(m->argv, out_fd, c) : start_direct(out_fd, c);
}

static int wait_for(pid_t pid, int *status)
{
	while (waitpid(pid, status, 0) < 0) {
		if (errno != EINTR)
			return -errno;
	}
	return 0;
}

int compress_finish(struct compressor *c)
{
	int err = 0, waited;

	if (c->in && fclose(c->in) != 0)
		err = -errno;
	c->in = NULL;
	if (c->pid <= 0)
		return err;
	waited = wait_for(c->pid, &c->status);
	c->pid = 0;
	if (waited)
		return waited;
	if (!WIFEXITED(c->status) || WEXITSTATUS(c->status) != 0)
		return -EIO;
	return err;
}
