/* init/util.c: see util.h. */
#include "util.h"
#include "fmt.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

int read_file(const char *path, size_t max, char **out, size_t *outlen)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	size_t cap = 4096, len = 0;
	char *buf;

	if (fd < 0)
		return -errno;
	buf = malloc(cap + 1);
	while (buf) {
		ssize_t n;

		if (len == cap) {
			char *bigger = cap >= max ? NULL : realloc(buf, cap * 2 + 1);

			if (!bigger) {
				free(buf);
				(void)close(fd);
				return cap >= max ? -EFBIG : -ENOMEM;
			}
			buf = bigger;
			cap *= 2;
		}
		n = read(fd, buf + len, cap - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int err = -errno;

			free(buf);
			(void)close(fd);
			return err;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	(void)close(fd);
	if (!buf)
		return -ENOMEM;
	buf[len] = '\0';
	*out = buf;
	if (outlen)
		*outlen = len;
	return 0;
}

int read_small(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = read(fd, buf, size - 1);
	if (n < 0) {
		int err = -errno;

		(void)close(fd);
		return err;
	}
	(void)close(fd);
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == ' '))
		n--;
	buf[n] = '\0';
	return 0;
}

int write_string(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	size_t len = strlen(s);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = write(fd, s, len);
	if (n < 0 || (size_t)n != len) {
		int err = n < 0 ? -errno : -EIO;

		(void)close(fd);
		return err;
	}
	return close(fd) < 0 ? -errno : 0;
}

int mkdir_p(const char *path, mode_t mode)
{
	char tmp[PATH_MAX];
	size_t len = strlen(path);

	if (len == 0 || len >= sizeof(tmp))
		return -ENAMETOOLONG;
	memcpy(tmp, path, len + 1);
	for (char *p = tmp + 1; ; p++) {
		if (*p == '/' || *p == '\0') {
			char saved = *p;

			*p = '\0';
			if (mkdir(tmp, mode) < 0 && errno != EEXIST)
				return -errno;
			*p = saved;
			if (saved == '\0')
				break;
		}
	}
	return 0;
}

int is_mount_point(const char *path)
{
	char parent[PATH_MAX];
	struct stat self, up;
	int n = fmt_snprintf(parent, sizeof(parent), "%s/..", path);

	if (n < 0 || (size_t)n >= sizeof(parent))
		return -ENAMETOOLONG;
	if (stat(path, &self) < 0 || stat(parent, &up) < 0)
		return -errno;
	return self.st_dev != up.st_dev || self.st_ino == up.st_ino;
}

#ifndef SYS_openat2
#define SYS_openat2 437
#endif

struct liveinit_open_how {
	unsigned long long flags, mode, resolve;
};

#define LIVEINIT_RESOLVE_NO_XDEV 0x01
#define LIVEINIT_RESOLVE_NO_MAGICLINKS 0x02
#define LIVEINIT_RESOLVE_NO_SYMLINKS 0x04
#define LIVEINIT_RESOLVE_BENEATH 0x08

int open_beneath(int rootfd, const char *rel, int flags)
{
	struct liveinit_open_how how = {
		.flags = (unsigned long long)(flags | O_CLOEXEC | O_NOFOLLOW),
		.resolve = LIVEINIT_RESOLVE_BENEATH | LIVEINIT_RESOLVE_NO_SYMLINKS |
			   LIVEINIT_RESOLVE_NO_MAGICLINKS | LIVEINIT_RESOLVE_NO_XDEV,
	};
	long fd;

	while (*rel == '/')
		rel++;
	fd = syscall(SYS_openat2, rootfd, *rel ? rel : ".", &how, sizeof(how));
	return fd < 0 ? -errno : (int)fd;
}

#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif

int wait_child(pid_t pid, long timeout_ms, int *status)
{
	int pidfd = (int)syscall(SYS_pidfd_open, pid, 0), err = 0;

	if (pidfd >= 0) {
		struct pollfd p = { .fd = pidfd, .events = POLLIN };
		int ready;

		while ((ready = poll(&p, 1, timeout_ms > 0 ? (int)timeout_ms : 0)) < 0 && errno == EINTR)
			;
		(void)close(pidfd);
		if (ready == 0) {
			(void)kill(pid, SIGKILL);
			err = -ETIMEDOUT;
		}
	}
	while (waitpid(pid, status, 0) < 0)
		if (errno != EINTR)
			return -errno;
	return err;
}
