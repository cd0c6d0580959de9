/* init/layer_names.c: see layer_names.h. */
#include "layer_names.h"
#include "config.h"

#include <string.h>

static bool ends_with(const char *s, size_t len, const char *suffix)
{
	size_t n = strlen(suffix);

	return len > n && memcmp(s + len - n, suffix, n) == 0;
}

enum layer_name_kind layer_name_kind(const char *name)
{
	size_t len = strnlen(name, LAYER_NAME_MAX);

	if (strncmp(name, LAYER_LEFTOVER_PREFIX, strlen(LAYER_LEFTOVER_PREFIX)) == 0)
		return LAYER_LEFTOVER;
	if (len == 0 || len >= LAYER_NAME_MAX || name[0] == '.' || strchr(name, '/'))
		return LAYER_OTHER;
	if (ends_with(name, len, LIVE_IMAGE_SUFFIX))
		return LAYER_STACKED;
	if (ends_with(name, len, LIVE_IMAGE_SUFFIX LAYER_COMMITTED_SUFFIX))
		return LAYER_PENDING;
	return LAYER_OTHER;
}

bool layer_name_stacked(const char *pending, char *out, size_t size)
{
	size_t len = strnlen(pending, LAYER_NAME_MAX), keep;

	if (layer_name_kind(pending) != LAYER_PENDING)
		return false;
	keep = len - strlen(LAYER_COMMITTED_SUFFIX);
	if (keep >= size)
		return false;
	memcpy(out, pending, keep);
	out[keep] = '\0';
	return true;
}
