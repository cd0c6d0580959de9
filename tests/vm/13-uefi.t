#!/bin/bash
# The same hybrid ISO under UEFI (OVMF, boot/qemu-run --firmware uefi), as a CD
# and as a USB stick: the firmware starts GRUB (EFI/BOOT/BOOTX64.EFI on the ISO's
# EFI system partition: El Torito's EFI entry on the CD, the MBR partition of
# type 0xEF on the stick), GRUB finds the ISO by its UUID and shows the menu of
# /boot/grub/grub.cfg, the kernel boots as an EFI program, /init finds the medium
# and the live system passes its selftest. isolinux must not be involved.
# Under TCG an OVMF boot to the selftest's poweroff takes 30-60 s (BIOS: 25-40 s);
# VM_TIMEOUT (300 s) leaves room for a loaded machine.
source "$(dirname "$0")/../lib/vm.sh"
iso=$B/test/liveinit-selftest.iso
vm_require "$iso"
if [ ! -r "${OVMF_CODE:-/usr/share/OVMF/OVMF_CODE.fd}" ]; then
	echo "1..1"
	echo "not ok 1 - OVMF present (package ovmf; make check installs it)"
	exit 1
fi

uefi_boot() { # uefi_boot NAME AS WHAT
	local name=$1 as=$2 what=$3
	vm_boot "$name" --firmware uefi --iso "$iso" --as "$as"
	vm_expect_line "$name" 'BdsDxe: starting Boot[0-9A-F]+ ' "$what: OVMF started a boot option"
	vm_expect_line "$name" 'GNU GRUB +version [0-9]' "$what: GRUB (EFI) started"
	vm_expect_line "$name" 'liveinit demo live system \(build [0-9-]+\), UEFI boot menu \(GRUB\)' \
		"$what: GRUB found the ISO and read its /boot/grub/grub.cfg"
	vm_expect_no_line "$name" 'ISOLINUX|SYSLINUX' "$what: isolinux was not involved"
	vm_expect_line "$name" 'Command line: BOOT_IMAGE=/live/vmlinuz boot=live live-media=UUID=[0-9-]+ .*selftest' \
		"$what: the kernel got the default entry's command line"
	vm_expect_line "$name" 'efi: EFI v2' "$what: the kernel booted through EFI"
}

uefi_boot uefi-cdrom cdrom 'CD'
vm_expect_line uefi-cdrom 'BdsDxe: starting Boot[0-9A-F]+ "UEFI QEMU DVD-ROM' 'CD: the boot option was the DVD-ROM'
vm_expect_line uefi-cdrom 'liveinit: medium found: /dev/sr0 \(iso9660, label LIVEINIT\)' 'CD: the medium was found on the CD'
vm_selftest_passed uefi-cdrom 'CD: live-selftest passed'
vm_expect_exit uefi-cdrom 0 'CD: the VM powered off by itself'

uefi_boot uefi-usb usb 'USB'
vm_expect_line uefi-usb 'BdsDxe: starting Boot[0-9A-F]+ "UEFI QEMU QEMU USB HARDDRIVE' 'USB: the boot option was the USB disk'
# The kernel reads the MBR: the ISO (1) and the EFI system partition (4);
# /init tries partitions before their disk and takes the ISO's.
vm_expect_line uefi-usb ' sd[a-z]: sd[a-z]1 sd[a-z]4' 'USB: the kernel sees the ISO and the ESP as partitions 1 and 4'
vm_expect_line uefi-usb 'liveinit: medium found: /dev/sd[a-z]+1 \(iso9660, label LIVEINIT\)' \
	'USB: the medium was found on the stick (partition 1)'
vm_selftest_passed uefi-usb 'USB: live-selftest passed'
vm_expect_line uefi-usb 'SELFTEST info .*medium=iso9660 /dev/sd' 'USB: the running system sees the stick as its medium'
vm_expect_exit uefi-usb 0 'USB: the VM powered off by itself'
vm_done
