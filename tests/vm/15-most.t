#!/bin/bash
# The most set (--modules most: every storage and file system driver, for the
# machines the live set has no driver for): the kernel unpacks its 95 MB,
# whose modules segment zstd compressed in 24 MiB jobs, and the system boots
# from a CD on a q35 machine, where several of its drivers match the chipset's
# controllers.
source "$(dirname "$0")/../lib/vm.sh"
iso=$B/test/liveinit-selftest.iso
initrd=$B/test/initrd-most.img
vm_require "$iso" "$B/vmlinuz" "$initrd"

unpacked=$("$VM_ROOT/bench/lib/cpiostat" "$initrd" | sed -n 's/.*"uncompressed": \([0-9]*\).*/\1/p')
[ "${unpacked:-0}" -gt $((32 << 20)) ]
vm_ok $? "the image unpacks to over 32 MiB (${unpacked:-?} bytes): its modules are more than one zstd job"

vm_boot most --machine q35 --iso "$iso" --as cdrom --kernel "$B/vmlinuz" --initrd "$initrd" \
	--append "console=ttyS0 panic=1 live-media=LABEL=LIVEINIT selftest"
vm_expect_line most 'Freeing initrd memory' 'the kernel unpacked the image'
vm_expect_no_line most 'Initramfs unpacking failed|junk within compressed archive' 'with no unpacking error'
vm_expect_line most 'liveinit: medium found: /dev/sr0 \(iso9660, label LIVEINIT\)' 'the medium was found on the CD (AHCI on q35)'
vm_selftest_passed most 'live-selftest passed'
vm_expect_exit most 0 'the VM powered off by itself'
vm_done
