#!/bin/bash
# verify-checksums: every file listed in the medium's sha256sums.txt (written
# by boot/mkiso) is checked before anything from the medium is used; an
# untouched medium boots, one with a single flipped byte in its image stops
# with the file's name and both hashes. A medium made by live-boot's tools
# carries md5sum.txt instead: it is checked the same way.
source "$(dirname "$0")/../lib/vm.sh"
iso=$B/test/liveinit-selftest.iso flipped=$B/test/liveinit-flipped.iso
md5=$B/test/liveinit-md5.iso md5_flipped=$B/test/liveinit-md5-flipped.iso
vm_require "$iso" "$flipped" "$md5" "$md5_flipped" "$B/vmlinuz" "$B/initrd.img"

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

vm_boot verify-md5 --iso "$md5" --as cdrom --kernel "$B/vmlinuz" --initrd "$B/initrd.img" \
	--append "console=ttyS0 panic=1 live-media=LABEL=LIVEINIT verify-checksums selftest"
vm_expect_line verify-md5 'liveinit: verify-checksums: checking the files listed in md5sum\.txt' 'md5sum.txt is read'
vm_expect_line verify-md5 'liveinit: verify-checksums: live/filesystem\.squashfs ok' 'the image was checked by MD5'
vm_selftest_passed verify-md5 'the medium with md5sum.txt boots'

vm_boot verify-md5-bad --iso "$md5_flipped" --as cdrom --kernel "$B/vmlinuz" --initrd "$B/initrd.img" \
	--append "console=ttyS0 panic=1 live-media=LABEL=LIVEINIT verify-checksums"
vm_expect_line verify-md5-bad 'liveinit: FATAL: verify-checksums: live/filesystem\.squashfs does not match md5sum\.txt: expected [0-9a-f]{32}, read [0-9a-f]{32}' \
	'a flipped byte is caught by md5sum.txt too'
vm_expect_no_line verify-md5-bad 'liveinit: image filesystem\.squashfs' 'the corrupt image was never mounted'
vm_done
