#!/bin/bash
# Whole-root persistence ("/ union") and a /home bind volume: a file written in
# / and one in /home in the first boot are there in the second; after each
# clean poweroff (through /run/initramfs/shutdown) the volumes are clean on
# the host: e2fsck -fn passes and no needs_recovery flag is left.
source "$(dirname "$0")/../lib/vm.sh"
iso=$B/test/liveinit-selftest.iso
vm_require "$iso" "$B/vmlinuz" "$B/initrd.img" "$B/test/persist/persist-root.img" "$B/test/persist/persist-home.img"
root=$VM_LOG_DIR/p-root.img home=$VM_LOG_DIR/p-home.img
cp --sparse=always "$B/test/persist/persist-root.img" "$root"
cp --sparse=always "$B/test/persist/persist-home.img" "$home"
token=$RANDOM$RANDOM
boot() { # boot NAME SCENARIO
	vm_boot "$1" --iso "$iso" --as cdrom --kernel "$B/vmlinuz" --initrd "$B/initrd.img" \
		--disk "$root:virtio:rw" --disk "$home:virtio:rw" \
		--append "console=ttyS0 panic=1 live-media=LABEL=LIVEINIT persistence selftest selftest=$2 ptoken=$token"
}
clean_on_host() { # clean_on_host IMG DESC
	local out
	out=$(e2fsck -fn "$1" 2>&1) && ! dumpe2fs -h "$1" 2>/dev/null | grep -q needs_recovery
	vm_ok $? "$2" || vm_diag "$out" "$(dumpe2fs -h "$1" 2>/dev/null | grep -i features)"
}

boot p-root-1 pwrite
vm_expect_line p-root-1 'liveinit: persistence: the root.s changes are kept on /dev/vd' 'boot 1: / is kept on the volume'
vm_expect_line p-root-1 'liveinit: e2fsck -p /dev/vd[a-z]: exit status 0 \(clean\) after [0-9]+ ms' 'boot 1: each volume was checked, and found clean'
vm_expect_line p-root-1 'SELFTEST info upper=/run/live/persistence/vd[a-z]/rw' 'boot 1: the running system sees its upper on the volume'
vm_expect_line p-root-1 'liveinit: persistence: bind /home from /run/live/persistence/vd[a-z]/home' 'boot 1: /home is bound from its volume'
vm_selftest_passed p-root-1 'boot 1: markers written in / and /home'
vm_expect_line p-root-1 'shutdown: back in the initramfs to poweroff' 'boot 1: poweroff went back through /run/initramfs/shutdown'
vm_expect_line p-root-1 'shutdown: [0-9]+ file systems made read-only, [0-9]+ of [0-9]+ unmounted' 'boot 1: the old root was made read-only and unmounted'
clean_on_host "$root" 'after boot 1: the root volume is clean on the host'
clean_on_host "$home" 'after boot 1: the /home volume is clean on the host'

boot p-root-2 pcheck
vm_selftest_passed p-root-2 'boot 2: both markers are back, with their content'
vm_expect_line p-root-2 "SELFTEST ok - /root/persist-marker holds $token" 'boot 2: the file in / survived'
vm_expect_line p-root-2 "SELFTEST ok - /home/demo/persist-marker holds $token" 'boot 2: the file in /home survived'
clean_on_host "$root" 'after boot 2: the root volume is clean on the host'
debugfs -R 'cat /rw/root/persist-marker' "$root" 2>/dev/null | grep -q "$token"
vm_ok $? 'on the host, the marker is in rw/root/ of the volume, as live-boot lays it out'
vm_done
