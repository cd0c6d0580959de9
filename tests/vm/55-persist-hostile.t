#!/bin/bash
# A hostile persistence.conf: every bad line is rejected with its number and
# the reason, a source that is a link leading off the volume is refused, and
# the good lines (/home, / union) still apply.
source "$(dirname "$0")/../lib/vm.sh"
iso=$B/test/liveinit-selftest.iso
vm_require "$iso" "$B/vmlinuz" "$B/initrd.img" "$B/test/persist/hostile.img"
vol=$VM_LOG_DIR/hostile-vol.img
cp --sparse=always "$B/test/persist/hostile.img" "$vol"
vm_boot p-hostile --iso "$iso" --as cdrom --kernel "$B/vmlinuz" --initrd "$B/initrd.img" \
	--disk "$vol:virtio:rw" --append "console=ttyS0 panic=1 live-media=LABEL=LIVEINIT persistence selftest selftest=pstatus"
log=$(vm_log p-hostile)
vm_expect_line p-hostile 'persistence.conf line [0-9]+ rejected: .*\.\.' 'the line with .. is rejected with its number'
vm_expect_line p-hostile 'persistence.conf line [0-9]+ rejected: source must be a relative path' 'the absolute source is rejected'
vm_expect_line p-hostile 'persistence.conf line [0-9]+ rejected: line too long' 'the 5000-character line is rejected'
vm_expect_line p-hostile 'persistence.conf line [0-9]+ rejected: .*control characters' 'the garbage line is rejected'
vm_expect_line p-hostile "persistence.conf line [0-9]+ rejected: unknown option" 'the unknown option is rejected'
vm_expect_line p-hostile 'liveinit: persistence: vd[a-z] line [0-9]+ \(/opt\): a symbolic link on the way would leave the volume or the root; refused' \
	'the source that is a link off the volume is refused'
vm_expect_line p-hostile 'liveinit: persistence: bind /home from' 'the good /home line applies'
vm_expect_line p-hostile 'liveinit: persistence: the root.s changes are kept on /dev/vd' 'and so does / union'
vm_selftest_passed p-hostile 'the live system came up'
vm_expect_no_line p-hostile 'SELFTEST info etc-escape' 'nothing of the host /etc was bound over /opt'
vm_done
