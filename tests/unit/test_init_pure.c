/* tests/unit/test_init_pure.c: medium selection, uevent parsing and module parameters. */
#include <errno.h>

#include "../../init/medium_select.h"
#include "../../init/modparams.h"
#include "../../init/uevent_parse.h"
#include "../tap.h"

static struct block_device dev(const char *name, const char *type, const char *label,
			       const char *uuid, bool removable)
{
	struct block_device d;

	memset(&d, 0, sizeof(d));
	snprintf(d.name, sizeof(d.name), "%s", name);
	snprintf(d.fs.type, sizeof(d.fs.type), "%s", type);
	snprintf(d.fs.label, sizeof(d.fs.label), "%s", label);
	snprintf(d.fs.uuid, sizeof(d.fs.uuid), "%s", uuid);
	d.probed = true;
	d.removable = removable;
	return d;
}

static void test_hints(void)
{
	struct block_device cd = dev("sr0", "iso9660", "LIVEINIT", "2026-11-30-01-02-03-00", true);
	struct block_device disk = dev("vda", "ext4", "data", "0f3c1d2e-0000-4000-8000-000000000001", false);

	ok(medium_hint_matches("", &cd) && medium_hint_matches(NULL, &disk), "no hint: any device");
	ok(medium_hint_matches("UUID=2026-11-30-01-02-03-00", &cd), "UUID= matches");
	ok(!medium_hint_matches("UUID=2026-11-30-01-02-03-00", &disk), "UUID= rejects others");
	ok(medium_hint_matches("UUID=0F3C1D2E-0000-4000-8000-000000000001", &disk), "UUID= ignores case");
	ok(medium_hint_matches("LABEL=LIVEINIT", &cd) && !medium_hint_matches("LABEL=LIVE", &cd),
	   "LABEL= matches the whole label only");
	ok(medium_hint_matches("/dev/sr0", &cd) && !medium_hint_matches("/dev/sr", &cd), "/dev/NAME");
	ok(medium_hint_matches("removable", &cd) && !medium_hint_matches("removable", &disk), "removable");
	ok(!medium_hint_matches("nonsense", &cd), "an unreadable hint matches nothing");
	cd.probe_err = -ENOENT;
	ok(!medium_hint_matches("LABEL=LIVEINIT", &cd), "a device without a file system has no label");
}

static void test_priority_and_names(void)
{
	struct block_device usb = dev("sdb", "vfat", "", "", true);
	struct block_device cd = dev("sr0", "iso9660", "", "", false);
	struct block_device disk = dev("nvme0n1p1", "ext4", "", "", false);

	ok(medium_priority(&usb) < medium_priority(&cd) && medium_priority(&cd) < medium_priority(&disk),
	   "removable first, then optical, then the rest");
	ok(medium_type_can_hold_images("iso9660") && medium_type_can_hold_images("vfat") &&
	   medium_type_can_hold_images("exfat") &&
	   !medium_type_can_hold_images("squashfs"), "file systems that can hold a live directory");
	ok(medium_is_image_name("filesystem.squashfs"), "an image name");
	ok(!medium_is_image_name(".squashfs") && !medium_is_image_name(".hidden.squashfs") &&
	   !medium_is_image_name("a/b.squashfs") && !medium_is_image_name("filesystem.squashfs.bak"),
	   "names that are not images");
}

static void test_uevent(void)
{
	static const char msg[] = "add@/devices/pci0000:00/0000:00:04.0/virtio1/block/vda\0ACTION=add\0"
				  "DEVPATH=/devices/pci0000:00/0000:00:04.0/virtio1/block/vda\0SUBSYSTEM=block\0"
				  "MAJOR=254\0MINOR=0\0DEVNAME=vda\0DEVTYPE=disk\0SEQNUM=1234";
	struct uevent ev;
	char buf[sizeof(msg) + 1];

	memcpy(buf, msg, sizeof(msg));
	is_int(uevent_parse(buf, sizeof(msg) - 1, &ev), 0, "a kernel uevent parses");
	is_str(ev.action, "add", "ACTION");
	is_str(ev.subsystem, "block", "SUBSYSTEM");
	is_str(ev.devname, "vda", "DEVNAME");
	is_str(ev.devtype, "disk", "DEVTYPE");
	is_str(ev.modalias, "", "no MODALIAS");
	is_int(uevent_parse("libudev\0\xfe\xed", 10, &ev), -EINVAL, "udev's messages are ignored");
	is_int(uevent_parse("no header", 9, &ev), -EINVAL, "a message without its NUL is refused");
	is_int(uevent_parse("add@/x\0SUBSYSTEM=pci", 20, &ev), -EINVAL, "a message without ACTION/DEVPATH");
}

static void test_modparams(void)
{
	char buf[64];

	is_int(modparams_for("ata_piix", false, buf, sizeof(buf)), 0, "params: a plain driver");
	is_str(buf, "", "params: ... has none when probing synchronously");
	(void)modparams_for("ata_piix", true, buf, sizeof(buf));
	is_str(buf, "async_probe", "params: ... async_probe when asked for");
	(void)modparams_for("usb_storage", false, buf, sizeof(buf));
	is_str(buf, "delay_use=0", "params: usb_storage scans a new stick at once");
	(void)modparams_for("usb_storage", true, buf, sizeof(buf));
	is_str(buf, "delay_use=0 async_probe", "params: ... and probes asynchronously too");
	is_int(modparams_for("usb_storage", true, buf, 12), -ENOSPC, "params: too small a buffer");
	is_str(buf, "", "params: ... is left empty, not cut");
	is_int(modparams_for(NULL, true, buf, sizeof(buf)), 0, "params: no name");
	is_str(buf, "async_probe", "params: ... only async_probe");
}

int main(void)
{
	test_hints();
	test_priority_and_names();
	test_uevent();
	test_modparams();
	return done_testing();
}
