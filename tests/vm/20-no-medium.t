#!/bin/bash
# No medium at all: /init waits live-media-timeout=3 s for one, says so, lists
# what it saw (QEMU's empty CD drive), and exits so the kernel panics; panic=1
# with -no-reboot then ends QEMU. Judged by the exact lines and by the guest's
# own clock: the panic comes within the timeout plus the boot, not later.
source "$(dirname "$0")/../lib/vm.sh"
vm_require "$B/vmlinuz" "$B/initrd.img"

vm_boot no-medium --kernel "$B/vmlinuz" --initrd "$B/initrd.img" \
	--append "console=ttyS0 panic=1 live-media-timeout=3" --timeout 180
vm_expect_line no-medium '(^|\] )liveinit: FATAL: no live medium found within 3 s \(live-media-timeout\)' \
	'the reason, in one line'
vm_expect_line no-medium 'liveinit: searched for: /live/\*\.squashfs on any block device, for up to 3 s' \
	'what was searched'
vm_expect_line no-medium 'liveinit:   /dev/sr0: no medium in the drive, 0.0 MiB, removable' \
	'every block device seen, here the empty CD drive'
vm_expect_line no-medium 'liveinit: modules that failed to load: none' 'the modules that failed (none)'
vm_expect_line no-medium 'liveinit: giving up: the kernel will panic now' 'what happens next'
vm_expect_line no-medium 'Kernel panic - not syncing: Attempted to kill init! exitcode=0x00000100' \
	'PID 1 exited and the kernel panicked'
vm_expect_no_line no-medium 'starting an emergency shell' 'no shell without debug or break'
t=$(grep -aoE '^\[ *[0-9]+\.[0-9]+\] Kernel panic' "$(vm_log no-medium)" | grep -oE '[0-9]+\.[0-9]+' | head -1)
awk -v t="${t:-9999}" 'BEGIN { exit !(t < 60) }'
vm_ok $? "the panic came ${t:-never} s after the kernel started (bounded: < 60 s)" no-medium
vm_expect_exit no-medium 0 'panic=1 rebooted, which ended QEMU (no hang)'
vm_done
