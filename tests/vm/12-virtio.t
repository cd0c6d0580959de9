#!/bin/bash
# The hybrid image as a virtio-blk disk (a cloud or VM user's way to boot it):
# virtio_pci then virtio_blk come in by modalias.
source "$(dirname "$0")/../lib/vm.sh"
iso=$B/test/liveinit-selftest.iso
vm_require "$iso"

vm_boot virtio --iso "$iso" --as virtio
vm_expect_line virtio 'liveinit: medium found: /dev/vd[a-z]+[0-9]* \(iso9660, label LIVEINIT\)' \
	'the medium was found on a virtio disk'
vm_selftest_passed virtio 'live-selftest passed on the virtio boot'
vm_expect_line virtio 'SELFTEST info .*medium=iso9660 /dev/vd' 'the running system sees the virtio disk as its medium'
vm_expect_exit virtio 0 'the VM powered off by itself'
vm_done
