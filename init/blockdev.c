/* init/blockdev.c: see blockdev.h. */
#include "blockdev.h"
#include "fmt.h"
#include "log.h"
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/cdrom.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

static bool never_a_medium(const char *name)
{
	static const char *const prefixes[] = { "loop", "ram", "zram", "nbd" };

	for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++)
		if (strncmp(name, prefixes[i], strlen(prefixes[i])) == 0)
			return true;
	return name[0] == '.' || strchr(name, '/') != NULL;
}

/* A partition's sysfs directory sits inside its disk's: /sys/class/block/sda2
 * -> .../block/sda/sda2. path: the partition's /sys/class/block link. */
static void read_parent_disk(struct block_device *d, const char *path)
{
	char target[512], *slash;
	ssize_t n = readlink(path, target, sizeof(target) - 1);

	if (n <= 0) {
		log_debug("reading the link %s failed: %s", path, n < 0 ? strerror(errno) : "it is empty");
		return;
	}
	target[n] = '\0';
	if ((slash = strrchr(target, '/')) == NULL)
		return;
	*slash = '\0';
	slash = strrchr(target, '/');
	(void)fmt_snprintf(d->parent, sizeof(d->parent), "%.31s", slash ? slash + 1 : target);
}

/* A disk's partitions are the entries of its sysfs directory named after it:
 * sda1 in /sys/class/block/sda. */
static void note_partitions(struct block_device *d, const char *path)
{
	size_t len = strlen(d->name);
	struct dirent *de;
	DIR *dir = opendir(path);

	if (!dir) {
		log_debug("listing %s for partitions failed: %s", path, strerror(errno));
		return;
	}
	while ((de = readdir(dir)))
		if (strncmp(de->d_name, d->name, len) == 0 && de->d_name[len])
			d->has_partitions = true;
	(void)closedir(dir);
}

/* A partition has a "partition" attribute; its disk is its parent. */
static void read_family(struct block_device *d)
{
	char path[128];
	bool is_partition;

	(void)fmt_snprintf(path, sizeof(path), "/sys/class/block/%s/partition", d->name);
	is_partition = access(path, F_OK) == 0;
	(void)fmt_snprintf(path, sizeof(path), "/sys/class/block/%s", d->name);
	if (is_partition)
		read_parent_disk(d, path);
	else
		note_partitions(d, path);
}

static void read_attributes(struct block_device *d)
{
	char path[128], value[32];

	(void)fmt_snprintf(path, sizeof(path), "/sys/class/block/%s/size", d->name);
	if (read_small(path, value, sizeof(value)) == 0)
		d->size_bytes = strtoull(value, NULL, 10) * 512;
	/* a partition has no "removable"; its disk (the parent directory) does */
	(void)fmt_snprintf(path, sizeof(path), "/sys/class/block/%s/removable", d->name);
	if (read_small(path, value, sizeof(value)) != 0) {
		(void)fmt_snprintf(path, sizeof(path), "/sys/class/block/%s/../removable", d->name);
		if (read_small(path, value, sizeof(value)) != 0)
			value[0] = '0';
	}
	d->removable = value[0] == '1';
}

/* Forgets what was known of d and reads it again from sysfs. */
static void read_device(struct block_device *d, const char *name)
{
	memset(d, 0, sizeof(*d));
	memcpy(d->name, name, strlen(name) + 1);
	read_attributes(d);
	read_family(d);
}

static struct block_device *find_known(struct boot_state *st, const char *name)
{
	for (unsigned i = 0; i < st->ndevices; i++)
		if (strcmp(st->devices[i].name, name) == 0)
			return &st->devices[i];
	return NULL;
}

struct block_device *blockdev_get(struct boot_state *st, const char *name)
{
	struct block_device *d;

	if (never_a_medium(name) || strlen(name) >= sizeof(st->devices[0].name))
		return NULL;
	if ((d = find_known(st, name)) != NULL)
		return d;
	if (st->ndevices >= LIVE_MAX_DEVICES)
		return NULL;
	d = &st->devices[st->ndevices++];
	read_device(d, name);
	return d;
}

static void look_afresh(struct block_device *d, const char *why)
{
	char name[sizeof(d->name)];

	memcpy(name, d->name, sizeof(name));
	log_debug("/dev/%s: %s: looking at it afresh", name, why);
	read_device(d, name);
}

static bool is_medium(const struct boot_state *st, const struct block_device *d)
{
	return strncmp(st->medium_device, "/dev/", 5) == 0 && strcmp(st->medium_device + 5, d->name) == 0;
}

struct block_device *blockdev_event(struct boot_state *st, const char *action, const char *name)
{
	struct block_device *d = never_a_medium(name) ? NULL : find_known(st, name);
	bool is_add = strcmp(action, "add") == 0;

	if (!d)
		return is_add || strcmp(action, "change") == 0 ? blockdev_get(st, name) : NULL;
	if (strcmp(action, "remove") == 0) {
		d->removed = true;
		d->tried = true; /* nothing to try until it is back */
		(void)fmt_snprintf(d->verdict, sizeof(d->verdict), "removed");
		return d;
	}
	/* the medium, once found, is mounted: a "change" it reports (a CD's first
	 * open clears its unit attention) changes nothing */
	if (is_medium(st, d))
		return d;
	if (is_add && d->removed)
		look_afresh(d, "add after a remove");
	else if (strcmp(action, "change") == 0)
		look_afresh(d, "change");
	return d;
}

void blockdev_scan(struct boot_state *st)
{
	DIR *dir = opendir("/sys/class/block");
	struct dirent *de;

	if (!dir)
		return;
	while ((de = readdir(dir))) {
		struct block_device *d = de->d_name[0] == '.' ? NULL : find_known(st, de->d_name);

		/* a name removed and in /sys again is a new device, seen before
		 * its "add" is read */
		if (d && d->removed) {
			look_afresh(d, "in /sys again after a remove");
		} else if (de->d_name[0] != '.') {
			(void)blockdev_get(st, de->d_name);
		}
	}
	(void)closedir(dir);
}

/* exFAT's label, and a FAT label in a directory past the first read: one
 * more read, of at most 4 KiB. A failed read leaves the file system known,
 * with the label the first read gave. */
static void read_label_elsewhere(int fd, const uint8_t *buf, size_t len, struct block_device *d)
{
	static uint8_t dir[PROBE_LABEL_READ_SIZE];
	uint64_t offset;
	size_t size;
	ssize_t n;

	if (probe_label_location(buf, len, &d->fs, &offset, &size) < 0)
		return;
	if (size > sizeof(dir) || offset > (uint64_t)INT64_MAX - size) /* off_t is 64 bits with musl */
		return;
	n = pread(fd, dir, size, (off_t)offset);
	if (n < 0)
		log_warn("reading the %s label of /dev/%s at byte %llu failed: %s", d->fs.type, d->name,
			 (unsigned long long)offset, strerror(errno));
	else
		probe_label_from_dir(dir, (size_t)n, &d->fs);
}

void blockdev_probe(struct block_device *d)
{
	static uint8_t buf[PROBE_READ_SIZE];
	char path[64];
	ssize_t n;
	int fd;

	d->probed = true;
	(void)fmt_snprintf(path, sizeof(path), "/dev/%s", d->name);
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0) {
		d->probe_err = -errno;
		return;
	}
	read_attributes(d); /* a CD's size is known only once its medium is in */
	if (strncmp(d->name, "sr", 2) == 0 &&
	    ioctl(fd, CDROM_DRIVE_STATUS, CDSL_CURRENT) == CDS_NO_DISC) {
		d->probe_err = -ENOMEDIUM; /* reading an empty drive says only "I/O error" */
		d->size_bytes = 0;
		(void)close(fd);
		return;
	}
	n = pread(fd, buf, sizeof(buf), 0);
	d->probe_err = n < 0 ? -errno : 0;
	if (n >= 0)
		d->probe_err = probe_buffer(buf, (size_t)n, &d->fs);
	if (d->probe_err == 0)
		read_label_elsewhere(fd, buf, (size_t)n, d);
	(void)close(fd);
}

void blockdev_describe_fs(const struct block_device *d, char *fs, size_t size)
{
	if (!d->probed)
		(void)fmt_snprintf(fs, size, "not probed");
	else if (d->probe_err == -ENOMEDIUM)
		(void)fmt_snprintf(fs, size, "no medium in the drive");
	else if (d->probe_err == -ENOENT)
		(void)fmt_snprintf(fs, size, "no known file system");
	else if (d->probe_err < 0)
		(void)fmt_snprintf(fs, size, "unreadable (%s)", strerror(-d->probe_err));
	else
		(void)fmt_snprintf(fs, size, "%s label=%s uuid=%s", d->fs.type,
				   d->fs.label[0] ? d->fs.label : "(none)", d->fs.uuid[0] ? d->fs.uuid : "(none)");
}

void blockdev_describe(const struct block_device *d, char *buf, size_t size)
{
	char fs[160];

	blockdev_describe_fs(d, fs, sizeof(fs));
	/* integers only: printf's floating point would double the size of /init */
	unsigned long long tenths = d->size_bytes * 10 / (1024 * 1024);

	(void)fmt_snprintf(buf, size, "/dev/%s: %s, %llu.%llu MiB%s", d->name, fs, tenths / 10, tenths % 10,
			   d->removable ? ", removable" : "");
}
