#!/bin/bash
# A persistence volume that e2fsck -p cannot repair is not mounted read-write:
# the system boots with its changes on tmpfs and says so, on the console and
# in /run/live/persistence/status.
source "$(dirname "$0")/../lib/vm.sh"
iso=$B/test/liveinit-selftest.iso
vm_require "$iso" "$B/vmlinuz" "$B/initrd.img" "$B/test/persist/corrupt.img"
vol=$VM_LOG_DIR/corrupt-vol.img
cp --sparse=always "$B/test/persist/corrupt.img" "$vol"
vm_boot p-corrupt --iso "$iso" --as cdrom --kernel "$B/vmlinuz" --initrd "$B/initrd.img" \
	--disk "$vol:virtio:rw" --append "console=ttyS0 panic=1 live-media=LABEL=LIVEINIT persistence selftest selftest=pstatus"
vm_expect_line p-corrupt 'liveinit: persistence: /dev/vd[a-z] is not mounted read-write: e2fsck -p could not repair it \(exit status [0-9]+\); the root.s changes go to a tmpfs instead' \
	'the exact message on the console'
vm_expect_line p-corrupt 'liveinit: e2fsck -p /dev/vd[a-z]: exit status 4 \(errors left uncorrected\) after [0-9]+ ms' \
	"e2fsck's run is logged with what its exit status means and how long it took"
vm_expect_line p-corrupt 'SELFTEST info root=tmpfs' 'the status file says the root is on tmpfs'
vm_expect_line p-corrupt 'SELFTEST info volume vd[a-z] device=/dev/vd[a-z] mountpoint=- state=unused note=refused: e2fsck -p could not repair it' \
	'the status file says why the volume was refused'
vm_expect_line p-corrupt 'SELFTEST info upper=/run/live/overlay/upper' 'the running system writes to tmpfs'
vm_selftest_passed p-corrupt 'the live system came up'
vm_done
