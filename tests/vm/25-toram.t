#!/bin/bash
# toram: the images are copied into RAM (with a progress line), the medium is
# released, and after the CD is ejected through QEMU's monitor the running
# system still reads every one of its files. toram=auto does not copy from an
# optical drive; a toram that cannot fit says so and boots from the medium.
source "$(dirname "$0")/../lib/vm.sh"
iso=$B/test/liveinit-selftest.iso
vm_require "$iso" "$B/vmlinuz" "$B/initrd.img"
run=(--iso "$iso" --as cdrom --kernel "$B/vmlinuz" --initrd "$B/initrd.img")

vm_boot_monitor toram 'SELFTEST TORAM-READY' 'eject -f cd0' "${run[@]}" \
	--append "console=ttyS0 panic=1 live-media=LABEL=LIVEINIT toram selftest selftest=toram"
vm_expect_line toram 'liveinit: toram: filesystem\.squashfs 100% \([0-9]+\.[0-9] of [0-9]+\.[0-9] MiB\), [0-9]+\.[0-9] MiB/s, 0\.0 s left' \
	'a progress line with percent, rate and time left'
vm_expect_line toram 'liveinit: toram: the medium /dev/sr0 is released; it can be removed' 'the medium was released'
vm_expect_line toram 'SELFTEST ok - the image.s loop device reads /run/live/toram/filesystem\.squashfs, in RAM' \
	'the running system reads its image from RAM'
vm_expect_line toram 'SELFTEST ok - the CD was ejected' 'the CD was ejected while the system ran'
vm_expect_line toram 'SELFTEST ok - all [0-9]+ files of the root read back without the medium' 'every file still reads'
vm_selftest_passed toram 'and the selftest passed'

vm_boot toram-auto "${run[@]}" --append "console=ttyS0 panic=1 live-media=LABEL=LIVEINIT toram=auto selftest"
vm_expect_line toram-auto 'liveinit: toram=auto: the medium is an optical drive; not copying' 'toram=auto leaves an optical medium alone'
vm_selftest_passed toram-auto 'the system boots from the medium'

vm_boot toram-big "${run[@]}" --mem 256 --append "console=ttyS0 panic=1 live-media=LABEL=LIVEINIT toram selftest"
vm_expect_line toram-big 'liveinit: toram: [0-9]+ MiB of images and 256 MiB for the system do not fit in the [0-9]+ MiB available; booting from the medium' \
	'too little memory: it says so'
vm_expect_line toram-big 'SELFTEST ok - / is mounted as overlay' 'and boots from the medium'
vm_done
