/* tests/unit/test_hostscan.c: what the `dep` set reads of the build machine
 * (mkinitramfs/hostscan.c) and the module set selectors dir: and host:
 * (mkinitramfs/modselect.c), on a made-up sysfs, /proc and module index. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hostscan.h"
#include "modselect.h"
#include "tap.h"

static char scratch[] = "/tmp/liveinit-test-hostscan.XXXXXX";

static const char dep[] =
	"kernel/drivers/ata/ahci.ko: kernel/drivers/ata/libahci.ko\n"
	"kernel/drivers/ata/libahci.ko:\n"
	"kernel/drivers/atari/nothere.ko:\n"
	"kernel/drivers/virtio/virtio_pci.ko:\n"
	"kernel/fs/ext4/ext4.ko:\n"
	"kernel/fs/fat/vfat.ko:\n"
	"kernel/fs/fuse/fuse.ko:\n"
	"kernel/net/dummy.ko:\n";

static const char alias[] =
	"alias pci:v*d*sv*sd*bc01sc06i01* ahci\n"
	"alias pci:v00001AF4d*sv*sd*bc*sc*i* virtio_pci\n"
	"alias fs-ext4 ext4\n"
	"alias fs-vfat vfat\n"
	"alias fs-fuse fuse\n";

static int write_file(const char *rel, const char *text)
{
	char path[512];
	FILE *f;

	(void)snprintf(path, sizeof(path), "%s/%s", scratch, rel);
	f = fopen(path, "w");
	if (!f)
		return -1;
	fputs(text, f);
	return fclose(f);
}

static int make_dirs(const char *rel)
{
	char path[512];

	(void)snprintf(path, sizeof(path), "mkdir -p '%s/%s'", scratch, rel);
	return system(path);
}

/* sys/devices with two devices, the same modalias twice, an empty one, and a
 * link back up (a loop if it were followed). */
static int make_sysfs(void)
{
	char target[600], link[600];

	(void)snprintf(target, sizeof(target), "%s/sys/devices/pci0000:00", scratch);
	(void)snprintf(link, sizeof(link), "%s/sys/devices/pci0000:00/0000:00:04.0/up", scratch);
	return make_dirs("sys/devices/pci0000:00/0000:00:1f.2/ata1") |
	       make_dirs("sys/devices/pci0000:00/0000:00:04.0") | make_dirs("proc") |
	       write_file("sys/devices/pci0000:00/0000:00:1f.2/modalias",
			  "pci:v00008086d00002922sv00001AF4sd00001100bc01sc06i01\n") |
	       write_file("sys/devices/pci0000:00/0000:00:04.0/modalias",
			  "pci:v00001AF4d00001042sv00001AF4sd00001100bc01sc80i00\n") |
	       write_file("sys/devices/pci0000:00/0000:00:1f.2/ata1/modalias",
			  "pci:v00008086d00002922sv00001AF4sd00001100bc01sc06i01\n") |
	       write_file("sys/devices/pci0000:00/0000:00:1f.2/ata1/uevent", "DEVTYPE=x\n") |
	       write_file("sys/devices/empty-modalias", "") |
	       write_file("proc/mounts", "proc /proc proc rw 0 0\n/dev/vda1 / ext4 rw 0 0\n"
			  "x /mnt fuse.sshfs rw 0 0\n/dev/sdb1 /b ext4 ro 0 0\n") |
	       write_file("proc/modules", "dummy 16384 0 - Live 0x0\nnot_here 1 0 - Live 0x0\n") |
	       symlink(target, link);
}

static void test_text_parsers(void)
{
	struct strlist l = { 0 };

	is_int(hostscan_mount_types("a / ext4 rw 0 0\nb /x vfat rw 0 0\nc /y ext4 ro 0 0\n"
				    "d /z fuse.sshfs rw 0 0\nshort line\n\n", &l), 0, "mount types");
	ok(l.count == 3 && !strcmp(l.items[0], "ext4") && !strcmp(l.items[1], "fuse") &&
	   !strcmp(l.items[2], "vfat"), "... distinct, sorted, fuse.sshfs is fuse");
	strlist_free(&l);
	is_int(hostscan_loaded_modules("snd 1 0 - Live 0x0\nahci 2 1 - Live\nsnd 1\n", &l), 0,
	       "loaded modules");
	ok(l.count == 2 && !strcmp(l.items[0], "ahci") && !strcmp(l.items[1], "snd"),
	   "... distinct, sorted");
	strlist_free(&l);
}

static void test_modaliases(void)
{
	char sysfs[600];
	struct strlist l = { 0 };

	(void)snprintf(sysfs, sizeof(sysfs), "%s/sys", scratch);
	is_int(hostscan_modaliases(sysfs, &l), 0, "the made-up sysfs walked");
	is_int(l.count, 2, "two distinct modaliases: the duplicate, the empty one, the link not taken");
	strlist_free(&l);
	is_int(hostscan_modaliases("/nonexistent", &l), -ENOENT, "no sysfs: -ENOENT");
	strlist_free(&l);
}

static size_t picked_names(const struct moddb *db, const unsigned char *picked, char *out)
{
	size_t n = 0;

	out[0] = '\0';
	for (size_t i = 0; i < db->nmodules; i++)
		if (picked[i]) {
			strcat(strcat(out, n++ ? " " : ""), db->modules[i].name);
		}
	return n;
}

static int pick(const struct moddb *db, const char *selector, char *names)
{
	char sysfs[600], proc[600], detail[512];
	struct modselect_host host = { sysfs, proc };
	unsigned char picked[16] = { 0 };
	size_t count = 0;
	int err;

	(void)snprintf(sysfs, sizeof(sysfs), "%s/sys", scratch);
	(void)snprintf(proc, sizeof(proc), "%s/proc", scratch);
	err = modselect_pick(db, &host, selector, picked, &count, detail, sizeof(detail));
	if (err) {
		if (snprintf(names, 512, "error: %s", detail) < 0)
			names[0] = '\0';
		return err;
	}
	return picked_names(db, picked, names) == count ? 0 : -1;
}

static void test_selectors(void)
{
	struct moddb db = { 0 };
	char names[512];

	moddb_parse_dep(&db, dep, strlen(dep), NULL);
	moddb_parse_alias(&db, alias, strlen(alias), NULL);
	ok(modselect_is_selector("dir:x") && modselect_is_selector("host:devices") &&
	   !modselect_is_selector("ext4") && !modselect_is_selector("fs-ext4"), "selectors told apart");
	ok(pick(&db, "dir:kernel/drivers/ata", names) == 0 && !strcmp(names, "ahci libahci"),
	   "dir: every module below, not a sibling with the same prefix (%s)", names);
	ok(pick(&db, "dir:kernel/fs/", names) == 0 && !strcmp(names, "ext4 vfat fuse"),
	   "dir: a trailing slash (%s)", names);
	ok(pick(&db, "dir:kernel/sound", names) == 0 && !strcmp(names, ""), "dir: nothing there");
	ok(pick(&db, "dir:/kernel/fs", names) == -EINVAL && strstr(names, "expected dir:PATH"),
	   "dir: an absolute path refused (%s)", names);
	ok(pick(&db, "host:devices", names) == 0 && !strcmp(names, "ahci virtio_pci"),
	   "host:devices: the drivers of the two devices (%s)", names);
	ok(pick(&db, "host:filesystems", names) == 0 && !strcmp(names, "ext4 fuse"),
	   "host:filesystems: ext4 and fuse, proc has no module (%s)", names);
	ok(pick(&db, "host:loaded", names) == 0 && !strcmp(names, "dummy"),
	   "host:loaded: what this kernel has of them (%s)", names);
	ok(pick(&db, "host:everything", names) == -EINVAL && strstr(names, "unknown selector"),
	   "host: an unknown one refused (%s)", names);
	moddb_free(&db);
}

static void test_missing_host_files(void)
{
	struct moddb db = { 0 };
	struct modselect_host host = { "/nonexistent/sys", "/nonexistent/proc" };
	unsigned char picked[16] = { 0 };
	char detail[512];
	size_t count;

	moddb_parse_dep(&db, dep, strlen(dep), NULL);
	is_int(modselect_pick(&db, &host, "host:devices", picked, &count, detail, sizeof(detail)),
	       -ENOENT, "host:devices without a sysfs: -ENOENT");
	ok(strstr(detail, "/nonexistent/sys/devices") != NULL, "... names it (%s)", detail);
	is_int(modselect_pick(&db, &host, "host:filesystems", picked, &count, detail, sizeof(detail)),
	       -ENOENT, "host:filesystems without mounts: -ENOENT");
	ok(strstr(detail, "/nonexistent/proc/mounts") != NULL, "... names it (%s)", detail);
	moddb_free(&db);
}

int main(void)
{
	char command[128];

	if (!mkdtemp(scratch) || make_sysfs() != 0) {
		ok(0, "cannot make the scratch sysfs and proc");
		return done_testing();
	}
	test_text_parsers();
	test_modaliases();
	test_selectors();
	test_missing_host_files();
	(void)snprintf(command, sizeof(command), "rm -rf '%s'", scratch);
	ok(system(command) == 0, "scratch removed");
	return done_testing();
}
