#!/bin/bash
# `debug` and `break` give a shell on the console, and it really is one:
# (1) no medium with `debug`: the failure report, then a shell that runs what
#     is typed; when it exits, the kernel panics as without it (no hang);
# (2) `break` on a good boot: a shell before the medium is mounted, and the
#     boot goes on to a working live system when it exits.
source "$(dirname "$0")/../lib/vm.sh"
iso=$B/test/liveinit-selftest.iso
vm_require "$iso" "$B/vmlinuz" "$B/initrd.img"

vm_boot_typing shell-fatal 'starting an emergency shell' 'echo shell-says-$((6*7))\nexit\n' \
	--kernel "$B/vmlinuz" --initrd "$B/initrd.img" \
	--append "console=ttyS0 panic=1 debug live-media-timeout=2"
vm_expect_line shell-fatal 'liveinit: FATAL: no live medium found within 2 s' 'the reason comes first'
vm_expect_line shell-fatal 'liveinit: starting an emergency shell \(the boot failed\)' 'debug opens a shell'
vm_expect_line shell-fatal '^shell-says-42' 'the shell ran the typed command'
vm_expect_line shell-fatal 'the emergency shell exited; giving up' 'leaving the shell gives up'
vm_expect_line shell-fatal 'Kernel panic - not syncing: Attempted to kill init!' 'and the kernel panics'
vm_expect_exit shell-fatal 0 'QEMU ended by itself'
# debug raises the console loglevel to 10: the kernel echoes /init's lines, so
# /init must not write them to the console a second time
vm_expect_no_line shell-fatal '^liveinit: liveinit starting' "with debug, each of /init's lines reaches the console once"

vm_boot_typing break 'starting an emergency shell \(premount\)' 'echo premount-$((6*7)) $(ls /run/live/medium 2>/dev/null | wc -l)\nexit\n' \
	--iso "$iso" --as cdrom --kernel "$B/vmlinuz" --initrd "$B/initrd.img" \
	--append "console=ttyS0 panic=1 break live-media=LABEL=LIVEINIT selftest"
vm_expect_line break '^premount-42 0' 'a shell before the medium is mounted (nothing in /run/live/medium)'
vm_expect_line break 'the shell at break=premount exited; the boot continues' 'leaving it continues the boot'
vm_selftest_passed break 'and the live system comes up'
vm_expect_exit break 0 'QEMU ended by itself'
vm_done
