#!/bin/bash
# Stacked layers: every *.squashfs of the live directory in name order, the
# first the lowest, so a later layer's files win; module=NAME takes the
# layers NAME.module lists instead.
source "$(dirname "$0")/../lib/vm.sh"
iso=$B/test/liveinit-layers.iso
vm_require "$iso" "$B/vmlinuz" "$B/initrd.img"
run=(--iso "$iso" --as cdrom --kernel "$B/vmlinuz" --initrd "$B/initrd.img")

vm_boot layers "${run[@]}" --append "console=ttyS0 panic=1 live-media=LABEL=LIVEINIT selftest selftest=layers"
vm_expect_line layers 'SELFTEST info root=overlay lower=/run/live/rootfs/zz-extra\.squashfs:/run/live/rootfs/filesystem\.squashfs upper=' \
	'both layers, the later one on top'
vm_expect_line layers 'SELFTEST info layer-note=from the zz-extra layer hostname=layered' \
	'the upper layer adds files and replaces the base.s /etc/hostname'
vm_selftest_passed layers 'the stacked system passes its selftest'

vm_boot layers-base "${run[@]}" --append "console=ttyS0 panic=1 live-media=LABEL=LIVEINIT module=base selftest selftest=layers"
vm_expect_line layers-base 'SELFTEST info root=overlay lower=/run/live/rootfs/filesystem\.squashfs upper=' \
	'module=base: only the layer base.module lists'
vm_expect_line layers-base 'SELFTEST info layer-note=none hostname=liveinit' 'none of the extra layer shows'

vm_boot layers-missing "${run[@]}" --append "console=ttyS0 panic=1 live-media=LABEL=LIVEINIT module=nosuch live-media-timeout=3"
vm_expect_line layers-missing 'liveinit:   /dev/sr0: iso9660 .*: no usable /live/nosuch\.module on it' \
	'module=NAME without its list: the medium is not used, and the report says why'
vm_done
