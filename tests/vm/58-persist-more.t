#!/bin/bash
# More ways to find and use persistence volumes: a GPT partition named
# persistence (its file system labelled otherwise); two volumes that both
# claim / (an error on the console, and neither is used for /); and
# persistence-read-only (the volume's files show, the volume is not written).
source "$(dirname "$0")/../lib/vm.sh"
iso=$B/test/liveinit-selftest.iso
vm_require "$iso" "$B/vmlinuz" "$B/initrd.img" "$B/test/persist/persist-gpt.img" "$B/test/persist/persist-root.img"
run=(--iso "$iso" --as cdrom --kernel "$B/vmlinuz" --initrd "$B/initrd.img")
gpt=$VM_LOG_DIR/more-gpt.img one=$VM_LOG_DIR/more-one.img two=$VM_LOG_DIR/more-two.img ro=$VM_LOG_DIR/more-ro.img
cp --sparse=always "$B/test/persist/persist-gpt.img" "$gpt"
cp --sparse=always "$B/test/persist/persist-root.img" "$one"
cp --sparse=always "$B/test/persist/persist-root.img" "$two"
cp --sparse=always "$B/test/persist/persist-root.img" "$ro"

vm_boot p-gpt "${run[@]}" --disk "$gpt:virtio:rw" \
	--append "console=ttyS0 panic=1 live-media=LABEL=LIVEINIT persistence selftest selftest=pstatus"
vm_expect_line p-gpt 'liveinit: persistence: the root.s changes are kept on /dev/vda1' 'a GPT partition named persistence is a volume'
vm_expect_line p-gpt 'SELFTEST info root=/run/live/persistence/vda1' 'the status file names it as the root volume'

vm_boot p-two "${run[@]}" --disk "$one:virtio:rw" --disk "$two:virtio:rw" \
	--append "console=ttyS0 panic=1 live-media=LABEL=LIVEINIT persistence selftest selftest=pstatus"
vm_expect_line p-two 'liveinit: persistence: vd[a-z] and vd[a-z] both claim / \(union\): neither is used for /' \
	'two volumes claiming /: the error, on the console'
vm_expect_line p-two 'SELFTEST info root=tmpfs' 'and the root is on tmpfs'
vm_selftest_passed p-two 'the system still comes up'

# a file in the volume's rw/, as an earlier boot would have left it
printf 'from an earlier boot\n' >"$VM_LOG_DIR/ro-note"
debugfs -w -R "mkdir /rw" "$ro" >/dev/null 2>&1
debugfs -w -R "write $VM_LOG_DIR/ro-note /rw/ro-note" "$ro" >/dev/null 2>&1
before=$(sha256sum <"$ro")
vm_boot p-ro "${run[@]}" --disk "$ro:virtio:rw" \
	--append "console=ttyS0 panic=1 live-media=LABEL=LIVEINIT persistence persistence-read-only selftest selftest=pstatus"
vm_expect_line p-ro 'SELFTEST info volume vd[a-z] device=/dev/vd[a-z] mountpoint=/run/live/persistence/vd[a-z] state=read-only' \
	'the volume is mounted read-only'
vm_expect_line p-ro 'SELFTEST info root=overlay lower=/run/live/persistence/vd[a-z]/rw:/run/live/rootfs/filesystem\.squashfs upper=/run/live/overlay/upper' \
	'its rw/ is a read-only layer under the tmpfs'
vm_expect_line p-ro 'SELFTEST ok - a new file in / lands in the upperdir' 'writes go to the tmpfs upper layer'
[ "$(sha256sum <"$ro")" = "$before" ]
vm_ok $? 'persistence-read-only leaves the volume byte-identical'
vm_done
