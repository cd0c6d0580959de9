#!/bin/bash
# Runtime hooks: scripts in /lib/liveinit/hooks/STAGE/ of the image run at
# their stage in name order, with the live state in their environment; a
# failing hook is logged with its status and output and the boot goes on; a
# hook that exits 99 stops the boot through the fatal path. Judged from the
# booted system (a file a bottom hook left in the new root) and the console.
source "$(dirname "$0")/../lib/vm.sh"
iso=$B/test/liveinit-selftest.iso
vm_require "$iso" "$B/vmlinuz" "$B/test/initrd-hooks.img" "$B/test/initrd-hook-fatal.img"

vm_boot hooks --iso "$iso" --as cdrom --kernel "$B/vmlinuz" --initrd "$B/test/initrd-hooks.img" \
	--append "console=ttyS0 panic=1 live-media=LABEL=LIVEINIT selftest selftest=hooks"
vm_expect_line hooks 'liveinit: hook /lib/liveinit/hooks/premount/10-hello: ok: hello from premount: stage=premount media_path=/live' \
	'a premount hook ran with the live state in its environment'
vm_expect_line hooks 'liveinit: hook /lib/liveinit/hooks/premount/20-fails failed \(exit status 3\); the boot goes on. Its output: this hook fails on purpose' \
	'a failing hook is logged with its status and output'
vm_expect_line hooks 'liveinit: hook /lib/liveinit/hooks/premount/30-dynamic: ok: e2fsck [0-9]+\.[0-9]+' \
	'the dynamic e2fsck a build hook added (with its interpreter and libraries) runs in the booted initramfs'
vm_expect_line hooks 'SELFTEST ok - a bottom hook left /etc/liveinit-hook-was-here: medium /dev/sr0 at /run/live/medium' \
	'the running system shows what the bottom hook wrote into the new root'
vm_expect_line hooks 'SELFTEST ok - it holds the note a build hook put in the image' \
	'the file a build hook added is what the runtime hook showed'
vm_selftest_passed hooks 'the boot went on to a working live system'

vm_boot hook-fatal --iso "$iso" --as cdrom --kernel "$B/vmlinuz" --initrd "$B/test/initrd-hook-fatal.img" \
	--append "console=ttyS0 panic=1 live-media=LABEL=LIVEINIT"
vm_expect_line hook-fatal 'liveinit: FATAL: hook /lib/liveinit/hooks/premount/50-fatal stopped the boot: the machine is not allowed to boot' \
	'exit status 99 stops the boot with the hook.s words'
vm_expect_line hook-fatal 'Kernel panic - not syncing: Attempted to kill init!' 'through the fatal path'
vm_done
