/* init/early.c: see early.h. */
#include "early.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

static const struct {
	const char *source, *target, *type, *options;
	unsigned long flags;
} api_mounts[] = {
	{ "proc", "/proc", "proc", NULL, MS_NOSUID | MS_NODEV | MS_NOEXEC },
	{ "sysfs", "/sys", "sysfs", NULL, MS_NOSUID | MS_NODEV | MS_NOEXEC },
	{ "devtmpfs", "/dev", "devtmpfs", "mode=0755", MS_NOSUID },
	{ "tmpfs", "/run", "tmpfs", "mode=0755", MS_NOSUID | MS_NODEV },
};

int early_mount(const char **failed)
{
	for (size_t i = 0; i < sizeof(api_mounts) / sizeof(api_mounts[0]); i++) {
		if (mkdir(api_mounts[i].target, 0755) < 0 && errno != EEXIST) {
			*failed = api_mounts[i].target;
			return -errno;
		}
		if (mount(api_mounts[i].source, api_mounts[i].target, api_mounts[i].type,
			  api_mounts[i].flags, api_mounts[i].options) < 0 && errno != EBUSY) {
			*failed = api_mounts[i].target;
			return -errno;
		}
	}
	return 0;
}

int console_open(void)
{
	int fd = open("/dev/console", O_RDWR | O_NOCTTY | O_CLOEXEC);

	if (fd < 0)
		return -errno;
	for (int std = 0; std <= 2; std++)
		if (dup2(fd, std) < 0) {
			int err = -errno;

			(void)close(fd);
			return err;
		}
	(void)close(fd);
	return 0;
}
