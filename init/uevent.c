/* init/uevent.c: see uevent.h. */
#include "uevent.h"
#include "log.h"
#include "fmt.h"
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

/* Loads the drivers for every device listed in a directory of device links
 * (/sys/bus/BUS/devices, /sys/class/input): sysfs's own links, to the device
 * directories, each with the modalias it wants. Returns how many matched. */
static unsigned load_for_listed_devices(struct modload *ml, const char *dirpath)
{
	char path[320], alias[512];
	unsigned matched = 0;
	DIR *dir = opendir(dirpath);
	struct dirent *de;

	if (!dir)
		return 0;
	while ((de = readdir(dir))) {
		if (de->d_name[0] == '.')
			continue;
		(void)fmt_snprintf(path, sizeof(path), "%s/%s/modalias", dirpath, de->d_name);
		if (read_small(path, alias, sizeof(alias)) == 0 && alias[0])
			matched += modload_alias(ml, alias) > 0;
	}
	(void)closedir(dir);
	return matched;
}

/* Reads the buses the image has drivers for (moddb_coldplug_bus). On QEMU's
 * PC with the default image (hv_vmbus's ACPI id among its aliases): acpi,
 * platform, pci and cpu, 70 devices instead of the 107 of every bus (each
 * read takes a fraction of a millisecond under TCG). */
unsigned coldplug_modaliases(struct modload *ml)
{
	unsigned firmware_ids = moddb_firmware_ids(&ml->db);
	unsigned matched = 0;
	DIR *dir = opendir("/sys/bus");
	struct dirent *de;

	if (!dir) {
		log_err("cannot open /sys/bus for coldplug: %s", strerror(errno));
		return 0;
	}
	while ((de = readdir(dir))) {
		char devices[300];

		if (de->d_name[0] == '.' || !moddb_coldplug_bus(&ml->db, firmware_ids, de->d_name))
			continue;
		(void)fmt_snprintf(devices, sizeof(devices), "/sys/bus/%s/devices", de->d_name);
		matched += load_for_listed_devices(ml, devices);
	}
	(void)closedir(dir);
	/* input devices are a class, not a bus */
	if (moddb_bus_has_aliases(&ml->db, "input"))
		matched += load_for_listed_devices(ml, "/sys/class/input");
	return matched;
}
