/* init/toram.c: see toram.h. */
#include "toram.h"
#include "fmt.h"
#include "log.h"
#include "medium.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <unistd.h>

#define MIB (1024ull * 1024ull)
#define COPY_CHUNK (8 * MIB)

static unsigned long long mem_available(void)
{
	char *text, *line;
	unsigned long long kib = 0;

	if (read_file("/proc/meminfo", 1 << 16, &text, NULL) < 0)
		return 0;
	line = strstr(text, "MemAvailable:");
	if (line)
		kib = strtoull(line + strlen("MemAvailable:"), NULL, 10);
	free(text);
	return kib * 1024;
}

static bool chosen(const struct boot_state *st, unsigned i)
{
	const char *what = st->opts.toram;

	return strcmp(what, "all") == 0 || strcmp(what, "auto") == 0 || strcmp(what, st->images[i]) == 0;
}

/* With live-verity=, the image's hash tree (IMAGE.verity) goes to RAM with
 * it: dm-verity then checks every block read from the copy. Writes the tree's
 * name into name and returns true, or returns false. */
static bool verity_tree_of(const struct boot_state *st, unsigned i, char *name, size_t size)
{
	if (!st->opts.verity[0] || strcmp(st->images[i], LIVE_VERITY_IMAGE) != 0)
		return false;
	(void)fmt_snprintf(name, size, "%s.verity", st->images[i]);
	return true;
}

static unsigned long long file_size(int dirfd, const char *name)
{
	struct stat sb;

	return fstatat(dirfd, name, &sb, AT_SYMLINK_NOFOLLOW) == 0 ? (unsigned long long)sb.st_size : 0;
}

static unsigned long long chosen_size(const struct boot_state *st, int dirfd)
{
	unsigned long long total = 0;
	char tree[160];

	for (unsigned i = 0; i < st->nimages; i++) {
		if (!chosen(st, i))
			continue;
		total += file_size(dirfd, st->images[i]);
		if (verity_tree_of(st, i, tree, sizeof(tree)))
			total += file_size(dirfd, tree);
	}
	return total;
}

/* toram=auto: only from a medium that is not optical, and only an image that
 * takes at most a quarter of the memory available. */
static bool worth_copying(const struct boot_state *st, unsigned long long total, unsigned long long avail)
{
	if (strcmp(st->opts.toram, "auto") != 0)
		return true;
	if (strncmp(st->medium_device, "/dev/sr", 7) == 0) {
		log_info("toram=auto: the medium is an optical drive; not copying");
		return false;
	}
	if (total > avail / 4) {
		log_info("toram=auto: %llu MiB of images is over a quarter of the %llu MiB available; not copying",
			 total / MIB, avail / MIB);
		return false;
	}
	return true;
}

static void report_progress(const char *name, unsigned long long done, unsigned long long size, long started)
{
	long ms = log_elapsed_ms() - started;
	unsigned long long rate = ms > 0 ? done * 1000 / (unsigned long long)ms : 0; /* bytes/s */
	unsigned long long left_ms = rate ? (size - done) * 1000 / rate : 0;

	log_notice("toram: %s %llu%% (%llu.%llu of %llu.%llu MiB), %llu.%llu MiB/s, %llu.%llu s left", name,
		   size ? done * 100 / size : 100, done / MIB, done * 10 / MIB % 10, size / MIB,
		   size * 10 / MIB % 10, rate / MIB, rate * 10 / MIB % 10, left_ms / 1000, left_ms / 100 % 10);
}

static int copy_image(int srcdir, int dstdir, const char *name)
{
	int in = open_beneath(srcdir, name, O_RDONLY), out, err = 0;
	long started = log_elapsed_ms(), last = started;
	unsigned long long done = 0;
	struct stat sb;

	if (in < 0)
		return in;
	out = openat(dstdir, name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0444);
	if (out < 0 || fstat(in, &sb) < 0)
		err = -errno;
	while (!err && done < (unsigned long long)sb.st_size) {
		ssize_t n = sendfile(out, in, NULL, COPY_CHUNK);

		if (n <= 0) {
			err = n < 0 ? -errno : -EIO;
			break;
		}
		done += (unsigned long long)n;
		if (log_elapsed_ms() - last >= 1000) {
			last = log_elapsed_ms();
			report_progress(name, done, (unsigned long long)sb.st_size, started);
		}
	}
	if (!err)
		report_progress(name, done, (unsigned long long)sb.st_size, started);
	(void)close(in);
	if (out >= 0 && close(out) < 0 && !err)
		err = -errno;
	return err;
}

static int mount_ram(unsigned long long total)
{
	char options[64];

	(void)fmt_snprintf(options, sizeof(options), "size=%llum,mode=0755", total / MIB + 1);
	if (mkdir_p(LIVE_TORAM_DIR, 0755) < 0 ||
	    mount("tmpfs", LIVE_TORAM_DIR, "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, options) < 0)
		return -errno;
	return 0;
}

static void copy_chosen(struct boot_state *st, int srcdir)
{
	int dstdir = open(LIVE_TORAM_DIR, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	for (unsigned i = 0; dstdir >= 0 && i < st->nimages; i++) {
		char tree[160];
		bool with_tree = verity_tree_of(st, i, tree, sizeof(tree));
		const char *failed = st->images[i];
		int err;

		if (!chosen(st, i))
			continue;
		err = copy_image(srcdir, dstdir, st->images[i]);
		if (!err && with_tree) {
			failed = tree;
			err = copy_image(srcdir, dstdir, tree);
		}
		if (err < 0) {
			log_err("toram: copying %s failed: %s; %s is used from the medium", failed, strerror(-err),
				st->images[i]);
			(void)unlinkat(dstdir, st->images[i], 0);
			if (with_tree)
				(void)unlinkat(dstdir, tree, 0);
			continue;
		}
		st->image_in_ram[i] = true;
	}
	if (dstdir >= 0)
		(void)close(dstdir);
}

void toram_copy(struct boot_state *st)
{
	int srcdir;
	unsigned long long total, avail = mem_available();

	if (!st->opts.toram[0])
		return;
	srcdir = medium_open_live_dir(st);
	if (srcdir < 0) {
		log_err("toram: cannot open the live directory: %s", strerror(-srcdir));
		return;
	}
	total = chosen_size(st, srcdir);
	if (total == 0)
		log_err("toram=%s: no such image in %s; nothing copied", st->opts.toram, st->opts.media_path);
	else if (total + LIVE_TORAM_MARGIN_MB * MIB > avail)
		log_err("toram: %llu MiB of images and %d MiB for the system do not fit in the %llu MiB "
			"available; booting from the medium", total / MIB, LIVE_TORAM_MARGIN_MB, avail / MIB);
	else if (worth_copying(st, total, avail) && mount_ram(total) == 0)
		copy_chosen(st, srcdir);
	(void)close(srcdir);
}

void toram_release_medium(struct boot_state *st)
{
	for (unsigned i = 0; i < st->nimages; i++)
		if (!st->image_in_ram[i])
			return;
	if (!st->opts.toram[0] || st->nimages == 0)
		return;
	if (umount(LIVE_MEDIUM_DIR) < 0) {
		log_err("toram: the images are in RAM, but unmounting the medium failed: %s", strerror(errno));
		return;
	}
	log_notice("toram: the medium %s is released; it can be removed", st->medium_device);
}
