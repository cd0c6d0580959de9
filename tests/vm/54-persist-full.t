#!/bin/bash
# A full persistence volume: the writer gets ENOSPC, not a crash or a hang, and
# the next boot still mounts the volume and comes up.
source "$(dirname "$0")/../lib/vm.sh"
iso=$B/test/liveinit-selftest.iso
vm_require "$iso" "$B/vmlinuz" "$B/initrd.img" "$B/test/persist/small.img"
vol=$VM_LOG_DIR/small-vol.img
cp --sparse=always "$B/test/persist/small.img" "$vol"
boot() {
	vm_boot "$1" --iso "$iso" --as cdrom --kernel "$B/vmlinuz" --initrd "$B/initrd.img" \
		--disk "$vol:virtio:rw" --append "console=ttyS0 panic=1 live-media=LABEL=LIVEINIT persistence selftest selftest=$2"
}
boot p-full-1 pfill
vm_expect_line p-full-1 'SELFTEST ok - filling the volume ends in ENOSPC: .*No space left on device' 'boot 1: the writer got ENOSPC'
vm_selftest_passed p-full-1 'boot 1: the system kept running'
boot p-full-2 pstatus
vm_expect_line p-full-2 'liveinit: persistence: the root.s changes are kept on /dev/vd' 'boot 2: the full volume is mounted again'
vm_selftest_passed p-full-2 'boot 2: the live system came up'
out=$(e2fsck -fn "$vol" 2>&1)
vm_ok $? 'after boot 2: the full volume is clean on the host' || vm_diag "$out"
vm_done
