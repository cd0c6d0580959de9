# boot/build.mk: the Debian kernel, the demo live root, the ISOs, and the targets
# that boot them in QEMU (run, demo-panic). Included by the top Makefile, which
# defines B, DEPS_STAMP and SOURCE_DATE_EPOCH. $(B)/initrd.img is made elsewhere.
#
# Variables read by the scripts (environment or make's command line):
#   EXTRA_APPEND   words added to every kernel command line of $(B)/liveinit.iso
#   BOOT_TIMEOUT   boot menu timeout in tenths of a second (default 30; GRUB's
#                  in whole seconds, rounded up)
#   SQUASHFS_COMP  zstd (default) or xz, gzip, lz4
#   QEMU_ACCEL     tcg (default); kvm where nested virtualisation works
#   RUN_TIMEOUT    limit of the headless `make run` boot, and of each boot of
#                  `make run-persistence` (default 300 s)
#   PERSISTENCE_SIZE  size of $(B)/persistence.img when it is made (default 256M)
#   DEMO_PANIC_FLAGS  e.g. --docs: also copy the screenshots to docs/img/

# The kernel: Debian's package unpacked into $(B)/kernel; KVER is the stamp.
# fetch-kernel does nothing when the same request is unpacked already, so the
# stamp is touched here to stay newer than its prerequisites.
$(B)/kernel/KVER: boot/fetch-kernel configs/kernel.conf | $(DEPS_STAMP)
	@mkdir -p $(B)
	B=$(B) boot/fetch-kernel
	@touch $@

$(B)/vmlinuz: $(B)/kernel/KVER
	cmp -s $(B)/kernel/boot/vmlinuz-$$(cat $<) $@ || cp $(B)/kernel/boot/vmlinuz-$$(cat $<) $@
	@touch $@

# The demo root ($(B)/rootfs/) and its image.
ROOTFS_DEMO_FILES := $(shell find boot/rootfs-demo ! -type d 2>/dev/null)
$(B)/filesystem.squashfs: boot/mkrootfs-demo boot/live-commit $(ROOTFS_DEMO_FILES) | $(DEPS_STAMP)
	B=$(B) boot/mkrootfs-demo

# The ISOs: the one users boot, and the one VM tests boot (its command line also
# has `selftest`: the demo root checks itself, prints SELFTEST lines, powers off).
# Each boots with a BIOS (isolinux, configs/isolinux/) and with UEFI (GRUB,
# configs/grub/), from a CD or a USB stick.
ISO_INPUTS := boot/mkiso $(wildcard configs/isolinux/* configs/grub/*) $(B)/vmlinuz $(B)/initrd.img $(B)/filesystem.squashfs
$(B)/liveinit.iso: $(ISO_INPUTS) | $(DEPS_STAMP)
	B=$(B) boot/mkiso -o $@

$(B)/test/liveinit-selftest.iso: $(ISO_INPUTS) | $(DEPS_STAMP)
	@mkdir -p $(@D)
	B=$(B) boot/mkiso --append selftest -o $@

# The selftest ISO with the image's dm-verity hash tree, its root hash on the
# default entry and in liveinit-verity.iso.roothash (tests/vm/27-verity.t).
$(B)/test/liveinit-verity.iso: $(ISO_INPUTS) | $(DEPS_STAMP)
	@mkdir -p $(@D)
	B=$(B) boot/mkiso --verity --append selftest -o $@

VM_ARTIFACTS += $(B)/test/liveinit-selftest.iso $(B)/liveinit.iso $(B)/test/liveinit-verity.iso

# make run's persistence volume, build/persistence.img: the user's data. It is made
# only when absent (order-only prerequisites: a newer boot/mkpersist never remakes
# it, and mkpersist refuses to overwrite a file anyway); no target here deletes it.
PERSISTENCE_IMG := $(B)/persistence.img
PERSISTENCE_SIZE ?= 256M
$(PERSISTENCE_IMG): | boot/mkpersist $(DEPS_STAMP)
	boot/mkpersist disk $@ --size $(PERSISTENCE_SIZE) --conf '/ union'

# make run: on a terminal, the live ISO as a CD-ROM with its serial console here,
# and $(PERSISTENCE_IMG) attached writable (the menu entry "persistence" uses it);
# otherwise one unattended boot of it that must pass the selftest.
# Without a terminal it also shows persistence at work: two boots, a file
# written in the first is read in the second (make run-persistence).
run: $(B)/liveinit.iso | $(PERSISTENCE_IMG)
	B=$(B) boot/run-live --persistence-disk $(PERSISTENCE_IMG) $(B)/liveinit.iso
	@if [ ! -t 0 ] || [ ! -t 1 ]; then B=$(B) boot/run-live --check-persistence $(B)/liveinit.iso; fi

# make run-persistence: two unattended boots of the `persistence` entry with a
# fresh volume ($(B)/test/run-persistence.img, not the user's): a file written in
# the first must be there in the second. Needs /init's persistence support.
run-persistence: $(B)/liveinit.iso | $(DEPS_STAMP)
	B=$(B) boot/run-live --check-persistence $(B)/liveinit.iso

# The disk images of the persistence scenarios (tests/lib/mkpersist-fixtures
# lists them).
$(B)/test/persist/.stamp: tests/lib/mkpersist-fixtures tests/lib/exfat-put boot/mkpersist $(B)/test/liveinit-selftest.iso | $(DEPS_STAMP)
	B=$(B) tests/lib/mkpersist-fixtures --iso $(B)/test/liveinit-selftest.iso $(@D)
	@touch $@

VM_ARTIFACTS += $(B)/test/persist/.stamp

# make demo-panic: what a boot without a root, and without a medium, looks like.
DEMO_PANIC_FLAGS ?=
demo-panic: $(B)/vmlinuz $(B)/initrd.img | $(DEPS_STAMP)
	B=$(B) boot/demo-panic $(DEMO_PANIC_FLAGS)

.PHONY: run run-persistence demo-panic
