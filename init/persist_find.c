/* init/persist_find.c: finding, checking and mounting persistence volumes. */
#include "blockdev.h"
#include "fmt.h"
#include "fsck.h"
#include "log.h"
#include "loop.h"
#include "medium.h"
#include "medium_select.h"
#include "persist.h"
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

static bool is_ext(const char *type)
{
	return strcmp(type, "ext2") == 0 || strcmp(type, "ext3") == 0 || strcmp(type, "ext4") == 0;
}

/* The GPT partition name the kernel read (PARTNAME= in the uevent file). */
static bool partition_named(const char *dev, const char *name)
{
	char path[96], *text, *save = NULL;
	bool found = false;

	(void)fmt_snprintf(path, sizeof(path), "/sys/class/block/%s/uevent", dev);
	if (read_file(path, 8192, &text, NULL) < 0)
		return false;
	for (char *line = strtok_r(text, "\n", &save); line && !found; line = strtok_r(NULL, "\n", &save))
		found = strncmp(line, "PARTNAME=", 9) == 0 && strcmp(line + 9, name) == 0;
	free(text);
	return found;
}

static bool on_usb(const char *dev)
{
	char path[96], target[512];
	ssize_t n;

	(void)fmt_snprintf(path, sizeof(path), "/sys/class/block/%s", dev);
	n = readlink(path, target, sizeof(target) - 1);
	if (n < 0)
		return false;
	target[n] = '\0';
	return strstr(target, "/usb") != NULL;
}

static bool media_allowed(const struct live_options *o, const struct block_device *d)
{
	if (strcmp(o->persistence_media, "removable") == 0)
		return d->removable;
	if (strcmp(o->persistence_media, "removable-usb") == 0)
		return d->removable && on_usb(d->name);
	return true;
}

static struct persist_volume *new_volume(struct boot_state *st, const char *name, const char *device)
{
	struct persist_volume *v;

	if (st->npersist >= LIVE_MAX_PERSIST) {
		log_warn("persistence: more than %d volumes; ignoring %s", LIVE_MAX_PERSIST, device);
		return NULL;
	}
	v = &st->persist[st->npersist++];
	memset(v, 0, sizeof(*v));
	(void)fmt_snprintf(v->name, sizeof(v->name), "%s", name);
	(void)fmt_snprintf(v->device, sizeof(v->device), "%s", device);
	(void)fmt_snprintf(v->mountpoint, sizeof(v->mountpoint), "%s/%s", LIVE_PERSIST_DIR, name);
	return v;
}

static bool read_conf(struct persist_volume *v)
{
	int root = open(v->mountpoint, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int fd = root < 0 ? root : open_beneath(root, LIVE_PERSIST_CONF, O_RDONLY);
	char text[64 * 1024];
	ssize_t n = fd < 0 ? -1 : read(fd, text, sizeof(text));

	if (root >= 0)
		(void)close(root);
	if (fd >= 0)
		(void)close(fd);
	if (n < 0)
		return false;
	persistconf_parse(text, (size_t)n, &v->conf);
	for (size_t i = 0; i < v->conf.nerrors; i++)
		log_warn("persistence: %s/%s line %u rejected: %s", v->name, LIVE_PERSIST_CONF,
			 v->conf.errors[i].line, v->conf.errors[i].why);
	if (v->conf.nerrors_dropped)
		log_warn("persistence: %s/%s: %zu more lines rejected", v->name, LIVE_PERSIST_CONF,
			 v->conf.nerrors_dropped);
	v->root_union = persistconf_is_root_union(&v->conf);
	return true;
}

/* Checks (unless read-only), mounts and reads persistence.conf. On any
 * refusal the volume is dropped again, with the reason logged. */
static bool check_and_mount(struct boot_state *st, struct persist_volume *v, const char *type)
{
	bool ro = st->opts.persistence_read_only;
	int status = ro ? 0 : fsck_ext(v->device);

	if (!fsck_ok(status)) {
		char why[96];

		if (status < 0)
			(void)fmt_snprintf(why, sizeof(why), "%s could not run: %s", LIVE_E2FSCK, strerror(-status));
		else
			(void)fmt_snprintf(why, sizeof(why), "e2fsck -p could not repair it (exit status %d)", status);
		(void)fmt_snprintf(v->note, sizeof(v->note), "refused: %s", why);
		log_err("persistence: %s is not mounted read-write: %s; the root's changes go to a tmpfs instead",
			v->device, why);
		return false;
	}
	if (status > 0)
		log_notice("persistence: e2fsck repaired %s (exit status %d)", v->device, status);
	if (mkdir_p(v->mountpoint, 0755) < 0 ||
	    mount(v->device, v->mountpoint, type, ro ? MS_RDONLY : 0, ro ? "noload" : NULL) < 0) {
		(void)fmt_snprintf(v->note, sizeof(v->note), "refused: mounting it failed: %s", strerror(errno));
		log_err("persistence: mounting %s (%s) at %s failed: %s", v->device, type, v->mountpoint,
			strerror(errno));
		return false;
	}
	v->read_only = ro;
	if (read_conf(v)) {
		v->mounted = true;
		return true;
	}
	(void)fmt_snprintf(v->note, sizeof(v->note), "ignored: no %s", LIVE_PERSIST_CONF);
	log_notice("persistence: %s has no %s; ignored", v->device, LIVE_PERSIST_CONF);
	if (umount(v->mountpoint) < 0)
		log_err("persistence: unmounting %s failed: %s", v->mountpoint, strerror(errno));
	(void)rmdir(v->mountpoint);
	return false;
}

static void try_filesystem(struct boot_state *st, struct modload *ml, struct block_device *d)
{
	char device[40];
	struct persist_volume *v;

	if (!is_ext(d->fs.type)) {
		log_err("persistence: /dev/%s is %s, which has no xattrs and d_type for an overlay upper "
			"layer; put a persistence image file on it instead", d->name, d->fs.type);
		return;
	}
	(void)fmt_snprintf(device, sizeof(device), "/dev/%s", d->name);
	v = new_volume(st, d->name, device);
	if (!v)
		return;
	modload_filesystem(ml, "ext4");
	(void)check_and_mount(st, v, "ext4");
}

static int mount_host(const struct block_device *d, const char *dir, bool rw)
{
	char source[48];
	bool ext = is_ext(d->fs.type);

	(void)fmt_snprintf(source, sizeof(source), "/dev/%s", d->name);
	if (mkdir_p(dir, 0755) < 0)
		return -errno;
	/* only looking: read-only, and an ext journal is not replayed */
	if (mount(source, dir, ext ? "ext4" : d->fs.type, rw ? 0 : MS_RDONLY, rw || !ext ? NULL : "noload") < 0)
		return -errno;
	return 0;
}

static int open_image_file(const char *dir, const char *name, int flags)
{
	int root = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC), fd;
	struct stat sb;

	if (root < 0)
		return -errno;
	fd = open_beneath(root, name, flags);
	(void)close(root);
	if (fd < 0)
		return fd;
	if (fstat(fd, &sb) < 0 || !S_ISREG(sb.st_mode)) {
		(void)close(fd);
		return -EINVAL;
	}
	return fd;
}

static void unmount_host(const char *dir)
{
	if (umount(dir) < 0)
		log_err("persistence: unmounting %s failed: %s", dir, strerror(errno));
	(void)rmdir(dir);
}

/* The host partition, read-write once the file is known to be there (an ext
 * host is checked first: it is about to be written). */
static bool prepare_host(struct boot_state *st, struct block_device *d, const char *host)
{
	bool ro = st->opts.persistence_read_only;
	char source[48];
	int fd, err;

	if (mount_host(d, host, false) < 0)
		return false;
	fd = open_image_file(host, st->opts.persistence_label, O_RDONLY);
	if (fd >= 0)
		(void)close(fd); /* before the unmount, which an open file would keep busy */
	unmount_host(host);
	if (fd < 0)
		return false;
	(void)fmt_snprintf(source, sizeof(source), "/dev/%s", d->name);
	if (!ro && is_ext(d->fs.type) && !fsck_ok(err = fsck_ext(source))) {
		log_err("persistence: %s holds %s but failed its check (%d); not used", source,
			st->opts.persistence_label, err);
		return false;
	}
	err = mount_host(d, host, !ro);
	if (err < 0)
		log_err("persistence: mounting %s (holding %s) at %s failed: %s", source,
			st->opts.persistence_label, host, strerror(-err));
	return err == 0;
}

static void use_image_file(struct boot_state *st, struct block_device *d, const char *host)
{
	bool ro = st->opts.persistence_read_only;
	char loopdev[32], name[112];
	struct block_device probe_dev;
	struct persist_volume *v;
	int fd = open_image_file(host, st->opts.persistence_label, ro ? O_RDONLY : O_RDWR);
	int loopfd = fd < 0 ? fd : loop_attach(fd, ro, st->opts.persistence_label, loopdev, sizeof(loopdev));

	if (fd >= 0)
		(void)close(fd);
	if (loopfd < 0) {
		log_err("persistence: attaching %s/%s to a loop device failed: %s", host,
			st->opts.persistence_label, strerror(-loopfd));
		return;
	}
	memset(&probe_dev, 0, sizeof(probe_dev));
	(void)fmt_snprintf(probe_dev.name, sizeof(probe_dev.name), "%s", loopdev + 5);
	blockdev_probe(&probe_dev);
	(void)fmt_snprintf(name, sizeof(name), "%s-%s", d->name, st->opts.persistence_label);
	v = new_volume(st, name, loopdev);
	if (v && (probe_dev.probe_err || !is_ext(probe_dev.fs.type))) {
		(void)fmt_snprintf(v->note, sizeof(v->note), "refused: the image file holds %s, not ext2/3/4",
				   probe_dev.probe_err ? "no known file system" : probe_dev.fs.type);
		log_err("persistence: %s/%s %s", host, st->opts.persistence_label, v->note);
	} else if (v) {
		(void)fmt_snprintf(v->host_mountpoint, sizeof(v->host_mountpoint), "%s", host);
		(void)check_and_mount(st, v, "ext4");
	}
	(void)close(loopfd); /* the mount holds the loop device now; unused, it clears itself */
}

/* File systems a stick is formatted with, where a persistence image file may
 * lie: FAT32 caps a file at 4 GiB, so larger ones go on exFAT (what sticks
 * over 32 GB come formatted with) or ext. */
static bool can_hold_image_file(const char *type)
{
	return is_ext(type) || strcmp(type, "vfat") == 0 || strcmp(type, "exfat") == 0;
}

static void try_file(struct boot_state *st, struct modload *ml, struct block_device *d)
{
	char host[112];

	if (!can_hold_image_file(d->fs.type))
		return;
	modload_filesystem(ml, d->fs.type);
	modload_filesystem(ml, "ext4");
	(void)fmt_snprintf(host, sizeof(host), "%s/%s", LIVE_PERSIST_DIR, d->name);
	if (!prepare_host(st, d, host))
		return;
	use_image_file(st, d, host);
	if (st->npersist == 0 || strcmp(st->persist[st->npersist - 1].host_mountpoint, host) != 0 ||
	    !st->persist[st->npersist - 1].mounted)
		unmount_host(host);
}

static void choose_root(struct boot_state *st)
{
	int first = -1, claims = 0;

	for (unsigned i = 0; i < st->npersist; i++) {
		if (!st->persist[i].mounted || !st->persist[i].root_union)
			continue;
		if (++claims == 1)
			first = (int)i;
		else
			log_err("persistence: %s and %s both claim / (union): neither is used for /",
				st->persist[first].name, st->persist[i].name);
	}
	st->persist_root = claims == 1 ? first : -1;
	for (unsigned i = 0; claims > 1 && i < st->npersist; i++)
		if (st->persist[i].root_union)
			(void)fmt_snprintf(st->persist[i].note, sizeof(st->persist[i].note),
					   "not used for /: another volume claims / too");
}

static bool candidate(const struct boot_state *st, const struct block_device *d)
{
	char dev[48];

	(void)fmt_snprintf(dev, sizeof(dev), "/dev/%s", d->name);
	return strncmp(d->name, "sr", 2) != 0 && strcmp(dev, st->medium_device) != 0 && d->probe_err == 0 &&
	       media_allowed(&st->opts, d);
}

static bool labelled(const struct block_device *d, const char *label)
{
	return strcmp(d->fs.label, label) == 0 || partition_named(d->name, label);
}

static bool dir_has_entries(const char *path)
{
	DIR *dir = opendir(path);
	struct dirent *de;
	bool found = false;

	while (dir && !found && (de = readdir(dir)))
		found = de->d_name[0] != '.';
	if (dir)
		(void)closedir(dir);
	return found;
}

static void probe_all(struct boot_state *st)
{
	for (unsigned i = 0; i < st->ndevices; i++)
		if (!st->devices[i].probed)
			blockdev_probe(&st->devices[i]);
}

/* A volume may be on a disk slower than the medium: a USB stick is announced
 * after its hub's enumeration and a SCSI scan, an NVMe namespace from a work
 * queue, an SD card after its reader's card detection, all after their
 * modules have loaded. Disks on the other buses are there once the drivers'
 * probes have been waited for. So: no wait when a
 * labelled volume is there already, or when no such bus exists and the
 * probes were waited for; otherwise wait until no device appeared for a
 * while. */
static void wait_for_late_disks(struct boot_state *st, struct modload *ml)
{
	bool probed = medium_wait_for_probes(st, ml);

	probe_all(st);
	for (unsigned i = 0; i < st->ndevices; i++)
		if (candidate(st, &st->devices[i]) && labelled(&st->devices[i], st->opts.persistence_label)) {
			log_info("persistence: /dev/%s is here already; not waiting for more disks",
				 st->devices[i].name);
			return;
		}
	if (probed && !dir_has_entries("/sys/bus/usb/devices") && !dir_has_entries("/sys/class/nvme") &&
	    !dir_has_entries("/sys/class/mmc_host")) {
		log_info("persistence: no USB, NVMe or SD controller, whose disks may come late; not waiting");
		return;
	}
	log_info("persistence: %u more block devices appeared while waiting for quiet",
		 medium_settle(st, ml, PERSIST_SETTLE_QUIET_MS, PERSIST_SETTLE_MAX_MS));
	probe_all(st);
}

/* The medium's own partition is never looked at (live-boot leaves it out
 * too): it stays mounted read-only while the system runs from its images. A
 * persistence file put there would be passed over in silence: say so. */
static void note_file_on_medium(const struct boot_state *st)
{
	int fd = open_image_file(LIVE_MEDIUM_DIR, st->opts.persistence_label, O_RDONLY);

	if (fd < 0)
		return;
	(void)close(fd);
	log_warn("persistence: the live medium %s holds %s, which is not used: the medium stays read-only "
		 "while the system runs from it; put the file on another partition or stick",
		 st->medium_device, st->opts.persistence_label);
}

void persist_find(struct boot_state *st, struct modload *ml)
{
	const char *label = st->opts.persistence_label;

	st->persist_root = -1;
	if (!cmdline_wants_persistence(&st->opts)) {
		(void)fmt_snprintf(st->persist_summary, sizeof(st->persist_summary), "off: %s",
				   st->opts.nopersistence ? "nopersistence" : "not asked for");
		return;
	}
	wait_for_late_disks(st, ml);
	for (unsigned i = 0; i < st->ndevices; i++) {
		struct block_device *d = &st->devices[i];

		if (!candidate(st, d))
			continue;
		if (labelled(d, label)) {
			if (st->opts.persistence_in_filesystems)
				try_filesystem(st, ml, d);
		} else if (st->opts.persistence_in_files) {
			try_file(st, ml, d);
		}
	}
	if (st->opts.persistence_in_files)
		note_file_on_medium(st);
	choose_root(st);
}
