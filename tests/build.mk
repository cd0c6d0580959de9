# tests/build.mk: unit tests (host, TAP binaries) and VM scenarios (TAP scripts).
# Each unit test registers itself in a fragment tests/unit/*.mk:
#   UNIT_TESTS += $(B)/host/test_NAME     (a binary printing TAP)
# and its own build rule. They are run with prove --exec ''.
include $(wildcard tests/unit/*.mk)

UNIT_TESTS ?=
VM_TESTS := $(sort $(wildcard tests/vm/*.t))

# flip_image_byte ISO,OFFSET: one byte of /live/filesystem.squashfs in the ISO,
# OFFSET bytes into the image, inverted in place (the checksums and hash
# trees made before no longer match).
define flip_image_byte
lba=$$(xorriso -indev $(1) -find /live/filesystem.squashfs -exec report_lba -- 2>/dev/null | \
	awk -F, '/File data lba/ { gsub(/ /, "", $$2); print $$2; exit }'); \
	[ -n "$$lba" ] && printf '\377' | dd of=$(1) bs=1 seek=$$((lba * 2048 + $(2))) conv=notrunc status=none
endef

# Fixtures of the negative scenarios. A corrupt image: the squashfs superblock's
# block size (le32 at offset 12) set to 7, which no squashfs can have.
$(B)/test/corrupt.squashfs: $(B)/filesystem.squashfs
	@mkdir -p $(@D)
	cp $< $@.tmp
	printf '\007\000\000\000' | dd of=$@.tmp bs=1 seek=12 conv=notrunc status=none
	mv $@.tmp $@

$(B)/test/liveinit-corrupt.iso: $(ISO_INPUTS) $(B)/test/corrupt.squashfs
	B=$(B) boot/mkiso --squashfs $(B)/test/corrupt.squashfs -o $@

# Initramfs images with runtime hooks: one whose hooks succeed or fail without
# stopping the boot, one with a hook that stops it (exit 99).
HOOK_INITRD_ARGS = --config $(INITRD_CONFIG) --kernel-tree $(B)/kernel --kver "$$(cat $(B)/kernel/KVER)" \
	--init $(B)/init/init -q --hooks-dir tests/vm/hooks/build --cache-dir $(INITRD_CACHE)
$(B)/test/initrd-hooks.img: $(B)/init/init $(MKINITRAMFS) $(B)/kernel/KVER $(INITRD_INPUTS) $(wildcard tests/vm/hooks/* tests/vm/hooks/build/*)
	@mkdir -p $(@D)
	$(MKINITRAMFS) -o $@ $(HOOK_INITRD_ARGS)
# The most set (every storage and file system driver): its modules segment is
# over zstd's 24 MiB job size, so it is the one image compressed in jobs.
$(B)/test/initrd-most.img: $(B)/init/init $(MKINITRAMFS) $(B)/kernel/KVER $(INITRD_INPUTS)
	@mkdir -p $(@D)
	$(MKINITRAMFS) -o $@ --config $(INITRD_CONFIG) --modules most --kernel-tree $(B)/kernel \
		--kver "$$(cat $(B)/kernel/KVER)" --init $(B)/init/init -q --cache-dir $(INITRD_CACHE)
$(B)/test/initrd-hook-fatal.img: $(B)/init/init $(MKINITRAMFS) $(B)/kernel/KVER $(INITRD_INPUTS) $(wildcard tests/vm/hooks/* tests/vm/hooks/build/*)
	@mkdir -p $(@D)
	$(MKINITRAMFS) -o $@ $(HOOK_INITRD_ARGS) \
		--add-file tests/vm/hooks/premount-50-fatal:/lib/liveinit/hooks/premount/50-fatal

# The default image with a premount hook that loads crc7 first, the module
# whose load is /init's wait for the drivers' probes (tests/vm/14-buses.t).
$(B)/test/initrd-barrier-taken.img: $(B)/init/init $(MKINITRAMFS) $(B)/kernel/KVER $(INITRD_INPUTS) \
		tests/vm/hooks/premount-60-crc7
	@mkdir -p $(@D)
	$(MKINITRAMFS) -o $@ --config $(INITRD_CONFIG) --kernel-tree $(B)/kernel --kver "$$(cat $(B)/kernel/KVER)" \
		--init $(B)/init/init -q --cache-dir $(INITRD_CACHE) \
		--add-file tests/vm/hooks/premount-60-crc7:/lib/liveinit/hooks/premount/60-crc7

# The selftest ISO with one byte of its squashfs flipped after mkiso listed
# its checksums: verify-checksums must refuse it.
$(B)/test/liveinit-flipped.iso: $(B)/test/liveinit-selftest.iso
	cp $< $@.tmp
	$(call flip_image_byte,$@.tmp,40000)
	mv $@.tmp $@

# A medium as live-boot's tools make it: md5sum.txt instead of sha256sums.txt,
# listing the same files; and a copy of it with one byte of the image flipped.
$(B)/test/liveinit-md5.iso: $(B)/test/liveinit-selftest.iso
	rm -rf $@.d $@.tmp && mkdir -p $@.d
	xorriso -osirrox on -indev $< -extract /live $@.d/live >$@.log 2>&1 || { cat $@.log; exit 1; }
	cd $@.d && md5sum ./live/filesystem.squashfs ./live/initrd.img ./live/vmlinuz >md5sum.txt
	xorriso -report_about SORRY -indev $< -outdev $@.tmp -boot_image any replay \
		-rm /sha256sums.txt -- -map $@.d/md5sum.txt /md5sum.txt >$@.log 2>&1 || { cat $@.log; exit 1; }
	rm -rf $@.d && mv $@.tmp $@

$(B)/test/liveinit-md5-flipped.iso: $(B)/test/liveinit-md5.iso
	cp $< $@.tmp
	$(call flip_image_byte,$@.tmp,40000)
	mv $@.tmp $@

VM_ARTIFACTS += $(B)/test/liveinit-md5.iso $(B)/test/liveinit-md5-flipped.iso

# Stacked layers: the selftest ISO plus /live/zz-extra.squashfs (a layer that
# replaces /etc/hostname and adds /etc/layer-note) and /live/base.module
# (module=base: the base image alone). xorriso replays the boot records.
$(B)/test/layer-extra.squashfs: | $(DEPS_STAMP)
	rm -rf $(B)/test/layer-extra && mkdir -p $(B)/test/layer-extra/etc
	echo layered >$(B)/test/layer-extra/etc/hostname
	echo "from the zz-extra layer" >$(B)/test/layer-extra/etc/layer-note
	mksquashfs $(B)/test/layer-extra $@.tmp -noappend -all-root -comp zstd -quiet
	mv $@.tmp $@

$(B)/test/liveinit-layers.iso: $(B)/test/liveinit-selftest.iso $(B)/test/layer-extra.squashfs
	printf 'filesystem.squashfs\n' >$(B)/test/base.module
	rm -f $@.tmp
	xorriso -report_about SORRY -indev $< -outdev $@.tmp -boot_image any replay \
		-map $(B)/test/layer-extra.squashfs /live/zz-extra.squashfs -map $(B)/test/base.module /live/base.module \
		>$@.log 2>&1 || { cat $@.log; exit 1; }
	mv $@.tmp $@

VM_ARTIFACTS += $(B)/test/liveinit-layers.iso
# The verity ISO with one byte of its squashfs flipped after mkiso made the hash
# tree: in the first 4 KiB (which /init reads through dm-verity before it
# mounts), past the squashfs superblock (96 bytes), so only dm-verity can see it.
$(B)/test/liveinit-verity-flipped.iso: $(B)/test/liveinit-verity.iso
	cp $< $@.tmp
	$(call flip_image_byte,$@.tmp,1000)
	mv $@.tmp $@

VM_ARTIFACTS += $(B)/test/liveinit-verity-flipped.iso
VM_ARTIFACTS += $(B)/vmlinuz $(B)/initrd.img $(B)/test/liveinit-corrupt.iso $(B)/test/liveinit-flipped.iso \
	$(B)/test/initrd-hooks.img $(B)/test/initrd-hook-fatal.img $(B)/test/initrd-most.img \
	$(B)/test/initrd-barrier-taken.img

unit: $(DEPS_STAMP) $(UNIT_TESTS)
	prove --exec '' $(UNIT_TESTS)

vm-check: $(DEPS_STAMP) $(VM_ARTIFACTS)
	prove -j2 $(VM_TESTS)

check: $(DEPS_STAMP)
	$(MAKE) unit
	$(MAKE) vm-check

.PHONY: unit vm-check check
