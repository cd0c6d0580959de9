#!/bin/bash
# SLOW (about 1 to 3 minutes per boot under TCG, four boots): a real systemd
# distribution, Debian bookworm (boot/mkrootfs-debian, make debian-iso), booted
# by liveinit's initramfs with a whole-root persistence volume (a fresh copy of
# persist-root.img, `/ union`).
#   boot 1 (selftest=debian-write): systemd reaches multi-user and the root's
#     liveinit-selftest.service passes (the root is our overlay, its upper layer
#     on the volume, no initrd-release confusion), then writes a marker;
#   boot 2 (selftest=debian-check): the marker is back, from the volume;
#   boot 3 (selftest=debian-commit): live-commit turns the upper into a layer;
#   boot 4 (selftest=debian-committed): the marker is back, from that layer.
# At each poweroff systemd-shutdown hands back to /run/initramfs/shutdown (our
# /init), which unmounts the old root: on the host the volume is then clean
# (e2fsck -fn passes, no needs_recovery).
# It builds nothing: make vm-check builds the ISO (boot/debian.mk's VM_ARTIFACTS).
# Each boot took about 60-70 s on 2 busy cores; VM_TIMEOUT_DEBIAN (default
# 400 s, not VM_TIMEOUT: the other scenarios' limit is too short) limits each.
source "$(dirname "$0")/../lib/vm.sh"
VM_TIMEOUT=${VM_TIMEOUT_DEBIAN:-400}
D=$B/debian
iso=$D/liveinit-debian.iso
vm_require "$iso" "$D/vmlinuz" "$D/initrd.img" "$VM_PERSIST_DIR/persist-root.img"
vol=$(vm_persist_copy persist-root.img debian-vol) || { vm_ok 1 'a copy of persist-root.img'; vm_done; }
token=deb$RANDOM$RANDOM

boot() { # boot NAME SCENARIO
	vm_boot "$1" --iso "$iso" --as cdrom --kernel "$D/vmlinuz" --initrd "$D/initrd.img" \
		--disk "$vol:virtio:rw" --mem 1024 \
		--append "console=ttyS0 panic=1 live-media=LABEL=LIVEINIT persistence selftest selftest=$2 ptoken=$token"
}
clean_on_host() { # clean_on_host DESC
	local out
	out=$(e2fsck -fn "$vol" 2>&1) && ! dumpe2fs -h "$vol" 2>/dev/null | grep -q needs_recovery
	vm_ok $? "$1" || vm_diag "$out" "$(dumpe2fs -h "$vol" 2>/dev/null | grep -i features)"
}
# handed_back NAME: systemd-shutdown's lines, then ours, in that order
handed_back() {
	local log
	log=$(vm_log "$1")
	awk '/systemd-shutdown\[1\]: .*(Returning to initrd|changed into root pivot)/ { s = NR }
		/liveinit: shutdown: back in the initramfs to poweroff/ && s && !b { b = NR }
		/liveinit: shutdown: [0-9]+ file systems made read-only, [0-9]+ of [0-9]+ unmounted/ && b { r = NR }
		END { exit !(s && b > s && r > b) }' "$log"
	vm_ok $? "$2" "$1" || vm_diag "expected systemd-shutdown's 'Returning to initrd', then 'liveinit: shutdown: back in the initramfs to poweroff', then '... file systems made read-only ...'"
}

rm -f "$VM_LOG_DIR/debian-isolinux.cfg"
xorriso -osirrox on -indev "$iso" -extract /isolinux/isolinux.cfg "$VM_LOG_DIR/debian-isolinux.cfg" >/dev/null 2>&1
menu=$(grep '^menu title' "$VM_LOG_DIR/debian-isolinux.cfg" 2>/dev/null)
vm_ok "$([[ $menu == 'menu title liveinit Debian bookworm live system ('* ]]; echo $?)" \
	"the Debian ISO's boot menu names Debian, not the demo" || vm_diag "$menu"

boot debian-1 debian-write
vm_expect_line debian-1 'liveinit: persistence: the root.s changes are kept on /dev/vd' 'boot 1: / is kept on the volume'
# systemd's own "Reached target" status line cannot be relied on: systemd holds
# its status output back while a unit owns the console, as the selftest does.
vm_expect_line debian-1 'SELFTEST ok - multi-user.target is active' 'boot 1: systemd reached multi-user.target'
vm_selftest_passed debian-1 'boot 1: the Debian system passed its selftest (liveinit-selftest.service)'
vm_expect_line debian-1 "SELFTEST ok - wrote $token to /root/debian-marker" 'boot 1: the marker was written'
vm_expect_line debian-1 'SELFTEST ok - with persistence, the upper layer is on a volume under /run/live/persistence/' \
	'boot 1: systemd runs on the overlay whose upper layer is on the volume'
handed_back debian-1 'boot 1: systemd-shutdown handed back to /run/initramfs/shutdown, which unmounted the old root'
vm_expect_exit debian-1 0 'boot 1: the VM powered off by itself'
clean_on_host 'after boot 1: the volume is clean on the host (e2fsck -fn, no needs_recovery)'

boot debian-2 debian-check
vm_selftest_passed debian-2 'boot 2: the Debian system passed its selftest again'
vm_expect_line debian-2 "SELFTEST ok - /root/debian-marker holds $token" 'boot 2: the marker survived the reboot'
vm_expect_line debian-2 'SELFTEST ok - /root/debian-marker comes from the upper layer' 'boot 2: ... from the volume'
handed_back debian-2 'boot 2: systemd-shutdown handed back to /run/initramfs/shutdown, which unmounted the old root'
vm_expect_exit debian-2 0 'boot 2: the VM powered off by itself'
clean_on_host 'after boot 2: the volume is clean on the host (e2fsck -fn, no needs_recovery)'
debugfs -R 'cat /rw/root/debian-marker' "$vol" 2>/dev/null | grep -q "$token"
vm_ok $? 'on the host, the marker is in rw/root/ of the volume'

# live-commit under systemd (its journal moved to /run so / can go read-only)
boot debian-3 debian-commit
vm_selftest_passed debian-3 'boot 3: live-commit committed the upper layer under systemd'
vm_expect_line debian-3 'live-commit: note: [0-9]+ POSIX ACLs were left out \(squashfs cannot store them\)' \
	"boot 3: the journal's ACLs, which squashfs cannot keep, are counted and said once"
vm_expect_no_line debian-3 'Unrecognised xattr prefix' "boot 3: mksquashfs's complaint about each one is not repeated"
vm_expect_exit debian-3 0 'boot 3: the VM powered off by itself, / read-only'
clean_on_host 'after boot 3: the volume is clean on the host (e2fsck -fn, no needs_recovery)'
boot debian-4 debian-committed
vm_expect_line debian-4 'liveinit: persistence: layers/0001\.squashfs committed: stacked from now on' 'boot 4: /init finished the commit'
vm_selftest_passed debian-4 'boot 4: the marker comes from the committed layer, not the upper'
vm_done
