/* mkinitramfs/modselect.c: dir: and host: selectors (see modselect.h). */
#include "modselect.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fileio.h"
#include "hostscan.h"
#include "strlist.h"

#define PROC_FILE_MAX (16u << 20)

static void say(char *detail, size_t size, const char *format, ...)
	__attribute__((format(printf, 3, 4)));

static void say(char *detail, size_t size, const char *format, ...)
{
	va_list args;

	va_start(args, format);
	(void)vsnprintf(detail, size, format, args);
	va_end(args);
}

bool modselect_is_selector(const char *word)
{
	return strncmp(word, "dir:", 4) == 0 || strncmp(word, "host:", 5) == 0;
}

static void pick(unsigned char *picked, size_t module, size_t *count)
{
	if (!picked[module]) {
		picked[module] = 1;
		(*count)++;
	}
}

static int pick_dir(const struct moddb *db, const char *dir, unsigned char *picked, size_t *count)
{
	size_t len = strlen(dir);

	while (len > 1 && dir[len - 1] == '/')
		len--;
	if (len == 0 || dir[0] == '/')
		return -EINVAL;
	for (size_t i = 0; i < db->nmodules; i++)
		if (strncmp(db->modules[i].path, dir, len) == 0 && db->modules[i].path[len] == '/')
			pick(picked, i, count);
	return 0;
}

/* Every module whose alias matches one of the strings (prefix before each). */
static int pick_aliases(const struct moddb *db, const struct strlist *strings, const char *prefix,
			unsigned char *picked, size_t *count)
{
	for (size_t i = 0; i < strings->count; i++) {
		char alias[4200];
		size_t n, *matches;

		if (snprintf(alias, sizeof(alias), "%s%s", prefix, strings->items[i]) >= (int)sizeof(alias))
			continue;
		n = moddb_match(db, alias, NULL, 0);
		if (n == 0)
			continue;
		matches = calloc(n, sizeof(*matches));
		if (!matches)
			return -ENOMEM;
		n = moddb_match(db, alias, matches, n);
		for (size_t k = 0; k < n; k++)
			pick(picked, matches[k], count);
		free(matches);
	}
	return 0;
}

typedef int (*text_scanner)(const char *text, struct strlist *out);

/* Reads dir/file and scans it into out. */
static int scan_proc_file(const char *dir, const char *file, text_scanner scan,
			  struct strlist *out, char *detail, size_t size)
{
	char path[4096];
	char *text = NULL;
	size_t len = 0;
	int err;

	(void)snprintf(path, sizeof(path), "%s/%s", dir, file);
	say(detail, size, "cannot read %s", path);
	err = read_file_to_eof(path, PROC_FILE_MAX, &text, &len);
	if (!err)
		err = scan(text, out);
	free(text);
	return err;
}

static int pick_host(const struct moddb *db, const struct modselect_host *host, const char *what,
		     unsigned char *picked, size_t *count, char *detail, size_t size)
{
	const char *sysfs = host && host->sysfs ? host->sysfs : "/sys";
	const char *proc = host && host->proc ? host->proc : "/proc";
	struct strlist found = { 0 };
	const char *prefix = "";
	int err;

	if (strcmp(what, "devices") == 0) {
		say(detail, size, "cannot read the devices of %s/devices", sysfs);
		err = hostscan_modaliases(sysfs, &found);
	} else if (strcmp(what, "filesystems") == 0) {
		err = scan_proc_file(proc, "mounts", hostscan_mount_types, &found, detail, size);
		prefix = "fs-";
	} else if (strcmp(what, "loaded") == 0) {
		err = scan_proc_file(proc, "modules", hostscan_loaded_modules, &found, detail, size);
	} else {
		say(detail, size, "unknown selector 'host:%s' (expected host:devices, "
		    "host:filesystems or host:loaded)", what);
		err = -EINVAL;
	}
	if (!err)
		err = pick_aliases(db, &found, prefix, picked, count);
	strlist_free(&found);
	return err;
}

int modselect_pick(const struct moddb *db, const struct modselect_host *host,
		   const char *selector, unsigned char *picked, size_t *count,
		   char *detail, size_t size)
{
	int err;

	*count = 0;
	detail[0] = '\0';
	if (strncmp(selector, "host:", 5) == 0)
		return pick_host(db, host, selector + 5, picked, count, detail, size);
	err = strncmp(selector, "dir:", 4) == 0 ? pick_dir(db, selector + 4, picked, count) : -EINVAL;
	if (err)
		say(detail, size, "'%s': expected dir:PATH, PATH relative as in modules.dep "
		    "(dir:kernel/drivers/ata)", selector);
	return err;
}
