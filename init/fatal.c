/* init/fatal.c: see fatal.h. */
#include "fatal.h"
#include "blockdev.h"
#include "fmt.h"
#include "log.h"
#include "modload.h"
#include "shell.h"
#include "util.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void report_search(const struct boot_state *st)
{
	log_err("searched for: %s/*%s on %s%s, for up to %u s", st->opts.media_path, LIVE_IMAGE_SUFFIX,
		st->opts.media[0] ? "live-media=" : "any block device",
		st->opts.media, st->opts.media_timeout_s);
}

static void report_devices(struct boot_state *st)
{
	char line[256];

	if (st->ndevices == 0) {
		log_err("block devices seen: none");
		return;
	}
	log_err("block devices seen: %u", st->ndevices);
	for (unsigned i = 0; i < st->ndevices; i++) {
		struct block_device *d = &st->devices[i];

		if (!d->probed)
			blockdev_probe(d);
		blockdev_describe(d, line, sizeof(line));
		log_err("  %s%s%s", line, d->verdict[0] ? ": " : "", d->verdict);
	}
}

static void report_modules(const struct boot_state *st)
{
	modload_background_sync(LIVE_FATAL_LANE_WAIT_MS); /* its failures belong in the report */
	if (st->nfailed == 0) {
		log_err("modules that failed to load: none");
		return;
	}
	for (unsigned i = 0; i < st->nfailed; i++)
		log_err("module failed to load: %s (%s)", st->failed[i].name, strerror(-st->failed[i].err));
}

_Noreturn void fatal(struct boot_state *st, const char *fmt, ...)
{
	char reason[512];
	va_list ap;

	va_start(ap, fmt);
	(void)fmt_vsnprintf(reason, sizeof(reason), fmt, ap);
	va_end(ap);
	log_err("FATAL: %s", reason);
	report_search(st);
	report_devices(st);
	report_modules(st);
	if (mkdir_p(LIVE_RUN_DIR, 0755) == 0)
		(void)log_save(LIVE_BOOT_LOG);
	if ((st->opts.debug || st->opts.break_stage[0]) && shell_available()) {
		(void)shell_run("the boot failed");
		log_err("the emergency shell exited; giving up: the kernel will panic now");
	} else {
		log_err("giving up: the kernel will panic now%s",
			shell_available() ? " (boot with 'debug' for an emergency shell)" : "");
	}
	sync();
	exit(1);
}
