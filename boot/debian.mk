# boot/debian.mk: a real systemd live system (Debian bookworm) booted by
# liveinit's initramfs, with persistence. Included by the top Makefile after
# boot/build.mk and mkinitramfs/build.mk (it uses DEPS_STAMP, MKINITRAMFS,
# INITRD_CONFIG, INITRD_INPUTS, INITRD_OPTIONS).
#
#   make debian-iso   $(B)/debian/liveinit-debian.iso: the root made by
#                     boot/mkrootfs-debian (debootstrap, cached in
#                     $(B)/debian/base/), its own kernel, and an initramfs made
#                     by mkinitramfs from that root's modules
#   make run-debian   boots it in QEMU, serial console here (root is logged in
#                     on ttyS0); the "persistence" menu entry keeps the changes
#                     on $(B)/debian/persistence.img (its own volume: the demo
#                     root's changes in $(B)/persistence.img would not fit a
#                     Debian root), made once, 512 MiB; make clean removes it
#
# Needs debootstrap on the host (apt-get install debootstrap) and root.
# tests/vm/60-debian.t boots it twice with persistence.
DEBIAN_DIR := $(B)/debian
DEBIAN_ROOTFS_FILES := $(shell find boot/rootfs-debian ! -type d 2>/dev/null)

# The root, its image, its kernel and its KVER, in one run of the script (which
# reuses $(DEBIAN_DIR)/base/ while its inputs are the same).
$(DEBIAN_DIR)/filesystem.squashfs: boot/mkrootfs-debian boot/live-commit $(DEBIAN_ROOTFS_FILES) $(B)/kernel/KVER | $(DEPS_STAMP)
	@mkdir -p $(@D)
	B=$(B) boot/mkrootfs-debian

# Made by the rule above; their dates change only when their content does (KVER:
# also when the base root was remade), so a change to boot/rootfs-debian/ alone
# does not remake the initramfs.
$(DEBIAN_DIR)/vmlinuz $(DEBIAN_DIR)/KVER: $(DEBIAN_DIR)/filesystem.squashfs
	@test -s $@

# Our initramfs, with the modules of the root's own kernel (indexed by the
# kernel package's depmod in the root).
$(DEBIAN_DIR)/initrd.img: $(DEBIAN_DIR)/KVER $(B)/init/init $(MKINITRAMFS) $(INITRD_INPUTS)
	$(MKINITRAMFS) -o $@ --config $(INITRD_CONFIG) --cache-dir $(INITRD_CACHE) --kernel-tree $(DEBIAN_DIR)/rootfs \
		--kver "$$(cat $(DEBIAN_DIR)/KVER)" --init $(B)/init/init $(INITRD_OPTIONS)

DEBIAN_ISO_INPUTS := boot/mkiso $(wildcard configs/isolinux/*) $(DEBIAN_DIR)/vmlinuz \
	$(DEBIAN_DIR)/initrd.img $(DEBIAN_DIR)/filesystem.squashfs
$(DEBIAN_DIR)/liveinit-debian.iso: $(DEBIAN_ISO_INPUTS) | $(DEPS_STAMP)
	B=$(B) boot/mkiso --title "liveinit Debian bookworm live system" \
		--kernel $(DEBIAN_DIR)/vmlinuz --initrd $(DEBIAN_DIR)/initrd.img \
		--squashfs $(DEBIAN_DIR)/filesystem.squashfs -o $@

debian-iso: $(DEBIAN_DIR)/liveinit-debian.iso

DEBIAN_PERSISTENCE_IMG := $(DEBIAN_DIR)/persistence.img
$(DEBIAN_PERSISTENCE_IMG): | boot/mkpersist $(DEPS_STAMP)
	@mkdir -p $(@D)
	boot/mkpersist disk $@ --size 512M --conf '/ union'

run-debian: $(DEBIAN_DIR)/liveinit-debian.iso | $(DEBIAN_PERSISTENCE_IMG)
	boot/qemu-run --iso $(DEBIAN_DIR)/liveinit-debian.iso --disk $(DEBIAN_PERSISTENCE_IMG):virtio:rw \
		--interactive --log $(DEBIAN_DIR)/run.log

# tests/vm/60-debian.t boots the ISO (kernel and initramfs given directly) with
# a copy of persist-root.img.
VM_ARTIFACTS += $(DEBIAN_DIR)/liveinit-debian.iso $(DEBIAN_DIR)/vmlinuz $(DEBIAN_DIR)/initrd.img \
	$(B)/test/persist/.stamp

.PHONY: debian-iso run-debian
