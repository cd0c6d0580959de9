#!/bin/bash
# The hybrid image as a virtio-blk disk (a cloud or VM user's way to boot it):
# virtio_pci then virtio_blk come in by modalias.
source "$(dirname "$0")/../lib/vm.sh"
iso=$B/test/liveinit-selftest.iso
vm_require "$iso"

vm_boot virtio --iso "$iso" --as virtio
vm_expect_line virtio 'liveinit: medium found: /dev/vd[a-z]+[0-9]* \(iso9660, label LIVEINIT\)' \
	'the medium was found on a virtio disk'
vm_selftest_passed virtio 'live-selftest passed on the virtio boot'
vm_expect_line virtio 'SELFTEST info .*medium=iso9660 /dev/vd' 'the running system sees the virtio disk as its medium'
vm_expect_exit virtio 0 'the VM powered off by itself'

# The same image with its MBR's first partition moved 32 KiB in, so that
# neither partition holds the ISO's superblock where a partition's would be:
# the whole disk, passed over while its partitions were untried, is tried after
# them, in the same search, without waiting for another device to appear.
moved=$VM_LOG_DIR/virtio-moved-p1.img
cp --sparse=always "$iso" "$moved"
printf '\x40\x00\x00\x00\xc0\x7f\x00\x00' | dd of="$moved" bs=1 seek=454 conv=notrunc status=none
sfdisk -d "$moved" 2>/dev/null | grep -q 'start= *64, size= *32704'
vm_ok $? 'the copy.s first partition starts at sector 64'
vm_boot virtio-whole --disk "$moved:virtio" --kernel "$B/vmlinuz" --initrd "$B/initrd.img" \
	--append "console=ttyS0 panic=1 debug selftest live-media-timeout=30"
vm_expect_line virtio-whole 'liveinit: /dev/vda1 is not the medium: no known file system' 'the first partition was tried first, and said why it is not the medium'
vm_expect_line virtio-whole 'liveinit: medium found: /dev/vda \(iso9660, label LIVEINIT\)' \
	'then the whole disk, which is the medium'
vm_selftest_passed virtio-whole 'live-selftest passed from the whole disk'
vm_expect_line virtio-whole 'SELFTEST info root=overlay .*medium=iso9660 /dev/vda\s*$' \
	'the running system sees the whole disk as its medium'
vm_done
