#!/bin/bash
# live-commit: the changes on the persistence volume become a squashfs layer on
# it, stacked above the medium's image from the next boot on, and the upper
# starts empty. Boot 1 makes four changes (a new file, a changed one, a
# deleted one, a replaced directory) and commits them; boot 2 finds all four
# holding, from layer 0001, with none of them in the upper. Boot 3 is cut by a
# power loss while a second commit writes its layer: boot 4 finds the old
# state (one layer, the change still in the upper, no partial file), commits
# again and is cut right after; boot 5 finds the new state (two layers). The
# volume is checked on the host after each boot.
source "$(dirname "$0")/../lib/vm.sh"
iso=$B/test/liveinit-selftest.iso
vm_require "$iso" "$B/vmlinuz" "$B/initrd.img"
vm_require_fixtures persist-root.img
vol=$(vm_persist_copy persist-root.img commit-vol) || { vm_ok 1 'a copy of persist-root.img'; vm_done; }
token=$RANDOM$RANDOM
args=(--iso "$iso" --as cdrom --kernel "$B/vmlinuz" --initrd "$B/initrd.img" --disk "$vol:virtio:rw")
cmdline() { echo "console=ttyS0 panic=1 live-media=LABEL=LIVEINIT persistence selftest selftest=$1 ctoken=$token"; }
layers_on_host() { # the names in the volume's layers/, read on the host
	debugfs -R 'ls -p /layers' "$vol" 2>/dev/null | awk -F/ '$6 != "." && $6 != ".." && $6 != "" { print $6 }' |
		sort | tr '\n' ' '
}
volume_clean() { # volume_clean DESC: e2fsck -fn passes on the host
	local out
	out=$(e2fsck -fn "$vol" 2>&1)
	vm_ok $? "$1" || vm_diag "$out"
}

vm_boot commit-1 "${args[@]}" --append "$(cmdline commit)"
vm_expect_line commit-1 'SELFTEST ok - made the four changes' 'boot 1: four changes made'
vm_expect_line commit-1 'SELFTEST info live-commit: committed: .*/layers/0001\.squashfs' 'boot 1: live-commit wrote layer 0001'
vm_selftest_passed commit-1 'boot 1: committed; / read-only afterwards; a second commit refused'
volume_clean 'after boot 1: the volume is clean on the host'
vm_is "$(layers_on_host)" '0001.squashfs.committed ' 'after boot 1: the layer waits under its pending name'

vm_boot commit-2 "${args[@]}" --append "$(cmdline commit-check)"
vm_expect_line commit-2 'liveinit: persistence: layers/0001\.squashfs committed: stacked from now on, and the upper starts empty' \
	'boot 2: /init finished the commit'
vm_selftest_passed commit-2 'boot 2: the four changes hold, from layer 0001; none of them in the upper'
vm_is "$(layers_on_host)" '0001.squashfs ' 'after boot 2: the layer has its stacked name'
debugfs -R 'ls -p /' "$vol" 2>/dev/null | grep -q '/rw\.committed/'
vm_ok $((!$?)) 'after boot 2: the old upper is gone from the volume'
volume_clean 'after boot 2: the volume is clean on the host'

vm_boot_until commit-3 'SELFTEST POWER-CUT-NOW' "${args[@]}" --append "$(cmdline commit-crash)"
vm_expect_line commit-3 'SELFTEST ok - caught the commit while it wrote the layer' 'boot 3: power cut while the layer was being written'
vm_expect_no_line commit-3 'shutdown: back in the initramfs' 'boot 3: no clean shutdown happened'

vm_boot_until commit-4 'SELFTEST POWER-CUT-NOW' "${args[@]}" --append "$(cmdline commit-retry)"
vm_expect_line commit-4 'liveinit: persistence: removing layers/\.tmp-0002\.squashfs, left by a commit that did not finish' \
	'boot 4: /init removed the partial layer'
vm_expect_no_line commit-4 'SELFTEST not ok' 'boot 4: the old state: layer 0001, the change still in the upper; the commit again succeeded'
vm_expect_line commit-4 'SELFTEST ok - the commit, done again, succeeded' 'boot 4: then power cut right after the commit'

vm_boot commit-5 "${args[@]}" --append "$(cmdline commit-after)"
vm_selftest_passed commit-5 'boot 5: the new state: layers 0002 over 0001, every change there, none in the upper'
vm_is "$(layers_on_host)" '0001.squashfs 0002.squashfs ' 'after boot 5: two layers on the volume'
volume_clean 'after boot 5: the volume is clean on the host'
vm_done
