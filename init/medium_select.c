/* init/medium_select.c: see medium_select.h. */
#include "medium_select.h"

#include <string.h>
#include <strings.h>

static bool has_prefix(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

bool medium_hint_matches(const char *hint, const struct block_device *d)
{
	if (!hint || !*hint)
		return true;
	if (has_prefix(hint, "/dev/"))
		return strcmp(hint + 5, d->name) == 0;
	if (has_prefix(hint, "LABEL="))
		return d->probed && d->probe_err == 0 && strcmp(hint + 6, d->fs.label) == 0;
	if (has_prefix(hint, "UUID="))
		return d->probed && d->probe_err == 0 && strcasecmp(hint + 5, d->fs.uuid) == 0;
	if (strcmp(hint, "removable") == 0 || strcmp(hint, "removable-usb") == 0)
		return d->removable;
	return false; /* a hint we cannot read matches nothing rather than anything */
}

bool medium_type_can_hold_images(const char *type)
{
	static const char *const types[] = { "iso9660", "ext2", "ext3", "ext4", "exfat", "vfat" };

	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (strcmp(type, types[i]) == 0)
			return true;
	return false;
}

int medium_priority(const struct block_device *d)
{
	if (d->removable)
		return 0;
	if (has_prefix(d->name, "sr"))
		return 1;
	return 2;
}

bool medium_is_image_name(const char *name)
{
	size_t len = strlen(name), suffix = strlen(".squashfs");

	return name[0] != '.' && !strchr(name, '/') && len > suffix &&
	       strcmp(name + len - suffix, ".squashfs") == 0;
}
