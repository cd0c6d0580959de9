/* init/modload.c: see modload.h. */
#include "modload.h"
#include "config.h"
#include "fmt.h"
#include "log.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#define MODLOAD_INDEX_MAX (8u << 20)

typedef int (*moddb_parser)(struct moddb *, const char *, size_t, size_t *);

static int parse_index(struct modload *ml, const char *file, moddb_parser parse, bool required)
{
	char path[320];
	char *text;
	size_t len, bad = 0;
	int err;

	(void)fmt_snprintf(path, sizeof(path), "%s/%s", ml->dir, file);
	err = read_file(path, MODLOAD_INDEX_MAX, &text, &len);
	if (err < 0) {
		if (required || err != -ENOENT)
			log_err("cannot read module index %s: %s", path, strerror(-err));
		return required ? err : 0;
	}
	err = parse(&ml->db, text, len, &bad);
	free(text);
	if (bad)
		log_warn("%s: skipped malformed line %zu", path, bad);
	return err;
}

int modload_open(struct modload *ml, struct boot_state *st)
{
	struct utsname u;
	int err;

	memset(ml, 0, sizeof(*ml));
	ml->st = st;
	if (uname(&u) < 0)
		return -errno;
	(void)fmt_snprintf(st->kernel_release, sizeof(st->kernel_release), "%s", u.release);
	(void)fmt_snprintf(ml->dir, sizeof(ml->dir), "%s/%s", LIVE_MODULES_ROOT, u.release);
	if (access(ml->dir, F_OK) < 0) {
		log_warn("no modules for kernel %s in this initramfs (%s: %s); relying on built-in drivers",
			 u.release, ml->dir, strerror(errno));
		return 0;
	}
	err = parse_index(ml, "modules.dep", moddb_parse_dep, true);
	if (!err)
		err = parse_index(ml, "modules.alias", moddb_parse_alias, false);
	if (!err)
		err = parse_index(ml, "modules.softdep", moddb_parse_softdep, false);
	if (err)
		return err;
	ml->attempted = calloc(ml->db.nmodules ? ml->db.nmodules : 1, 1);
	return ml->attempted ? 0 : -ENOMEM;
}

static void record_failure(struct modload *ml, const char *name, int err)
{
	struct boot_state *st = ml->st;

	if (st->nfailed >= LIVE_MAX_FAILED_MODULES)
		return;
	(void)fmt_snprintf(st->failed[st->nfailed].name, sizeof(st->failed[0].name), "%s", name);
	st->failed[st->nfailed++].err = err;
}

/* Parameters the live path sets: usb-storage waits a second before it scans
 * a new stick (for devices of the 2000s); a live medium need not wait. */
static const struct {
	const char *module, *params;
} module_params[] = {
	{ "usb_storage", "delay_use=0" },
};

static const char *params_for(const char *name)
{
	for (size_t i = 0; i < sizeof(module_params) / sizeof(module_params[0]); i++)
		if (strcmp(module_params[i].module, name) == 0)
			return module_params[i].params;
	return "";
}

/* Microseconds spent inside finit_module, for the summary line (bench/report). */
static long finit_us;

/* One finit_module; a module already in the kernel counts as loaded. */
static int insert_module(const char *path, const char *params)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct timespec a, b;
	int err = 0;

	if (fd < 0)
		return -errno;
	(void)clock_gettime(CLOCK_MONOTONIC, &a);
	if (syscall(SYS_finit_module, fd, params, 0) < 0 && errno != EEXIST)
		err = -errno;
	(void)clock_gettime(CLOCK_MONOTONIC, &b);
	finit_us += (b.tv_sec - a.tv_sec) * 1000000L + (b.tv_nsec - a.tv_nsec) / 1000;
	(void)close(fd);
	return err;
}

static void load_one(struct modload *ml, size_t index)
{
	const struct moddb_module *m = &ml->db.modules[index];
	char path[512];
	long started = log_elapsed_ms();
	int err;

	(void)fmt_snprintf(path, sizeof(path), "%s/%s", ml->dir, m->path);
	err = insert_module(path, params_for(m->name));
	if (err == -ENODEV) {
		/* e.g. crct10dif_pclmul on a CPU without PCLMUL: a variant for other hardware */
		log_debug("module %s does not apply to this machine (%s)", m->name, strerror(-err));
		return;
	}
	if (err < 0) {
		log_err("loading module %s from %s failed: %s", m->name, path, strerror(-err));
		record_failure(ml, m->name, err);
		return;
	}
	ml->loaded++;
	log_debug("loaded module %s in %ld ms", m->name, log_elapsed_ms() - started);
}

static void load_with_dependencies(struct modload *ml, size_t index)
{
	size_t order[128];
	long n;

	if (ml->attempted[index])
		return;
	n = moddb_load_order(&ml->db, index, ml->attempted, order, 0, 128);
	if (n < 0) {
		log_err("module %s: dependency list too long", ml->db.modules[index].name);
		record_failure(ml, ml->db.modules[index].name, (int)n);
		return;
	}
	for (long i = 0; i < n; i++)
		load_one(ml, order[i]);
}

size_t modload_alias(struct modload *ml, const char *alias)
{
	size_t matches[32];
	size_t n;

	if (!ml->attempted)
		return 0;
	n = moddb_match(&ml->db, alias, matches, 32);
	for (size_t i = 0; i < n && i < 32; i++)
		load_with_dependencies(ml, matches[i]);
	/* the overlay is the boot's last module request (liveroot.c): sum up */
	if (strcmp(alias, "fs-overlay") == 0)
		log_info("modules: %u loaded, %ld ms in finit_module", ml->loaded, finit_us / 1000);
	return n;
}

void modload_boot_list(struct modload *ml)
{
	char *text, *line, *save = NULL;
	int err = read_file(LIVE_MODULES_BOOT, 1u << 20, &text, NULL);

	if (err < 0) {
		if (err != -ENOENT)
			log_err("cannot read %s: %s", LIVE_MODULES_BOOT, strerror(-err));
		return;
	}
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		long index;

		if (line[0] == '#' || line[0] == '\0')
			continue;
		index = ml->attempted ? moddb_find(&ml->db, line) : -1;
		if (index < 0) {
			log_err("module %s listed in %s is not in this initramfs", line, LIVE_MODULES_BOOT);
			record_failure(ml, line, -ENOENT);
			continue;
		}
		load_with_dependencies(ml, (size_t)index);
	}
	free(text);
}

/* Modules a file system needs that the kernel would ask modprobe for. */
static const struct {
	const char *type;
	const char *modules[4];
} fs_extra_modules[] = {
	{ "vfat", { "nls_cp437", "nls_ascii", "nls_utf8", NULL } },
	{ "iso9660", { "nls_utf8", NULL } },
};

void modload_filesystem(struct modload *ml, const char *type)
{
	char alias[48];

	(void)fmt_snprintf(alias, sizeof(alias), "fs-%s", type);
	(void)modload_alias(ml, alias);
	for (size_t i = 0; i < sizeof(fs_extra_modules) / sizeof(fs_extra_modules[0]); i++)
		if (strcmp(fs_extra_modules[i].type, type) == 0)
			for (size_t j = 0; fs_extra_modules[i].modules[j]; j++)
				(void)modload_alias(ml, fs_extra_modules[i].modules[j]);
}
