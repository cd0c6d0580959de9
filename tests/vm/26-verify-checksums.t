#!/bin/bash
# verify-checksums: every file listed in the medium's sha256sums.txt (written
# by boot/mkiso) is checked before anything from the medium is used; an
# untouched medium boots, one with a single flipped byte in its image stops
# with the file's name and both hashes.
source "$(dirname "$0")/../lib/vm.sh"
iso=$B/test/liveinit-selftest.iso flipped=$B/test/liveinit-flipped.iso
vm_require "$iso" "$flipped" "$B/vmlinuz" "$B/initrd.img"

vm_boot verify --iso "$iso" --as cdrom --kernel "$B/vmlinuz" --initrd "$B/initrd.img" \
	--append "console=ttyS0 panic=1 live-media=LABEL=LIVEINIT verify-checksums selftest"
vm_expect_line verify 'liveinit: verify-checksums: live/filesystem\.squashfs ok' 'the image was checked'
vm_expect_line verify 'liveinit: verify-checksums: every file listed in sha256sums\.txt matches' 'every listed file matched'
vm_selftest_passed verify 'the verified medium boots'

vm_boot verify-bad --iso "$flipped" --as cdrom --kernel "$B/vmlinuz" --initrd "$B/initrd.img" \
	--append "console=ttyS0 panic=1 live-media=LABEL=LIVEINIT verify-checksums"
vm_expect_line verify-bad 'liveinit: FATAL: verify-checksums: live/filesystem\.squashfs does not match sha256sums\.txt: expected [0-9a-f]{64}, read [0-9a-f]{64}' \
	'a flipped byte stops the boot, naming the file'
vm_expect_no_line verify-bad 'liveinit: image filesystem\.squashfs' 'the corrupt image was never mounted'
vm_expect_line verify-bad 'Kernel panic - not syncing: Attempted to kill init!' 'through the fatal path'
vm_done
