#!/bin/bash
# A USB stick prepared the way Debian live-boot documents it: the hybrid ISO
# written to the stick, plus a partition labelled persistence with "/ union"
# in its persistence.conf and the user's files in its rw/ directory. The live
# system comes up from the stick with those files.
source "$(dirname "$0")/../lib/vm.sh"
vm_require "$B/test/persist/liveboot-stick.img" "$B/vmlinuz" "$B/initrd.img"
stick=$VM_LOG_DIR/liveboot-stick.img
cp --sparse=always "$B/test/persist/liveboot-stick.img" "$stick"
# the user's file, in rw/ of partition 2 (debugfs reaches it through an offset)
start=$(sfdisk -J "$stick" | python3 -c 'import json,sys; print(json.load(sys.stdin)["partitiontable"]["partitions"][1]["start"])')
printf 'kept by live-boot\n' >"$VM_LOG_DIR/from-live-boot.txt"
debugfs -w -R "mkdir /rw" "$stick?offset=$((start * 512))" >/dev/null 2>&1
debugfs -w -R "mkdir /rw/root" "$stick?offset=$((start * 512))" >/dev/null 2>&1
debugfs -w -R "write $VM_LOG_DIR/from-live-boot.txt /rw/root/from-live-boot.txt" "$stick?offset=$((start * 512))" >/dev/null 2>&1
debugfs -R "cat /rw/root/from-live-boot.txt" "$stick?offset=$((start * 512))" 2>/dev/null | grep -q 'kept by live-boot'
vm_ok $? 'the stick holds rw/root/from-live-boot.txt in its persistence partition'

vm_boot lb-stick --disk "$stick:usb:rw" --kernel "$B/vmlinuz" --initrd "$B/initrd.img" \
	--append "console=ttyS0 panic=1 boot=live live-media=removable persistence selftest selftest=pliveboot"
vm_expect_line lb-stick 'liveinit: medium found: /dev/sd[a-z]' 'the medium is the stick'
vm_expect_line lb-stick 'liveinit: persistence: the root.s changes are kept on /dev/sd[a-z]2' 'the stick.s persistence partition holds /'
vm_expect_line lb-stick 'SELFTEST ok - /root/from-live-boot.txt holds what was prepared' 'the file prepared in rw/ is in the live system'
vm_selftest_passed lb-stick 'the live system came up from the stick'
vm_done
