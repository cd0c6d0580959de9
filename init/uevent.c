/* init/uevent.c: see uevent.h. */
#include "uevent.h"
#include "log.h"
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/netlink.h>
#include <stdbool.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int uevent_open(void)
{
	struct sockaddr_nl addr = { .nl_family = AF_NETLINK, .nl_groups = 1 };
	int size = 4 << 20;
	int fd = socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK,
			NETLINK_KOBJECT_UEVENT);

	if (fd < 0)
		return -errno;
	/* a burst of coldplug events must not overflow the default buffer */
	(void)setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof(size));
	if (bind(fd, (struct sockaddr *)&addr, sizeof(addr)) < 0) {
		int err = -errno;

		(void)close(fd);
		return err;
	}
	return fd;
}

int uevent_receive(int fd, char *buf, size_t bufsize, struct uevent *ev)
{
	for (;;) {
		ssize_t n = recv(fd, buf, bufsize - 1, 0);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return errno == EAGAIN || errno == EWOULDBLOCK ? 0 : -errno;
		buf[n] = '\0';
		if (uevent_parse(buf, (size_t)n, ev) == 0)
			return 1;
	}
}

/* Directories no modalias lives in: each device's power/ (runtime PM
 * attributes), and /sys/devices/virtual/, the devices no bus drives (ttys,
 * loop and ram disks, network namespaces' devices): about half of sysfs. */
static bool skipped_subtree(const char *name, int depth)
{
	return strcmp(name, "power") == 0 || (depth == 0 && strcmp(name, "virtual") == 0);
}

/* Depth-first walk of sysfs devices without following links: each
 * directory's "modalias" attribute names the driver it wants. */
static unsigned walk_devices(struct modload *ml, int dirfd, int depth)
{
	char alias[512];
	unsigned matched = 0;
	DIR *dir;
	struct dirent *de;
	int fd = openat(dirfd, "modalias", O_RDONLY | O_CLOEXEC);

	if (fd >= 0) {
		ssize_t n = read(fd, alias, sizeof(alias) - 1);

		(void)close(fd);
		while (n > 0 && (alias[n - 1] == '\n'))
			n--;
		if (n > 0) {
			alias[n] = '\0';
			matched += modload_alias(ml, alias) > 0;
		}
	}
	if (depth > 24 || !(dir = fdopendir(dirfd))) {
		(void)close(dirfd);
		return matched;
	}
	while ((de = readdir(dir))) {
		int child;

		if (de->d_type != DT_DIR || de->d_name[0] == '.' || skipped_subtree(de->d_name, depth))
			continue;
		child = openat(dirfd, de->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (child >= 0)
			matched += walk_devices(ml, child, depth + 1);
	}
	(void)closedir(dir);
	return matched;
}

unsigned coldplug_modaliases(struct modload *ml)
{
	int fd = open("/sys/devices", O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd < 0) {
		log_err("cannot open /sys/devices for coldplug: %s", strerror(errno));
		return 0;
	}
	return walk_devices(ml, fd, 0);
}
