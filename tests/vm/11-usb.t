#!/bin/bash
# The same hybrid ISO written to a USB stick: SeaBIOS boots its isohybrid MBR
# from a usb-storage disk on xhci, and /init must find the medium on USB
# (xhci_pci, usb_storage and sd_mod loaded by modalias, nothing by hand).
source "$(dirname "$0")/../lib/vm.sh"
iso=$B/test/liveinit-selftest.iso
vm_require "$iso"

vm_boot usb --iso "$iso" --as usb
vm_expect_line usb 'Linux version [0-9]' 'the kernel started from the stick'
vm_expect_line usb 'liveinit: medium found: /dev/sd[a-z]+[0-9]* \(iso9660, label LIVEINIT\)' \
	'the medium was found on a SCSI disk (the USB stick)'
vm_selftest_passed usb 'live-selftest passed on the USB boot'
vm_expect_line usb 'SELFTEST info .*medium=iso9660 /dev/sd' 'the running system sees the stick as its medium'
vm_expect_exit usb 0 'the VM powered off by itself'
vm_done
