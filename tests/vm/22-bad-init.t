#!/bin/bash
# init= names a program the live system does not have: /init checks it inside
# the new root before it deletes the initramfs, and stops with the reason,
# rather than switching root and dying without a word.
source "$(dirname "$0")/../lib/vm.sh"
iso=$B/test/liveinit-selftest.iso
vm_require "$iso" "$B/vmlinuz" "$B/initrd.img"

vm_boot bad-init --iso "$iso" --as cdrom --kernel "$B/vmlinuz" --initrd "$B/initrd.img" \
	--append "console=ttyS0 panic=1 live-media=LABEL=LIVEINIT init=/sbin/no-such-init" --timeout 180
vm_expect_line bad-init 'liveinit: overlay mounted at /root' 'the root was assembled'
vm_expect_line bad-init '(^|\] )liveinit: FATAL: init=/sbin/no-such-init: no executable at that path in the live system: No such file or directory' \
	'the exact reason'
vm_expect_line bad-init 'Kernel panic - not syncing: Attempted to kill init!' 'the kernel panicked'
vm_expect_no_line bad-init 'leaving the initramfs' 'switch_root never happened'
vm_expect_exit bad-init 0 'panic=1 ended QEMU (no hang)'
vm_done
