/* init/main.c: /init, PID 1 of the initramfs. It only sequences the stages;
 * each stage lives in its own file. */
#include "cmdline.h"
#include "config.h"
#include "early.h"
#include "fatal.h"
#include "fmt.h"
#include "hooks.h"
#include "liveroot.h"
#include "log.h"
#include "medium.h"
#include "modload.h"
#include "persist.h"
#include "shell.h"
#include "shutdown.h"
#include "state.h"
#include "switchroot.h"
#include "toram.h"
#include "verify.h"
#include "util.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static struct boot_state st;
static struct modload modules;

static long stage_started;

static void stage_begin(void)
{
	stage_started = log_elapsed_ms();
}

static void stage_end(const char *name)
{
	log_info("step %s: %ld ms", name, log_elapsed_ms() - stage_started);
}

static void read_command_line(void)
{
	char *text = NULL;
	size_t len = 0;
	int err = read_file("/proc/cmdline", 1 << 16, &text, &len);

	cmdline_defaults(&st.opts);
	if (err < 0) {
		log_err("cannot read /proc/cmdline: %s; using defaults", strerror(-err));
		return;
	}
	cmdline_parse(&st.opts, text, len);
	free(text);
	log_set_quiet(st.opts.quiet);
	log_set_debug(st.opts.debug);
	for (size_t i = 0; i < st.opts.nwarnings; i++)
		log_warn("%s", st.opts.warnings[i]);
	log_info("live-media=%s live-media-path=%s live-media-timeout=%u overlay-size=%s init=%s",
		 st.opts.media[0] ? st.opts.media : "(any)", st.opts.media_path,
		 st.opts.media_timeout_s, st.opts.overlay_size, st.opts.init[0] ? st.opts.init : "(default)");
}

/* The runtime hooks of a stage, then break=STAGE: a shell at that point,
 * and the boot goes on when it exits. */
static void stage_point(const char *stage)
{
	/* a hook or a shell here sees the boot list's modules loaded */
	if (hooks_exist(stage) || strcmp(st.opts.break_stage, stage) == 0)
		modload_background_sync(LIVE_MODULE_LANE_TIMEOUT_MS);
	hooks_run(&st, stage);
	if (strcmp(st.opts.break_stage, stage) != 0)
		return;
	if (!shell_available()) {
		log_err("break=%s asked for a shell, but this initramfs has none (%s)", stage, LIVE_SHELL);
		return;
	}
	(void)shell_run(stage);
	log_notice("the shell at break=%s exited; the boot continues", stage);
}

static void mount_api_filesystems(void)
{
	const char *failed = "";
	int err = early_mount(&failed);

	(void)console_open();
	log_open();
	log_notice("liveinit starting");
	if (err < 0)
		fatal(&st, "mounting %s failed: %s", failed, strerror(-err));
}

static const char *probe_mode(bool persistence)
{
	if (!modules.async_probe)
		return "before their module load returns (persistence, no barrier module)";
	return persistence ? "asynchronously, and are waited for before persistence looks at the disks"
			   : "asynchronously";
}

static void load_boot_modules(void)
{
	bool persistence = cmdline_wants_persistence(&st.opts);
	int err = modload_open(&modules, &st);

	if (err < 0)
		log_err("the module indexes in %s could not be read (%s): loading no modules",
			modules.dir, strerror(-err));
	/* Persistence looks at every disk: then, before it looks, the drivers'
	 * probes are waited for (a barrier module's load), and a boot whose
	 * image has no barrier loads its drivers synchronously. */
	modules.async_probe = !persistence || modload_can_wait_for_probes(&modules);
	/* A persistence volume is always mounted as ext4 (persist_find.c), and
	 * ext4 is the largest module: it loads while the drivers probe. */
	log_info("loading the live path's %u modules in the background%s; drivers probe %s",
		 modload_boot_list(&modules, persistence ? "fs-ext4" : NULL),
		 persistence ? ", ext4's with them for persistence" : "", probe_mode(persistence));
}

static void find_medium(void)
{
	int err = medium_find(&st, &modules);

	if (err == -ETIMEDOUT)
		fatal(&st, "no live medium found within %u s (live-media-timeout)", st.opts.media_timeout_s);
	if (err < 0)
		fatal(&st, "looking for the live medium failed: %s", strerror(-err));
}

static void assemble_root(void)
{
	char what[384] = "";
	int err = liveroot_assemble(&st, &modules, what, sizeof(what));

	if (err < 0)
		fatal(&st, "%s failed: %s (is the image corrupt?)", what, strerror(-err));
}

static void find_init(char *init, size_t size)
{
	int err = switchroot_find_init(LIVE_NEWROOT, st.opts.init, init, size);

	if (err == 0)
		return;
	if (st.opts.init[0])
		fatal(&st, "init=%s: no executable at that path in the live system: %s", st.opts.init,
		      strerror(-err));
	fatal(&st, "no init in the live system: tried /sbin/init, /etc/init, /bin/init, /bin/sh");
}

static long kernel_uptime_ms(void)
{
	struct timespec t;

	(void)clock_gettime(CLOCK_BOOTTIME, &t);
	return (long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static _Noreturn void switch_to(const char *init, char **argv)
{
	const char *failed = NULL;
	int err = shutdown_install();

	if (err < 0)
		log_err("installing /run/initramfs/shutdown failed: %s; at poweroff the file systems "
			"will only be synced", strerror(-err));
	err = switchroot_move_api_mounts(LIVE_NEWROOT, &failed);

	if (err < 0)
		fatal(&st, "moving %s into the new root failed: %s", failed, strerror(-err));
	err = switchroot_enter(LIVE_NEWROOT, &failed);
	if (err < 0)
		fatal(&st, "switch_root refused: %s: %s", failed, strerror(-err));
	log_notice("leaving the initramfs after %ld ms (kernel uptime %ld ms); starting %s",
		   log_elapsed_ms(), kernel_uptime_ms(), init);
	(void)log_save(LIVE_BOOT_LOG);
	argv[0] = (char *)init;
	execv(init, argv);
	log_err("executing %s failed: %s; the initramfs is gone, so the kernel will panic", init,
		strerror(errno));
	exit(1);
}

int main(int argc, char **argv)
{
	char init[CMDLINE_VALUE_MAX];

	if (strcmp(argv[0], "/shutdown") == 0 || strcmp(argv[0], "shutdown") == 0)
		shutdown_main(argc, argv);
	if (getpid() != 1) {
		(void)fmt_dprintf(STDERR_FILENO, "liveinit: /init must run as PID 1 in an initramfs\n");
		return 2;
	}
	stage_begin();
	mount_api_filesystems();
	read_command_line();
	stage_end("mount /proc /sys /dev /run and read the command line");
	stage_point("top");

	stage_begin();
	load_boot_modules();
	stage_end("load the live path's modules");
	stage_point("premount");

	stage_begin();
	find_medium();
	stage_end("find the live medium");
	if (st.opts.verify_checksums) {
		stage_begin();
		verify_checksums(&st);
		stage_end("verify the medium's checksums");
	}

	stage_begin();
	persist_find(&st, &modules);
	medium_close_events();
	stage_end("find and check the persistence volumes");

	if (st.opts.toram[0]) {
		stage_begin();
		toram_copy(&st);
		stage_end("copy the images to RAM");
	}

	stage_begin();
	assemble_root();
	toram_release_medium(&st);
	persist_apply(&st, LIVE_NEWROOT);
	persist_write_status(&st);
	find_init(init, sizeof(init));
	stage_end("mount the images and the overlay");
	stage_point("bottom");

	(void)log_save(LIVE_BOOT_LOG);
	switch_to(init, argv);
}
