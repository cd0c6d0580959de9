/* init/uevent_parse.h: one kernel uevent message, as read from the netlink socket.
 * Pure code: the message is "ACTION@DEVPATH\0KEY=VALUE\0...". */
#ifndef LIVEINIT_UEVENT_PARSE_H
#define LIVEINIT_UEVENT_PARSE_H
#include <stddef.h>

struct uevent {
	const char *action;    /* "add", "remove", "change", ... */
	const char *devpath;   /* "/devices/pci0000:00/..." */
	const char *subsystem; /* "block", "pci", ... or "" */
	const char *devname;   /* "sda1" or "" */
	const char *devtype;   /* "disk", "partition" or "" */
	const char *modalias;  /* or "" */
};

/* buf must hold len bytes followed by a NUL (buf[len] == 0). Returns 0, or
 * -EINVAL when the message is not a kernel uevent (e.g. udev's "libudev" ones). */
int uevent_parse(const char *buf, size_t len, struct uevent *ev);
#endif
