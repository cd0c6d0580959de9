/* init/modparams.c: see modparams.h. */
#include "modparams.h"

#include <errno.h>
#include <string.h>

/* usb-storage waits a second before it scans a new stick (for devices of the
 * 2000s); a live medium need not wait. */
static const struct {
	const char *module, *params;
} live_params[] = {
	{ "usb_storage", "delay_use=0" },
};

static const char *live_params_for(const char *module)
{
	for (size_t i = 0; i < sizeof(live_params) / sizeof(live_params[0]); i++)
		if (strcmp(live_params[i].module, module) == 0)
			return live_params[i].params;
	return "";
}

int modparams_for(const char *module, bool async_probe, char *buf, size_t size)
{
	const char *own = module ? live_params_for(module) : "";
	const char *async = async_probe ? "async_probe" : "";
	const char *sep = *own && *async ? " " : "";
	size_t need = strlen(own) + strlen(sep) + strlen(async) + 1;

	if (!buf || size < need) {
		if (buf && size)
			buf[0] = '\0';
		return -ENOSPC;
	}
	strcpy(buf, own);
	strcat(buf, sep);
	strcat(buf, async);
	return 0;
}
