#!/bin/bash
# make demo-panic: the two ways a boot ends without a root, each with its
# serial log and a screenshot of the VGA screen under build/demo/.
source "$(dirname "$0")/../lib/vm.sh"
vm_require "$B/vmlinuz" "$B/initrd.img"

out=$B/demo
rm -f "$out"/no-rootfs.* "$out"/no-medium.*
"$VM_ROOT/boot/demo-panic" >"$VM_LOG_DIR/demo-panic.out" 2>&1
vm_ok $? 'boot/demo-panic found the expected lines' || sed 's/^/# /' "$VM_LOG_DIR/demo-panic.out"

is_png() { [ "$(head -c 8 "$1" 2>/dev/null | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] && [ "$(stat -c %s "$1")" -gt 5000 ]; }
grep -aq 'Kernel panic - not syncing: VFS: Unable to mount root fs on unknown-block(0,0)' "$out/no-rootfs.log"
vm_ok $? '(a) the kernel alone: VFS: Unable to mount root fs'
is_png "$out/no-rootfs.png"
vm_ok $? '(a) a PNG screenshot of the VGA screen'
grep -aq 'liveinit: FATAL: no live medium found within 3 s' "$out/no-medium.log" &&
	grep -aq 'Kernel panic - not syncing: Attempted to kill init!' "$out/no-medium.log"
vm_ok $? '(b) our initramfs without a medium: our reason, then Attempted to kill init!'
is_png "$out/no-medium.png"
vm_ok $? '(b) a PNG screenshot of the VGA screen'
vm_done
