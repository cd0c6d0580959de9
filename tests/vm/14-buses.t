#!/bin/bash
# The disk buses of today's PCs, servers and virtual machines that the other
# scenarios do not use: NVMe, SATA (AHCI), virtio-scsi and VMware's PVSCSI,
# each a module of the image loaded by modalias. The hybrid image boots from
# an NVMe disk through SeaBIOS on a q35 machine (a modern PC: PCIe, the
# chipset's AHCI); then a persistence volume on virtio-scsi keeps a file
# written in one boot, and the next boot, the medium and the volume on other
# buses (the medium on VMware's paravirtual SCSI controller, the volume now
# on NVMe, whose namespaces come from a work queue after the module has
# loaded), has it back.
# A third boot has the medium on virtio-blk, found before the IDE controller
# has probed the disk that now holds the volume: drivers probe asynchronously
# with persistence too, and /init must wait for their probes (and load sd_mod
# for the disk the IDE probe found) before it looks for volumes. A fourth,
# the same, with an image whose premount hook loaded the module /init loads
# for that wait (crc7): /init must wait for its disks another way. A fifth
# has the volume on an SD card in an SDHCI reader (sdhci_pci by modalias,
# mmc_block for the card): the file is back from it. A sixth has only a blank
# card in the reader: a real reader announces its card after a detection
# delay, so with no labelled volume in sight /init waits for quiet (it does
# not wait when no USB, NVMe or SD controller is there).
source "$(dirname "$0")/../lib/vm.sh"
iso=$B/test/liveinit-selftest.iso
vm_require "$iso" "$B/vmlinuz" "$B/initrd.img" "$B/test/persist/persist-root.img" "$B/test/initrd-barrier-taken.img"
root=$VM_LOG_DIR/buses-root.img
cp --sparse=always "$B/test/persist/persist-root.img" "$root"
token=$RANDOM$RANDOM
persist_boot() { # persist_boot NAME MEDIUM-BUS VOLUME-BUS SCENARIO [INITRD]
	vm_boot "$1" --iso "$iso" --as "$2" --disk "$root:$3:rw" \
		--kernel "$B/vmlinuz" --initrd "${5:-$B/initrd.img}" \
		--append "console=ttyS0 panic=1 live-media=LABEL=LIVEINIT persistence selftest selftest=$4 ptoken=$token"
}

vm_boot nvme --machine q35 --iso "$iso" --as nvme
vm_expect_line nvme 'liveinit: medium found: /dev/nvme0n1(p[0-9]+)? \(iso9660, label LIVEINIT\)' \
	'the medium was found on the NVMe disk SeaBIOS booted from (q35)'
vm_selftest_passed nvme 'live-selftest passed on the NVMe boot'
vm_expect_line nvme 'SELFTEST info .*medium=iso9660 /dev/nvme0n1' 'the running system sees the NVMe disk as its medium'

persist_boot buses-1 sata scsi pwrite
vm_expect_line buses-1 'liveinit: medium found: /dev/sd[a-z]+[0-9]* \(iso9660, label LIVEINIT\)' \
	'boot 1: the medium was found on the SATA disk'
vm_expect_line buses-1 'liveinit: persistence: the root.s changes are kept on /dev/sd[a-z]' \
	'boot 1: / is kept on the virtio-scsi volume'
vm_expect_line buses-1 'SELFTEST info upper=/run/live/persistence/sd[a-z]/rw' \
	'boot 1: the running system sees its upper layer on that volume'
vm_selftest_passed buses-1 'boot 1: the marker was written'

persist_boot buses-2 pvscsi nvme pcheck
vm_expect_line buses-2 'scsi host[0-9]+: VMware PVSCSI storage adapter' 'boot 2: the PVSCSI controller is driven (vmw_pvscsi)'
vm_expect_line buses-2 'liveinit: medium found: /dev/sd[a-z]+[0-9]* \(iso9660, label LIVEINIT\)' \
	'boot 2: the medium was found on the PVSCSI disk'
vm_expect_line buses-2 'SELFTEST info .*medium=iso9660 /dev/sd[a-z]' \
	'boot 2: the running system sees that SCSI disk as its medium'
vm_expect_line buses-2 'liveinit: persistence: the root.s changes are kept on /dev/nvme0n1' \
	'boot 2: / is kept on the volume, now on NVMe'
vm_expect_line buses-2 "SELFTEST ok - /root/persist-marker holds $token" 'boot 2: the file written in boot 1 is back'
vm_selftest_passed buses-2 'boot 2: live-selftest passed'
debugfs -R 'cat /rw/root/persist-marker' "$root" 2>/dev/null | grep -q "$token"
vm_ok $? 'on the host, the marker is in rw/root/ of the volume'

persist_boot buses-3 virtio ide pcheck
vm_expect_line buses-3 'liveinit: medium found: /dev/vda[0-9]* \(iso9660, label LIVEINIT\)' \
	'boot 3: the medium was found on the virtio disk'
vm_expect_line buses-3 'liveinit: persistence: the root.s changes are kept on /dev/sd[a-z]' \
	'boot 3: / is kept on the volume, now on the IDE disk probed after the medium was found'
vm_expect_line buses-3 "SELFTEST ok - /root/persist-marker holds $token" 'boot 3: the file is back'

persist_boot buses-4 virtio ide pcheck "$B/test/initrd-barrier-taken.img"
vm_expect_line buses-4 'liveinit: hook /lib/liveinit/hooks/premount/60-crc7: ok: crc7 loaded by a hook' \
	'boot 4: a premount hook loaded crc7 before /init could'
vm_expect_line buses-4 'liveinit: persistence: module crc7, whose load waits for the drivers. probes, was loaded already' \
	'boot 4: /init says it cannot wait for the probes that way'
vm_expect_line buses-4 'liveinit: persistence: the root.s changes are kept on /dev/sd[a-z]' \
	'boot 4: the volume on the IDE disk was found all the same'
vm_expect_line buses-4 "SELFTEST ok - /root/persist-marker holds $token" 'boot 4: the file is back'

persist_boot buses-5 virtio sd pcheck
vm_expect_line buses-5 'mmc[0-9]+: new .*SD.* card at address' 'boot 5: the SD card was detected in the SDHCI reader'
vm_expect_line buses-5 'liveinit: persistence: the root.s changes are kept on /dev/mmcblk0' \
	'boot 5: / is kept on the volume, now on the SD card'
vm_expect_line buses-5 "SELFTEST ok - /root/persist-marker holds $token" 'boot 5: the file is back, from the SD card'
vm_selftest_passed buses-5 'boot 5: live-selftest passed'

blank=$VM_LOG_DIR/buses-blank-sd.img
rm -f "$blank" && truncate -s 64M "$blank"
vm_boot buses-6 --iso "$iso" --as virtio --disk "$blank:sd:rw" --kernel "$B/vmlinuz" --initrd "$B/initrd.img" \
	--append "console=ttyS0 panic=1 live-media=LABEL=LIVEINIT persistence selftest"
vm_expect_line buses-6 'mmcblk0: mmc[0-9]+:' 'boot 6: the blank SD card is a block device'
vm_expect_line buses-6 'liveinit: persistence: [0-9]+ more block devices appeared while waiting for quiet' \
	'boot 6: with an SD reader and no volume in sight, /init waited for late disks'
vm_expect_line buses-6 'liveinit: leaving the initramfs' 'boot 6: and then booted without persistence'
vm_done
