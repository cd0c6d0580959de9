#!/bin/bash
# The wrong stick first, then the right one under the same names. /init is
# waiting for the medium with a USB stick in that is not it (one FAT
# partition, no live directory): it looks at sda1 and passes it over. The
# stick is pulled (QEMU's device_del) and the live stick is put in (device_add):
# the kernel names it sda again, with sda1 (the ISO), sda2 (persistence) and
# sda4. /init must look at the new sda and sda1 afresh, not remember the
# first stick's verdicts: the medium is sda1, the partition, so that the
# stick's persistence partition beside it can be mounted. (Remembering gave
# the medium as the whole disk sda, which holds sda2 busy: persistence was
# refused.)
source "$(dirname "$0")/../lib/vm.sh"
vm_require "$B/test/persist/liveboot-stick.img" "$B/vmlinuz" "$B/initrd.img"
wrong=$VM_LOG_DIR/replug-wrong.img right=$VM_LOG_DIR/replug-right.img
rm -f "$wrong"
truncate -s 16M "$wrong"
printf 'label: dos\nstart=2048, type=c\n' | sfdisk -q "$wrong" &&
	mkfs.vfat --invariant -n PHOTOS --offset 2048 "$wrong" 15360 >/dev/null
vm_ok $? 'the wrong stick: one FAT partition, no live directory'
cp --sparse=always "$B/test/persist/liveboot-stick.img" "$right"

vm_boot_monitor_steps replug \
	'liveinit: /dev/sda1 is not the medium' 'device_del disk1-usb' \
	'USB disconnect' "drive_add 0 if=none,id=right,format=raw,file=$right" \
	'USB disconnect' 'device_add usb-storage,bus=xhci.0,drive=right,id=right-usb,removable=on' \
	-- --disk "$wrong:usb" --kernel "$B/vmlinuz" --initrd "$B/initrd.img" \
	--append "console=ttyS0 panic=1 debug persistence selftest live-media-timeout=60"
vm_expect_line replug 'liveinit: /dev/sda1 is not the medium' 'the first stick.s partition was looked at and passed over'
vm_expect_line replug 'usb [0-9-]+: USB disconnect' 'the first stick was pulled'
vm_expect_line replug 'liveinit: medium found: /dev/sda1 \(iso9660, label LIVEINIT\)' \
	'the second stick, under the same names, was looked at afresh: its partition sda1 is the medium'
vm_expect_line replug 'liveinit: persistence: the root.s changes are kept on /dev/sda2' \
	'its persistence partition beside the medium is used'
vm_selftest_passed replug 'the live system came up from the second stick'
vm_expect_line replug 'SELFTEST info root=overlay .*upper=/run/live/persistence/sda2/rw .*medium=iso9660 /dev/sda1' \
	'the running system sees sda1 as its medium and writes to sda2'

# The wrong stick pulled and nothing put in: at the deadline the report of
# what /init saw says the stick's devices were removed.
vm_boot_monitor_steps pulled 'liveinit: /dev/sda1 is not the medium' 'device_del disk1-usb' \
	-- --disk "$wrong:usb" --kernel "$B/vmlinuz" --initrd "$B/initrd.img" \
	--append "console=ttyS0 panic=1 debug selftest live-media-timeout=15"
vm_expect_line pulled 'liveinit: FATAL: no live medium found within 15 s' 'no medium: the boot stops at the deadline'
vm_expect_line pulled 'liveinit:   /dev/sda1: .*: removed' 'the report says the stick.s partition was removed'
vm_done
