#!/bin/bash
# A FAT stick holding a persistence image file: the file is loop-mounted as
# the volume; a file written in boot 1 is there in boot 2.
source "$(dirname "$0")/../lib/vm.sh"
iso=$B/test/liveinit-selftest.iso
vm_require "$iso" "$B/vmlinuz" "$B/initrd.img" "$B/test/persist/fat-stick.img"
stick=$VM_LOG_DIR/fat-stick.img
cp --sparse=always "$B/test/persist/fat-stick.img" "$stick"
token=$RANDOM$RANDOM
boot() {
	vm_boot "$1" --iso "$iso" --as cdrom --kernel "$B/vmlinuz" --initrd "$B/initrd.img" \
		--disk "$stick:usb:rw" \
		--append "console=ttyS0 panic=1 live-media=LABEL=LIVEINIT persistence selftest selftest=$2 ptoken=$token"
}
boot fat-1 pwrite
vm_expect_line fat-1 'liveinit: persistence: the root.s changes are kept on /dev/loop[0-9]+' 'boot 1: the image file is the root volume'
vm_expect_line fat-1 'SELFTEST info volume sd[a-z][0-9]*-persistence device=/dev/loop[0-9]+ mountpoint=/run/live/persistence/sd[a-z][0-9]*-persistence state=read-write' \
	'boot 1: the status file names the file volume'
vm_selftest_passed fat-1 'boot 1: marker written'
boot fat-2 pcheck
vm_expect_line fat-2 "SELFTEST ok - /root/persist-marker holds $token" 'boot 2: the file written in boot 1 is there'
vm_done
