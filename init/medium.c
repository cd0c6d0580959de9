/* init/medium.c: see medium.h. */
#include "medium.h"
#include "blockdev.h"
#include "fmt.h"
#include "log.h"
#include "medium_select.h"
#include "uevent.h"
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

int medium_open_live_dir(const struct boot_state *st)
{
	int root = open(LIVE_MEDIUM_DIR, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int fd;

	if (root < 0)
		return -errno;
	fd = open_beneath(root, st->opts.media_path, O_RDONLY | O_DIRECTORY);
	(void)close(root);
	return fd;
}

static int compare_names(const void *a, const void *b)
{
	return strcmp((const char *)a, (const char *)b);
}

static bool add_image(struct boot_state *st, int dirfd, const char *name)
{
	struct stat sb;

	if (!medium_is_image_name(name) || st->nimages >= LIVE_MAX_IMAGES ||
	    strlen(name) >= sizeof(st->images[0]))
		return false;
	if (fstatat(dirfd, name, &sb, AT_SYMLINK_NOFOLLOW) < 0 || !S_ISREG(sb.st_mode))
		return false;
	memcpy(st->images[st->nimages++], name, strlen(name) + 1);
	return true;
}

/* filesystem.module lists the images, lowest layer first, as live-boot's does. */
static int images_from_module_file(struct boot_state *st, int dirfd, int filefd)
{
	char text[4096];
	ssize_t n = read(filefd, text, sizeof(text) - 1);
	char *save = NULL;

	if (n < 0)
		return -errno;
	text[n] = '\0';
	for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		line[strcspn(line, " \t\r")] = '\0';
		if (line[0] && line[0] != '#' && !add_image(st, dirfd, line))
			log_warn("%s.module lists %s, which is not an image in %s; skipped", st->opts.module,
				 line, st->opts.media_path);
	}
	return 0;
}

static int images_from_directory(struct boot_state *st, int dirfd)
{
	int fd = dup(dirfd);
	DIR *dir = fd >= 0 ? fdopendir(fd) : NULL;
	struct dirent *de;

	if (!dir) {
		if (fd >= 0)
			(void)close(fd);
		return -errno;
	}
	while ((de = readdir(dir)))
		(void)add_image(st, dirfd, de->d_name);
	(void)closedir(dir);
	qsort(st->images, st->nimages, sizeof(st->images[0]), compare_names);
	return 0;
}

static int list_images(struct boot_state *st)
{
	int dirfd = medium_open_live_dir(st);
	bool asked = strcmp(st->opts.module, "filesystem") != 0;
	char module_file[80];
	int modfd, err;

	if (dirfd < 0)
		return dirfd;
	st->nimages = 0;
	(void)fmt_snprintf(module_file, sizeof(module_file), "%s.module", st->opts.module);
	modfd = open_beneath(dirfd, module_file, O_RDONLY);
	if (modfd >= 0) {
		err = images_from_module_file(st, dirfd, modfd);
		(void)close(modfd);
	} else if (asked) {
		err = -ENOENT; /* module=NAME names the layers: without its list, this is not the medium */
	} else {
		err = images_from_directory(st, dirfd);
	}
	(void)close(dirfd);
	return err;
}

static int mount_candidate(struct block_device *d)
{
	char source[48];

	(void)fmt_snprintf(source, sizeof(source), "/dev/%s", d->name);
	if (mkdir_p(LIVE_MEDIUM_DIR, 0755) < 0)
		return -errno;
	if (mount(source, LIVE_MEDIUM_DIR, d->fs.type, MS_RDONLY | MS_NOSUID | MS_NODEV, NULL) < 0)
		return -errno;
	return 0;
}

/* Returns true when d is the medium; otherwise d->verdict says why not. */
static bool try_device(struct boot_state *st, struct modload *ml, struct block_device *d)
{
	int err;

	d->tried = true;
	blockdev_probe(d);
	if (d->probe_err)
		return false; /* blockdev_describe() says why */
	if (!medium_hint_matches(st->opts.media, d)) {
		(void)fmt_snprintf(d->verdict, sizeof(d->verdict), "does not match live-media=%s",
				   st->opts.media);
		return false;
	}
	if (!medium_type_can_hold_images(d->fs.type)) {
		(void)fmt_snprintf(d->verdict, sizeof(d->verdict), "%s cannot hold a live directory", d->fs.type);
		return false;
	}
	modload_filesystem(ml, d->fs.type);
	err = mount_candidate(d);
	if (err < 0) {
		(void)fmt_snprintf(d->verdict, sizeof(d->verdict), "mounting it as %s failed: %s", d->fs.type,
				   strerror(-err));
		log_warn("mounting /dev/%s (%s) read-only at %s failed: %s", d->name, d->fs.type,
			 LIVE_MEDIUM_DIR, strerror(-err));
		return false;
	}
	err = list_images(st);
	if (err == 0 && st->nimages > 0) {
		(void)fmt_snprintf(st->medium_device, sizeof(st->medium_device), "/dev/%s", d->name);
		return true;
	}
	if (strcmp(st->opts.module, "filesystem") != 0)
		(void)fmt_snprintf(d->verdict, sizeof(d->verdict), "no usable %s/%s.module on it", st->opts.media_path,
				   st->opts.module);
	else
		(void)fmt_snprintf(d->verdict, sizeof(d->verdict), "no %s/*%s on it%s%s", st->opts.media_path,
				   LIVE_IMAGE_SUFFIX, err ? ": " : "", err ? strerror(-err) : "");
	if (umount(LIVE_MEDIUM_DIR) < 0)
		log_err("unmounting %s after /dev/%s failed: %s", LIVE_MEDIUM_DIR, d->name, strerror(errno));
	return false;
}

/* Does a disk still have a partition to try? A hybrid ISO stick shows the
 * same file system on sda and sda1: the partition is taken, so that the
 * stick's other partitions (persistence) can still be opened exclusively. */
static bool has_untried_partition(const struct boot_state *st, const struct block_device *disk)
{
	for (unsigned i = 0; disk->has_partitions && i < st->ndevices; i++)
		if (strcmp(st->devices[i].parent, disk->name) == 0 && !st->devices[i].tried)
			return true;
	return false;
}

static void say_not_the_medium(const struct block_device *d)
{
	char fs[160];

	if (!log_debug_enabled())
		return;
	if (!d->verdict[0])
		blockdev_describe_fs(d, fs, sizeof(fs)); /* the probe said why */
	log_debug("/dev/%s is not the medium: %s", d->name, d->verdict[0] ? d->verdict : fs);
}

/* Tries every known, untried device, best candidates first; *tried says
 * whether one was tried (and was not the medium). */
static bool try_round(struct boot_state *st, struct modload *ml, bool *tried)
{
	for (int prio = 0; prio <= 2; prio++)
		for (unsigned i = 0; i < st->ndevices; i++) {
			struct block_device *d = &st->devices[i];

			if (d->tried || medium_priority(d) != prio)
				continue;
			if (d->has_partitions)
				blockdev_scan(st); /* its partitions may not have been announced yet */
			if (has_untried_partition(st, d))
				continue;
			if (try_device(st, ml, d)) {
				log_info("medium found: /dev/%s (%s, label %s), images in %s", d->name,
					 d->fs.type, d->fs.label[0] ? d->fs.label : "(none)", st->opts.media_path);
				return true;
			}
			say_not_the_medium(d);
			*tried = true;
		}
	return false;
}

/* Rounds until the medium is found or a round tries nothing: a whole disk
 * waits for its partitions, so it is tried in the round after theirs. */
static bool try_pending(struct boot_state *st, struct modload *ml)
{
	bool tried = true;

	while (tried) {
		tried = false;
		if (try_round(st, ml, &tried))
			return true;
	}
	return false;
}

static void handle_event(struct boot_state *st, struct modload *ml, const struct uevent *ev)
{
	if (*ev->modalias && strcmp(ev->action, "add") == 0)
		(void)modload_alias(ml, ev->modalias);
	if (strcmp(ev->subsystem, "block") != 0 || !*ev->devname)
		return;
	(void)blockdev_event(st, ev->action, ev->devname);
}

static long remaining_ms(const struct timespec *deadline)
{
	struct timespec now;

	(void)clock_gettime(CLOCK_MONOTONIC, &now);
	return (long)(deadline->tv_sec - now.tv_sec) * 1000 +
	       (deadline->tv_nsec - now.tv_nsec) / 1000000;
}

static void drain_events(struct boot_state *st, struct modload *ml, int sock)
{
	static char buf[16384];
	struct uevent ev = { 0 };
	int r;

	while ((r = uevent_receive(sock, buf, sizeof(buf), &ev)) != 0) {
		if (r == -ENOBUFS) {
			log_warn("uevents were lost; rescanning devices");
			(void)coldplug_modaliases(ml);
			blockdev_scan(st);
			continue;
		}
		if (r < 0) {
			log_err("reading uevents failed: %s", strerror(-r));
			return;
		}
		handle_event(st, ml, &ev);
	}
}

/* The uevent socket stays open after the medium is found, for
 * medium_settle(); medium_close_events() closes it. */
static int event_sock = -1;

static void wait_for_events(struct boot_state *st, struct modload *ml, long timeout_ms)
{
	if (event_sock >= 0) {
		struct pollfd p = { .fd = event_sock, .events = POLLIN };

		if (poll(&p, 1, (int)timeout_ms) > 0)
			drain_events(st, ml, event_sock);
	} else {
		(void)poll(NULL, 0, timeout_ms < 250 ? (int)timeout_ms : 250);
		blockdev_scan(st);
	}
}

int medium_find(struct boot_state *st, struct modload *ml)
{
	struct timespec deadline;
	long left;

	event_sock = uevent_open();
	if (event_sock < 0)
		log_err("opening the uevent socket failed: %s; falling back to rescans", strerror(-event_sock));
	(void)clock_gettime(CLOCK_MONOTONIC, &deadline);
	deadline.tv_sec += st->opts.media_timeout_s;
	log_info("coldplug: %u devices asked for a driver", coldplug_modaliases(ml));
	blockdev_scan(st);
	while (!try_pending(st, ml)) {
		left = remaining_ms(&deadline);
		if (left <= 0)
			return -ETIMEDOUT;
		wait_for_events(st, ml, left);
	}
	return 0;
}

unsigned medium_settle(struct boot_state *st, struct modload *ml, long quiet_ms, long max_ms)
{
	struct timespec deadline, quiet_until;
	unsigned before = st->ndevices;

	(void)clock_gettime(CLOCK_MONOTONIC, &deadline);
	quiet_until = deadline;
	deadline.tv_sec += max_ms / 1000;
	quiet_until.tv_sec += quiet_ms / 1000;
	quiet_until.tv_nsec += (quiet_ms % 1000) * 1000000;
	while (event_sock >= 0 && remaining_ms(&deadline) > 0) {
		struct pollfd p = { .fd = event_sock, .events = POLLIN };
		long left = remaining_ms(&quiet_until);

		if (left <= 0 || poll(&p, 1, (int)left) <= 0)
			break;
		drain_events(st, ml, event_sock);
		(void)clock_gettime(CLOCK_MONOTONIC, &quiet_until); /* something happened: wait again */
		quiet_until.tv_sec += quiet_ms / 1000;
		quiet_until.tv_nsec += (quiet_ms % 1000) * 1000000;
	}
	blockdev_scan(st);
	return st->ndevices - before;
}

bool medium_wait_for_probes(struct boot_state *st, struct modload *ml)
{
	unsigned before = st->ndevices;
	long waited = modload_wait_for_probes(ml);

	if (waited == -ENOENT)
		return true; /* the drivers were loaded synchronously: their disks are here */
	if (waited < 0) {
		log_warn("persistence: module %s, whose load waits for the drivers' probes, was loaded "
			 "already or failed to load; any disk may come late, as on USB", LIVE_PROBE_BARRIER_MODULE);
		return false;
	}
	if (event_sock >= 0)
		drain_events(st, ml, event_sock);
	else
		(void)coldplug_modaliases(ml);
	blockdev_scan(st);
	log_info("persistence: waited %ld ms for the drivers' probes; %u more block devices appeared",
		 waited, st->ndevices - before);
	return true;
}

void medium_close_events(void)
{
	if (event_sock >= 0)
		(void)close(event_sock);
	event_sock = -1;
}
