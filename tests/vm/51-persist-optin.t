#!/bin/bash
# Persistence is opt-in: without `persistence` a persistence volume attached
# writable is not touched (byte-identical afterwards); with it, a disk that is
# not a volume (no label, no persistence.conf) is not touched either, and the
# running system says the root is on tmpfs.
source "$(dirname "$0")/../lib/vm.sh"
iso=$B/test/liveinit-selftest.iso
vm_require "$iso" "$B/vmlinuz" "$B/initrd.img" "$B/test/persist/persist-root.img" "$B/test/persist/none.img"
vol=$VM_LOG_DIR/optin-vol.img other=$VM_LOG_DIR/optin-none.img
cp --sparse=always "$B/test/persist/persist-root.img" "$vol"
cp --sparse=always "$B/test/persist/none.img" "$other"
before_vol=$(sha256sum <"$vol") before_other=$(sha256sum <"$other")

vm_boot optin-off --iso "$iso" --as cdrom --kernel "$B/vmlinuz" --initrd "$B/initrd.img" \
	--disk "$vol:virtio:rw" --append "console=ttyS0 panic=1 live-media=LABEL=LIVEINIT selftest selftest=pstatus"
vm_selftest_passed optin-off 'the live system came up without persistence'
vm_expect_line optin-off 'SELFTEST info persistence=off: not asked for' 'the status file says persistence is off'
[ "$(sha256sum <"$vol")" = "$before_vol" ]
vm_ok $? 'without `persistence` the volume is byte-identical afterwards'

vm_boot optin-none --iso "$iso" --as cdrom --kernel "$B/vmlinuz" --initrd "$B/initrd.img" \
	--disk "$other:virtio:rw" --append "console=ttyS0 panic=1 live-media=LABEL=LIVEINIT persistence selftest selftest=pstatus"
vm_selftest_passed optin-none 'the live system came up with persistence asked for and no volume'
vm_expect_line optin-none 'SELFTEST info root=tmpfs' 'the root is on tmpfs'
[ "$(sha256sum <"$other")" = "$before_other" ]
vm_ok $? 'a disk that is not a persistence volume is byte-identical afterwards'
vm_done
