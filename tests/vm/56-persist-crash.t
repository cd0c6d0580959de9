#!/bin/bash
# A power cut: QEMU is killed right after the live system synced a write. The
# next boot recovers the volume (journal, e2fsck -p in the initramfs), mounts
# it, and the synced file is there.
source "$(dirname "$0")/../lib/vm.sh"
iso=$B/test/liveinit-selftest.iso
vm_require "$iso" "$B/vmlinuz" "$B/initrd.img" "$B/test/persist/persist-root.img"
vol=$VM_LOG_DIR/crash-vol.img
cp --sparse=always "$B/test/persist/persist-root.img" "$vol"
token=$RANDOM$RANDOM
args=(--iso "$iso" --as cdrom --kernel "$B/vmlinuz" --initrd "$B/initrd.img" --disk "$vol:virtio:rw")
vm_boot_until p-crash-1 'SELFTEST PSYNC-DONE' "${args[@]}" \
	--append "console=ttyS0 panic=1 live-media=LABEL=LIVEINIT persistence selftest selftest=psync ptoken=$token"
vm_expect_line p-crash-1 'SELFTEST PSYNC-DONE' 'boot 1: the file was written and synced, then QEMU was killed'
vm_expect_no_line p-crash-1 'shutdown: back in the initramfs' 'boot 1: no clean shutdown happened'
vm_boot p-crash-2 "${args[@]}" \
	--append "console=ttyS0 panic=1 live-media=LABEL=LIVEINIT persistence selftest selftest=pcheck ptoken=$token"
vm_expect_line p-crash-2 'liveinit: persistence: the root.s changes are kept on /dev/vd' 'boot 2: the volume was recovered and mounted'
vm_expect_line p-crash-2 "SELFTEST ok - /root/persist-marker holds $token" 'boot 2: the synced file survived the power cut'
vm_done
