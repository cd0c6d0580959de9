/* mkinitramfs/compress.c: the external compressor (see compress.h). */
#include "compress.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

struct method {
	const char *name;
	const char *const argv[8];
	const char *const version[3];
};

static const struct method methods[] = {
	{ "zstd", { "zstd", "-q", "-9", "--long=24", "-T0", "-B24M", "-c", NULL }, { "zstd", "-V", NULL } },
	{ "xz", { "xz", "-q", "--check=crc32", "-6", "-T1", "-c", NULL }, { "xz", "--version", NULL } },
	{ "gzip", { "gzip", "-q", "-n", "-9", "-c", NULL }, { "gzip", "--version", NULL } },
	{ "lz4", { "lz4", "-q", "-l", "-9", "-c", NULL }, { "lz4", "-V", NULL } },
	{ "none", { NULL }, { NULL } },
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

const char *const *compress_argv(const char *method)
{
	const struct method *m = find_method(method);

	return m && m->argv[0] ? m->argv : NULL;
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

int compress_spawn(const char *method, int in_fd, int out_fd, pid_t *pid)
{
	const char *const *argv = compress_argv(method);

	return argv ? spawn_filter(argv, in_fd, out_fd, pid) : -EINVAL;
}

int compress_wait(pid_t pid, int *status)
{
	while (waitpid(pid, status, 0) < 0) {
		if (errno != EINTR)
			return -errno;
	}
	return WIFEXITED(*status) && WEXITSTATUS(*status) == 0 ? 0 : -EIO;
}

/* The version command's output, from the memory file it wrote. */
static int run_version(const char *const *argv, int null_fd, int out_fd, char *out, size_t size)
{
	pid_t pid;
	int status;
	ssize_t got;
	int err = spawn_filter(argv, null_fd, out_fd, &pid);

	if (!err)
		err = compress_wait(pid, &status);
	if (err)
		return err;
	got = pread(out_fd, out, size - 1, 0);
	if (got < 0)
		return -errno;
	out[got] = '\0';
	return 0;
}

int compress_version(const char *method, char *out, size_t size)
{
	const struct method *m = find_method(method);
	int null_fd, out_fd, err;

	if (!m || !m->version[0] || size == 0)
		return -EINVAL;
	null_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	if (null_fd < 0)
		return -errno;
	out_fd = memfd_create("mkinitramfs-version", MFD_CLOEXEC);
	err = out_fd < 0 ? -errno : run_version(m->version, null_fd, out_fd, out, size);
	if (out_fd >= 0)
		(void)close(out_fd);
	(void)close(null_fd);
	return err;
}
