/* init/uevent_parse.c: see uevent_parse.h. */
#include "uevent_parse.h"

#include <errno.h>
#include <string.h>

static const char *value_of(const char *field, const char *key)
{
	size_t n = strlen(key);

	return strncmp(field, key, n) == 0 && field[n] == '=' ? field + n + 1 : NULL;
}

static void take_field(struct uevent *ev, const char *field)
{
	const char *v;

	if ((v = value_of(field, "ACTION")))
		ev->action = v;
	else if ((v = value_of(field, "DEVPATH")))
		ev->devpath = v;
	else if ((v = value_of(field, "SUBSYSTEM")))
		ev->subsystem = v;
	else if ((v = value_of(field, "DEVNAME")))
		ev->devname = v;
	else if ((v = value_of(field, "DEVTYPE")))
		ev->devtype = v;
	else if ((v = value_of(field, "MODALIAS")))
		ev->modalias = v;
}

int uevent_parse(const char *buf, size_t len, struct uevent *ev)
{
	size_t first = strnlen(buf, len);

	if (first == len || !memchr(buf, '@', first) || strncmp(buf, "libudev", 7) == 0)
		return -EINVAL;
	ev->action = ev->devpath = "";
	ev->subsystem = ev->devname = ev->devtype = ev->modalias = "";
	for (size_t pos = first + 1; pos < len;) {
		size_t n = strnlen(buf + pos, len - pos);

		take_field(ev, buf + pos);
		pos += n + 1;
	}
	if (!*ev->action || !*ev->devpath)
		return -EINVAL;
	/* DEVNAME may carry a directory ("bus/usb/001/001"); devtmpfs adds /dev */
	return 0;
}
