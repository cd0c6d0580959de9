#!/bin/bash
# A medium whose image is corrupt (its squashfs superblock has a block size no
# squashfs can have): the mount is refused, /init names the image, the loop
# device and the error, and the kernel panics instead of booting anything.
source "$(dirname "$0")/../lib/vm.sh"
iso=$B/test/liveinit-corrupt.iso
vm_require "$iso" "$B/vmlinuz" "$B/initrd.img"

vm_boot corrupt --iso "$iso" --as cdrom --kernel "$B/vmlinuz" --initrd "$B/initrd.img" \
	--append "console=ttyS0 panic=1 live-media=LABEL=LIVEINIT live-media-timeout=20" --timeout 180
vm_expect_line corrupt 'liveinit: medium found: /dev/sr0' 'the medium itself was found'
vm_expect_line corrupt '(^|\] )liveinit: FATAL: mounting filesystem\.squashfs \(/dev/loop[0-9]+\) as squashfs at /run/live/rootfs/filesystem\.squashfs failed: Invalid argument \(is the image corrupt\?\)' \
	'the exact reason: which image, which loop device, which error'
vm_expect_line corrupt 'liveinit:   /dev/sr0: iso9660 label=LIVEINIT' 'the devices seen are listed'
vm_expect_line corrupt 'Kernel panic - not syncing: Attempted to kill init!' 'the kernel panicked'
vm_expect_no_line corrupt 'leaving the initramfs' 'nothing was booted'
vm_expect_exit corrupt 0 'panic=1 ended QEMU (no hang)'
vm_done
