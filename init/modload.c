/* init/modload.c: see modload.h. */
#include "modload.h"
#include "config.h"
#include "fmt.h"
#include "log.h"
#include "modparams.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/resource.h>
#include <sys/wait.h>
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

/* Microseconds spent inside finit_module by this process, by the background
 * lane, and waiting for the lane: the summary line (bench/report) counts the
 * first and the last, the time module loading held the boot up. */
static long finit_us, lane_finit_us, lane_wait_us;

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

/* Loads one module and logs it; returns 0 (loaded, or not for this machine)
 * or -errno. The caller records a failure. */
static int load_one_logged(const struct modload *ml, size_t index, bool *loaded)
{
	const struct moddb_module *m = &ml->db.modules[index];
	char path[512], params[64];
	long started = log_elapsed_ms();
	int err;

	*loaded = false;
	(void)fmt_snprintf(path, sizeof(path), "%s/%s", ml->dir, m->path);
	if (modparams_for(m->name, ml->async_probe, params, sizeof(params)) < 0)
		log_warn("the parameters of module %s do not fit in %zu bytes; loading it without",
			 m->name, sizeof(params));
	err = insert_module(path, params);
	if (err == -ENODEV) {
		/* e.g. crct10dif_pclmul on a CPU without PCLMUL: a variant for other hardware */
		log_debug("module %s does not apply to this machine (%s)", m->name, strerror(-err));
		return 0;
	}
	if (err < 0) {
		log_err("loading module %s from %s failed: %s", m->name, path, strerror(-err));
		return err;
	}
	*loaded = true;
	log_debug("loaded module %s in %ld ms", m->name, log_elapsed_ms() - started);
	return 0;
}

static void load_one(struct modload *ml, size_t index)
{
	bool loaded;
	int err = load_one_logged(ml, index, &loaded);

	if (err < 0)
		record_failure(ml, ml->db.modules[index].name, err);
	ml->loaded += loaded;
}

/* --- the background lane ---------------------------------------------------
 * The boot list (loop, squashfs, overlay: nothing a storage driver needs) is
 * loaded by a child process at the lowest priority while this one goes on
 * with coldplug, so it fills the time the storage drivers' probing leaves
 * idle (an ATA reset sleeps for 150 ms, a CD drive answers slowly).
 * Its modules are marked attempted here; a request that needs one of them
 * waits for the lane first (background_sync). The child reports one record a
 * module through a pipe. */
struct lane_record {
	uint32_t index;
	int32_t err;
	int32_t loaded;
	int64_t finit_us;
};

static struct {
	pid_t pid;
	int fd;                 /* the pipe's read end */
	unsigned char *owned;   /* one flag per module: the lane loads it */
	struct modload *ml;
} lane = { .pid = 0, .fd = -1 };

static _Noreturn void lane_run(struct modload *ml, const size_t *order, long n, int out)
{
	for (long i = 0; i < n; i++) {
		struct lane_record r = { .index = (uint32_t)order[i] };
		long before = finit_us;
		bool loaded;

		r.err = load_one_logged(ml, order[i], &loaded);
		r.loaded = loaded;
		r.finit_us = finit_us - before;
		if (write(out, &r, sizeof(r)) != (ssize_t)sizeof(r))
			break;
	}
	_exit(0);
}

static void lane_merge(const struct lane_record *r)
{
	struct modload *ml = lane.ml;

	if (r->index >= ml->db.nmodules)
		return;
	lane.owned[r->index] = 0;
	lane_finit_us += r->finit_us;
	ml->loaded += r->loaded != 0;
	if (r->err < 0)
		record_failure(ml, ml->db.modules[r->index].name, r->err);
}

void modload_background_sync(int timeout_ms)
{
	struct lane_record r;
	struct pollfd p = { .fd = lane.fd, .events = POLLIN };
	long started = log_elapsed_ms(), deadline = started + timeout_ms;

	while (lane.fd >= 0) {
		long left = deadline - log_elapsed_ms();
		ssize_t n;

		if (left <= 0 || poll(&p, 1, (int)left) <= 0) {
			log_err("the background module loader is still busy after %d ms; going on without it",
				timeout_ms);
			return;
		}
		n = read(lane.fd, &r, sizeof(r));
		if (n == (ssize_t)sizeof(r)) {
			lane_merge(&r);
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		(void)close(lane.fd); /* end of the records (or a broken pipe) */
		lane.fd = -1;
		(void)waitpid(lane.pid, NULL, 0);
		lane.pid = 0;
		lane_wait_us += (log_elapsed_ms() - started) * 1000;
	}
}

/* Whether loading index (with its dependencies) needs a module the lane
 * has not finished with. */
static bool needs_lane(struct modload *ml, size_t index)
{
	unsigned char seen[ml->db.nmodules ? ml->db.nmodules : 1];
	size_t order[128];
	long n;

	if (lane.fd < 0)
		return false;
	memset(seen, 0, sizeof(seen));
	n = moddb_load_order(&ml->db, index, seen, order, 0, 128);
	for (long i = 0; i < n; i++)
		if (lane.owned[order[i]])
			return true;
	return n < 0;
}

static void load_with_dependencies(struct modload *ml, size_t index)
{
	size_t order[128];
	long n;

	if (needs_lane(ml, index))
		modload_background_sync(LIVE_MODULE_LANE_TIMEOUT_MS);
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
		log_info("modules: %u loaded, %ld ms in finit_module on the boot's path (%ld ms more in the "
			 "background, %ld ms of it waited for)", ml->loaded, (finit_us + lane_wait_us) / 1000,
			 lane_finit_us / 1000, lane_wait_us / 1000);
	return n;
}

/* Appends a module and its dependencies to the load order, marked attempted;
 * returns the new count (n unchanged, logged, when the list would overflow). */
static long append_load_order(struct modload *ml, size_t index, size_t *order, long n, size_t max)
{
	long more = moddb_load_order(&ml->db, index, ml->attempted, order, (size_t)n, max);

	if (more < 0) {
		log_err("module %s: dependency list too long", ml->db.modules[index].name);
		record_failure(ml, ml->db.modules[index].name, (int)more);
		return n;
	}
	return more;
}

/* Appends the modules an alias matches, as append_load_order. */
static long add_alias_order(struct modload *ml, const char *alias, size_t *order, long n, size_t max)
{
	size_t matches[8];
	size_t found = ml->attempted ? moddb_match(&ml->db, alias, matches, 8) : 0;

	if (found == 0)
		log_warn("no module in this initramfs provides %s; it will not be loaded early", alias);
	for (size_t i = 0; i < found && i < 8; i++)
		n = append_load_order(ml, matches[i], order, n, max);
	return n;
}

/* The boot list's modules in load order, marked attempted. */
static long boot_list_order(struct modload *ml, size_t *order, size_t max)
{
	char *text, *line, *save = NULL;
	int err = read_file(LIVE_MODULES_BOOT, 1u << 20, &text, NULL);
	long n = 0;

	if (err < 0) {
		if (err != -ENOENT)
			log_err("cannot read %s: %s", LIVE_MODULES_BOOT, strerror(-err));
		return 0;
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
		n = append_load_order(ml, (size_t)index, order, n, max);
	}
	free(text);
	return n;
}

unsigned modload_boot_list(struct modload *ml, const char *also)
{
	static size_t order[128];
	long n = boot_list_order(ml, order, 128);
	int fds[2];

	if (also)
		n = add_alias_order(ml, also, order, n, 128);

	if (n <= 0)
		return 0;
	lane.owned = calloc(ml->db.nmodules, 1);
	if (!lane.owned || pipe2(fds, O_CLOEXEC) < 0 || (lane.pid = fork()) < 0) {
		log_warn("no background module loader (%s); loading the boot list here", strerror(errno));
		for (long i = 0; i < n; i++)
			load_one(ml, order[i]);
		return (unsigned)n;
	}
	if (lane.pid == 0) {
		/* only what the boot's path leaves idle: its drivers' loads and the
		 * kernel's probes come first (the overlay is needed last) */
		if (setpriority(PRIO_PROCESS, 0, 19) < 0)
			log_debug("lowering the background loader's priority failed: %s", strerror(errno));
		(void)close(fds[0]);
		lane_run(ml, order, n, fds[1]);
	}
	(void)close(fds[1]);
	lane.fd = fds[0];
	lane.ml = ml;
	for (long i = 0; i < n; i++)
		lane.owned[order[i]] = 1;
	return (unsigned)n;
}

/* --- waiting for the drivers' probes ----------------------------------------
 * A driver loaded with async_probe returns before its devices are probed. A
 * module loaded without it ends with async_synchronize_full() (the kernel's
 * do_init_module, unconditional since Linux 5.18), which returns only when no
 * async work is pending: those probes, and the SCSI scans they scheduled.
 * Loading a tiny module nothing else needs is that wait, once a boot. */
static long barrier_index(const struct modload *ml)
{
	return ml->attempted ? moddb_find(&ml->db, LIVE_PROBE_BARRIER_MODULE) : -1;
}

bool modload_can_wait_for_probes(const struct modload *ml)
{
	long index = barrier_index(ml);

	return index >= 0 && !ml->attempted[index];
}

static bool module_live(const char *name)
{
	char path[96];

	(void)fmt_snprintf(path, sizeof(path), "/sys/module/%s", name);
	return access(path, F_OK) == 0;
}

long modload_wait_for_probes(struct modload *ml)
{
	long index = barrier_index(ml);
	long started = log_elapsed_ms();
	bool was_async = ml->async_probe;

	ml->async_probe = false;
	if (!was_async)
		return -ENOENT;
	/* loaded already (a hook, a driver that needs it): its load is no wait */
	if (index < 0 || ml->attempted[index] || module_live(LIVE_PROBE_BARRIER_MODULE))
		return -EBUSY;
	load_with_dependencies(ml, (size_t)index);
	if (!module_live(LIVE_PROBE_BARRIER_MODULE))
		return -EBUSY;
	return log_elapsed_ms() - started;
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
