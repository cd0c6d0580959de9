#!/bin/bash
# Sticks formatted the way users get them, FAT32 and exFAT, holding a
# persistence image file: the file is loop-mounted as the volume; a file
# written in boot 1 is there in boot 2. Both also hold the live directory:
# booted with no CD, each is the medium, found by a label that only its root
# directory holds (exFAT has no other place for it; the FAT stick was
# relabelled the way Windows does it, the boot sector saying NO NAME).
source "$(dirname "$0")/../lib/vm.sh"
iso=$B/test/liveinit-selftest.iso
vm_require "$iso" "$B/vmlinuz" "$B/initrd.img" "$B/test/persist/fat-stick.img" "$B/test/persist/exfat-stick.img"
token=$RANDOM$RANDOM
boot() { # boot NAME STICK SELFTEST
	vm_boot "$1" --iso "$iso" --as cdrom --kernel "$B/vmlinuz" --initrd "$B/initrd.img" \
		--disk "$2:usb:rw" \
		--append "console=ttyS0 panic=1 live-media=LABEL=LIVEINIT persistence selftest selftest=$3 ptoken=$token"
}

# keeps_a_file NAME FIXTURE TYPE WHAT: two boots with the stick FIXTURE (of
# file system TYPE, called WHAT in the descriptions); the file written in the
# first is there in the second.
keeps_a_file() {
	local name=$1 type=$3 what=$4 stick=$VM_LOG_DIR/$2
	cp --sparse=always "$B/test/persist/$2" "$stick"
	boot "$name-1" "$stick" pwrite
	vm_expect_line "$name-1" 'liveinit: persistence: the root.s changes are kept on /dev/loop[0-9]+' \
		"$what boot 1: the image file is the root volume"
	vm_expect_line "$name-1" 'SELFTEST info volume sd[a-z][0-9]*-persistence device=/dev/loop[0-9]+ mountpoint=/run/live/persistence/sd[a-z][0-9]*-persistence state=read-write' \
		"$what boot 1: the status file names the file volume"
	vm_expect_line "$name-1" "SELFTEST info mount /dev/sd[a-z][0-9]* /run/live/persistence/sd[a-z][0-9]* type=$type options=rw," \
		"$what boot 1: the stick is mounted read-write as $type, holding the file"
	vm_selftest_passed "$name-1" "$what boot 1: marker written"
	boot "$name-2" "$stick" pcheck
	vm_expect_line "$name-2" "SELFTEST ok - /root/persist-marker holds $token" "$what boot 2: the file written in boot 1 is there"
}
# is_the_medium NAME FIXTURE TYPE LABEL WHAT: no CD: the stick, after its two
# boots, is the medium, named by the label that only its root directory holds.
# Its persistence file is not used then (the medium stays read-only), and
# /init says so.
is_the_medium() {
	local name=$1 type=$3 label=$4 what=$5 stick=$VM_LOG_DIR/$2
	vm_boot "$name" --kernel "$B/vmlinuz" --initrd "$B/initrd.img" --disk "$stick:usb" \
		--append "console=ttyS0 panic=1 live-media=LABEL=$label persistence selftest"
	vm_expect_line "$name" "liveinit: medium found: /dev/sd[a-z][0-9]* \\($type, label $label\\), images in /live" \
		"$what medium: found by its label"
	vm_expect_line "$name" "SELFTEST info root=overlay .* medium=$type /dev/sd[a-z]" \
		"$what medium: the booted system says its medium is $type"
	vm_expect_line "$name" 'liveinit: persistence: the live medium /dev/sd[a-z][0-9]* holds persistence, which is not used' \
		"$what medium: the persistence file on the medium itself is named as not used"
	vm_expect_line "$name" 'SELFTEST ok - upperdir is on the tmpfs' "$what medium: so the changes go to the tmpfs"
	vm_selftest_passed "$name" "$what medium: live-selftest passed"
}

keeps_a_file fat fat-stick.img vfat FAT
keeps_a_file exfat exfat-stick.img exfat exFAT
is_the_medium fat-medium fat-stick.img vfat LIVESTICK FAT
is_the_medium exfat-medium exfat-stick.img exfat LIVEEXFAT exFAT
vm_done
