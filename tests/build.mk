# tests/build.mk: unit tests (host, TAP binaries) and VM scenarios (TAP scripts).
# Each unit test registers itself in a fragment tests/unit/*.mk:
#   UNIT_TESTS += $(B)/host/test_NAME     (a binary printing TAP)
# and its own build rule. They are run with prove --exec ''.
include $(wildcard tests/unit/*.mk)

UNIT_TESTS ?=
VM_TESTS := $(sort $(wildcard tests/vm/*.t))

# Fixtures of the negative scenarios. A corrupt image: the squashfs superblock's
# block size (le32 at offset 12) set to 7, which no squashfs can have.
$(B)/test/corrupt.squashfs: $(B)/filesystem.squashfs
	@mkdir -p $(@D)
	cp $< $@.tmp
	printf '\007\000\000\000' | dd of=$@.tmp bs=1 seek=12 conv=notrunc status=none
	mv $@.tmp $@

$(B)/test/liveinit-corrupt.iso: $(ISO_INPUTS) $(B)/test/corrupt.squashfs
	B=$(B) boot/mkiso --squashfs $(B)/test/corrupt.squashfs -o $@

VM_ARTIFACTS += $(B)/vmlinuz $(B)/initrd.img $(B)/test/liveinit-corrupt.iso

unit: $(DEPS_STAMP) $(UNIT_TESTS)
	prove --exec '' $(UNIT_TESTS)

vm-check: $(DEPS_STAMP) $(VM_ARTIFACTS)
	prove -j2 $(VM_TESTS)

check: $(DEPS_STAMP)
	$(MAKE) unit
	$(MAKE) vm-check

.PHONY: unit vm-check check
