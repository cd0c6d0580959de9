#!/bin/bash
# Sticks formatted the way users get them, FAT32 and exFAT, holding a
# persistence image file: the file is loop-mounted as the volume; a file
# written in boot 1 is there in boot 2. The exFAT stick also holds the live
# directory: booted with no CD, found by its label (which exFAT keeps in its
# root directory, not in the boot sector), it is the medium.
source "$(dirname "$0")/../lib/vm.sh"
iso=$B/test/liveinit-selftest.iso
vm_require "$iso" "$B/vmlinuz" "$B/initrd.img" "$B/test/persist/fat-stick.img" "$B/test/persist/exfat-stick.img"
token=$RANDOM$RANDOM
boot() { # boot NAME STICK SELFTEST
	vm_boot "$1" --iso "$iso" --as cdrom --kernel "$B/vmlinuz" --initrd "$B/initrd.img" \
		--disk "$2:usb:rw" \
		--append "console=ttyS0 panic=1 live-media=LABEL=LIVEINIT persistence selftest selftest=$3 ptoken=$token"
}

stick=$VM_LOG_DIR/fat-stick.img
cp --sparse=always "$B/test/persist/fat-stick.img" "$stick"
boot fat-1 "$stick" pwrite
vm_expect_line fat-1 'liveinit: persistence: the root.s changes are kept on /dev/loop[0-9]+' 'boot 1: the image file is the root volume'
vm_expect_line fat-1 'SELFTEST info volume sd[a-z][0-9]*-persistence device=/dev/loop[0-9]+ mountpoint=/run/live/persistence/sd[a-z][0-9]*-persistence state=read-write' \
	'boot 1: the status file names the file volume'
vm_expect_line fat-1 'SELFTEST info mount /dev/sd[a-z][0-9]* /run/live/persistence/sd[a-z][0-9]* type=vfat options=rw,' \
	'boot 1: the stick is mounted read-write as vfat, holding the file'
vm_selftest_passed fat-1 'boot 1: marker written'
boot fat-2 "$stick" pcheck
vm_expect_line fat-2 "SELFTEST ok - /root/persist-marker holds $token" 'boot 2: the file written in boot 1 is there'

exstick=$VM_LOG_DIR/exfat-stick.img
cp --sparse=always "$B/test/persist/exfat-stick.img" "$exstick"
boot exfat-1 "$exstick" pwrite
vm_expect_line exfat-1 'liveinit: persistence: the root.s changes are kept on /dev/loop[0-9]+' 'exFAT boot 1: the image file is the root volume'
vm_expect_line exfat-1 'SELFTEST info mount /dev/sd[a-z][0-9]* /run/live/persistence/sd[a-z][0-9]* type=exfat options=rw,' \
	'exFAT boot 1: the stick is mounted read-write as exfat, holding the file'
vm_selftest_passed exfat-1 'exFAT boot 1: marker written'
boot exfat-2 "$exstick" pcheck
vm_expect_line exfat-2 "SELFTEST ok - /root/persist-marker holds $token" 'exFAT boot 2: the file written in boot 1 is there'

# No CD: the stick is the medium, named by its exFAT label. Its persistence
# file is not used then (the medium stays read-only), and /init says so.
vm_boot exfat-medium --kernel "$B/vmlinuz" --initrd "$B/initrd.img" --disk "$exstick:usb" \
	--append "console=ttyS0 panic=1 live-media=LABEL=LIVEEXFAT persistence selftest"
vm_expect_line exfat-medium 'liveinit: medium found: /dev/sd[a-z][0-9]* \(exfat, label LIVEEXFAT\), images in /live' \
	'exFAT medium: found by its label'
vm_expect_line exfat-medium 'SELFTEST info root=overlay .* medium=exfat /dev/sd[a-z]' 'exFAT medium: the booted system says its medium is exfat'
vm_expect_line exfat-medium 'liveinit: persistence: the live medium /dev/sd[a-z][0-9]* holds persistence, which is not used' \
	'exFAT medium: the persistence file on the medium itself is named as not used'
vm_expect_line exfat-medium 'SELFTEST ok - upperdir is on the tmpfs' 'exFAT medium: so the changes go to the tmpfs'
vm_selftest_passed exfat-medium 'exFAT medium: live-selftest passed'
vm_done
