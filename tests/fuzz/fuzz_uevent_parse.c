/* tests/fuzz/fuzz_uevent_parse.c: libFuzzer target for init/uevent_parse.c.
 * Netlink messages come from the kernel, but a parser that trusts its input
 * is one bug away from PID 1 crashing: every field must stay inside it. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "uevent_parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int inside(const char *p, const char *buf, size_t size)
{
	return p >= buf && p <= buf + size && memchr(p, '\0', (size_t)(buf + size + 1 - p));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = malloc(size + 1);
	struct uevent ev;

	if (!buf)
		return 0;
	memcpy(buf, data, size);
	buf[size] = '\0';
	if (uevent_parse(buf, size, &ev) == 0 &&
	    (!inside(ev.action, buf, size) || !inside(ev.devpath, buf, size) || !*ev.action ||
	     !*ev.devpath))
		abort();
	free(buf);
	return 0;
}
