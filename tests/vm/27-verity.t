#!/bin/bash
# live-verity=ROOTHASH: boot/mkiso --verity writes the image's dm-verity hash
# tree and its root hash (on the default entry and in .iso.roothash); /init
# maps the image through dm-verity and mounts that. The good ISO boots with the
# image under a /dev/dm-N; a byte flipped after the hash tree was made, or a
# wrong root hash, stops the boot with the exact message.
source "$(dirname "$0")/../lib/vm.sh"
iso=$B/test/liveinit-verity.iso flipped=$B/test/liveinit-verity-flipped.iso
vm_require "$iso" "$iso.roothash" "$flipped" "$B/vmlinuz" "$B/initrd.img"
hash=$(cat "$iso.roothash")
wrong=$(printf '%s' "$hash" | tr '0-9a-f' '1-9a-f0')
base="console=ttyS0 panic=1 live-media=LABEL=LIVEINIT live-media-timeout=20"
fatal_re() { # the message for an image the root hash refuses
	printf '%s' '(^|\] )liveinit: FATAL: live-verity: filesystem\.squashfs does not match the root hash given by live-verity= \(reading /dev/dm-[0-9]+: I/O error\)'
}

vm_ok "$( [[ $hash =~ ^[0-9a-f]{64}$ ]]; echo $?)" "mkiso wrote a sha256 root hash beside the ISO"

vm_boot verity --iso "$iso" --as cdrom --kernel "$B/vmlinuz" --initrd "$B/initrd.img" \
	--append "$base live-verity=$hash selftest"
vm_expect_line verity "liveinit: verity: filesystem\.squashfs is verified by dm-verity \(root hash ${hash:0:8}\.\.\.\) on /dev/dm-[0-9]+" \
	'/init set the verity target up'
vm_expect_line verity 'SELFTEST info lower /run/live/rootfs/filesystem\.squashfs type=squashfs source=/dev/dm-[0-9]+' \
	'inside the system, the lower layer is mounted from a /dev/dm-N'
vm_selftest_passed verity 'the verified image boots and its selftest passes'
grep -o 'leaving the initramfs after [0-9]* ms' "$(vm_log verity)" | sed 's/^/# verity: /'

# toram with live-verity=: the hash tree goes to RAM with the image, and
# dm-verity checks every block read from the copy, after the CD is gone
vm_boot_monitor verity-toram 'SELFTEST TORAM-READY' 'eject -f cd0' --iso "$iso" --as cdrom \
	--kernel "$B/vmlinuz" --initrd "$B/initrd.img" --append "$base live-verity=$hash toram selftest selftest=toram"
vm_expect_line verity-toram 'liveinit: toram: filesystem\.squashfs\.verity 100% ' 'the hash tree was copied to RAM'
vm_expect_line verity-toram "liveinit: verity: filesystem\.squashfs is verified by dm-verity .* on /dev/dm-[0-9]+" \
	'the copy is mapped through dm-verity'
vm_expect_line verity-toram 'SELFTEST ok - the image.s loop device reads /run/live/toram/filesystem\.squashfs, in RAM' \
	'inside the system, the verity device reads the image from RAM'
vm_expect_line verity-toram 'SELFTEST ok - the image.s loop device reads /run/live/toram/filesystem\.squashfs\.verity' \
	'and its hash tree from RAM'
vm_expect_line verity-toram 'SELFTEST ok - all [0-9]+ files of the root read back without the medium' \
	'every file reads, verified, after the CD was ejected'
vm_selftest_passed verity-toram 'toram and live-verity together boot'

vm_boot verity-flipped --iso "$flipped" --as cdrom --kernel "$B/vmlinuz" --initrd "$B/initrd.img" \
	--append "$base live-verity=$hash selftest" --timeout 180
vm_expect_line verity-flipped "$(fatal_re)" 'a flipped byte: FATAL with the exact message'
vm_expect_line verity-flipped 'Kernel panic - not syncing: Attempted to kill init!' 'the kernel panicked'
vm_expect_no_line verity-flipped 'leaving the initramfs' 'no switch_root'

vm_boot verity-wrong --iso "$iso" --as cdrom --kernel "$B/vmlinuz" --initrd "$B/initrd.img" \
	--append "$base live-verity=$wrong selftest" --timeout 180
vm_expect_line verity-wrong "$(fatal_re)" 'a wrong root hash: FATAL with the exact message'
vm_expect_line verity-wrong 'Kernel panic - not syncing: Attempted to kill init!' 'the kernel panicked'
vm_expect_no_line verity-wrong 'leaving the initramfs' 'no switch_root'
vm_done
