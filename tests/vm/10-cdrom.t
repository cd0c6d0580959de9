#!/bin/bash
# The selftest ISO booted as a CD-ROM through isolinux: the live system comes up
# from the CD and passes live-selftest.
source "$(dirname "$0")/../lib/vm.sh"
iso=$B/test/liveinit-selftest.iso
vm_require "$iso"

vm_boot cdrom --iso "$iso" --as cdrom
vm_expect_line cdrom 'ISOLINUX' 'isolinux started from the CD'
vm_expect_line cdrom 'Linux version [0-9]' 'the kernel started'
vm_expect_line cdrom 'liveinit: ' 'our /init logged to the console'
vm_expect_line cdrom 'liveinit demo: live system ready' 'the demo root ran its rc script'
vm_selftest_passed cdrom 'live-selftest passed'
vm_expect_exit cdrom 0 'the VM powered off by itself'
vm_done
