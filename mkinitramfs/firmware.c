/* mkinitramfs/firmware.c: the modules' firmware into the image (see firmware.h). */
#include "firmware.h"

#include <errno.h>
#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "fileio.h"
#include "glob.h"
#include "hostfile.h"
#include "modinfo.h"
#include "runcmd.h"

#define MODULE_MAX_BYTES (256u << 20)
#define NOTE_NAMES 4 /* missing names listed in one note; the rest are counted */

static int fail(struct firmware_problem *p, int err, const char *action, const char *path)
{
	p->action = action;
	(void)snprintf(p->path, sizeof(p->path), "%s", path);
	return err;
}

static const char *decompressor(const char *path)
{
	static const char *const suffixes[][2] = {
		{ ".ko.xz", "xz" }, { ".ko.zst", "zstd" }, { ".ko.gz", "gzip" },
	};
	size_t len = strlen(path);

	for (size_t i = 0; i < sizeof(suffixes) / sizeof(*suffixes); i++) {
		size_t n = strlen(suffixes[i][0]);

		if (len > n && strcmp(path + len - n, suffixes[i][0]) == 0)
			return suffixes[i][1];
	}
	return NULL;
}

/* The module's bytes, decompressed when its name says it is compressed. */
static int read_module(const char *path, char **data, size_t *len)
{
	const char *tool = decompressor(path);
	char *argv[] = { (char *)tool, "-dcq", "--", (char *)path, NULL };
	struct runcmd cmd = { .argv = argv, .max_output = MODULE_MAX_BYTES };
	int status = 0, err;

	if (!tool)
		return read_whole_file(path, MODULE_MAX_BYTES, data, len);
	err = runcmd_run(&cmd, data, len, &status);
	if (!err && (!WIFEXITED(status) || WEXITSTATUS(status) != 0)) {
		free(*data);
		*data = NULL;
		err = -EIO;
	}
	return err;
}

/* ---------- one firmware name ---------- */

/* Whether hostfile_add's error only means that this candidate is not usable. */
static bool not_usable(int err)
{
	return err == -ENOENT || err == -ENOTDIR || err == -ELOOP || err == -EISDIR ||
	       err == -EINVAL || err == -EACCES;
}

static int add_found(struct manifest *m, const char *dir, const char *host, bool *found,
		     struct firmware_problem *p)
{
	char image[4096];
	int err;

	if (snprintf(image, sizeof(image), FIRMWARE_IMAGE_DIR "/%s", host + strlen(dir) + 1) >=
		    (int)sizeof(image) || !manifest_path_ok(image))
		return 0;
	err = hostfile_add(m, image, host);
	if (!err)
		*found = true;
	return err && !not_usable(err) ? fail(p, err, "cannot add the firmware", host) : 0;
}

/* The entries of directory dir/sub whose names match pattern, sorted. */
static int list_matches(const char *dir, const char *sub, const char *pattern,
			struct strlist *out)
{
	char path[4096];
	DIR *d;
	struct dirent *e;
	int err = 0;

	if (snprintf(path, sizeof(path), "%s/%s", dir, sub) >= (int)sizeof(path))
		return 0;
	d = opendir(path);
	while (d && !err && (e = readdir(d)) != NULL)
		if (e->d_name[0] != '.' && glob_match(pattern, e->d_name))
			err = strlist_add(out, e->d_name);
	if (d)
		closedir(d);
	strlist_sort(out);
	return err;
}

/* A name with wildcards in its last component ("brcm/brcmfmac*-sdio.*.bin"):
 * every file it matches. */
static int add_pattern(struct manifest *m, const char *dir, const char *name, bool *found,
		       struct firmware_problem *p)
{
	const char *slash = strrchr(name, '/');
	char sub[4096];
	struct strlist matches = { 0 };
	int err;

	(void)snprintf(sub, sizeof(sub), "%.*s", slash ? (int)(slash - name) : 0, name);
	if (strpbrk(sub, "*?["))
		return 0;
	err = list_matches(dir, sub[0] ? sub : ".", slash ? slash + 1 : name, &matches);
	for (size_t i = 0; i < matches.count && !err; i++) {
		char host[4096];

		if (snprintf(host, sizeof(host), "%s/%s%s%s", dir, sub, sub[0] ? "/" : "",
			     matches.items[i]) < (int)sizeof(host))
			err = add_found(m, dir, host, found, p);
	}
	strlist_free(&matches);
	return err;
}

static int add_name(struct manifest *m, const struct strlist *dirs, const char *name, bool *found,
		    struct firmware_problem *p)
{
	static const char *const suffixes[] = { "", ".zst", ".xz" };
	bool wildcard = strpbrk(name, "*?[") != NULL;
	int err = 0;

	*found = false;
	for (size_t d = 0; d < dirs->count && !*found && !err; d++) {
		const char *dir = dirs->items[d];

		if (wildcard) {
			err = add_pattern(m, dir, name, found, p);
			continue;
		}
		for (size_t s = 0; s < 3 && !*found && !err; s++) {
			char host[4096];
			struct stat st;

			if (snprintf(host, sizeof(host), "%s/%s%s", dir, name, suffixes[s]) <
				    (int)sizeof(host) && lstat(host, &st) == 0)
				err = add_found(m, dir, host, found, p);
		}
	}
	return err;
}

/* ---------- one module ---------- */

static int note_missing(struct strlist *notes, const char *module, const struct strlist *missing,
			const struct strlist *dirs)
{
	char names[1024] = "", where[1024] = "";
	char *note = NULL;
	int err;

	for (size_t i = 0; i < missing->count && i < NOTE_NAMES; i++)
		(void)snprintf(names + strlen(names), sizeof(names) - strlen(names), "%s%s",
			       i ? " " : "", missing->items[i]);
	if (missing->count > NOTE_NAMES)
		(void)snprintf(names + strlen(names), sizeof(names) - strlen(names),
			       " and %zu more", missing->count - NOTE_NAMES);
	for (size_t i = 0; i < dirs->count; i++)
		(void)snprintf(where + strlen(where), sizeof(where) - strlen(where), "%s%s",
			       i ? " " : "", dirs->items[i]);
	if (asprintf(&note, "firmware of %s not found (in %s): %s; the module goes in without it",
		     module, dirs->count ? where : "no firmware directory", names) < 0)
		return -ENOMEM;
	err = strlist_add(notes, note);
	free(note);
	return err;
}

static int add_module_firmware(struct manifest *m, const struct moddb_module *mod,
			       const char *modules_dir, const struct strlist *dirs,
			       struct strlist *notes, struct firmware_problem *p)
{
	struct strlist names = { 0 }, missing = { 0 };
	char path[4096], *data = NULL;
	size_t len = 0;
	int err;

	(void)snprintf(path, sizeof(path), "%s/%s", modules_dir, mod->path);
	err = read_module(path, &data, &len);
	if (err)
		return fail(p, err, "cannot read the module", path);
	err = modinfo_values(data, len, "firmware", &names);
	free(data);
	if (err == -ENOENT || err == -ENOEXEC || err == -EBADMSG) {
		char *note = NULL;

		err = asprintf(&note, "%s: no readable .modinfo section (%s): its firmware, if any, "
			       "is left out", path, strerror(-err)) < 0 ? -ENOMEM
			      : strlist_add(notes, note);
		free(note);
	}
	for (size_t i = 0; i < names.count && !err; i++) {
		bool found;

		err = add_name(m, dirs, names.items[i], &found, p);
		if (!err && !found)
			err = strlist_add(&missing, names.items[i]);
	}
	if (!err && missing.count)
		err = note_missing(notes, mod->name, &missing, dirs);
	strlist_free(&names);
	strlist_free(&missing);
	return err;
}

int firmware_add(struct manifest *m, const struct modset *set, const char *modules_dir,
		 const struct strlist *dirs, struct strlist *notes, struct firmware_problem *problem)
{
	enum manifest_segment before = manifest_set_segment(m, MANIFEST_MODULES);
	int err = 0;

	for (size_t i = 0; i < set->db.nmodules && !err; i++)
		if (set->in_image[i])
			err = add_module_firmware(m, &set->db.modules[i], modules_dir, dirs, notes,
						  problem);
	(void)manifest_set_segment(m, before);
	return err;
}
