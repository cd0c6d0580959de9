# mkinitramfs/build.mk: the initramfs generator (a host program) and the image it makes.
#
#   make build/host/mkinitramfs    the generator (see mkinitramfs --help)
#   make build/initrd.img          /init, the live module set, busybox, e2fsck: zstd-compressed
#
# INITRD_MODULES (the module configs), INITRD_COMPRESS, INITRD_BUSYBOX and
# INITRD_BINARIES (host programs added with their interpreter and libraries,
# --add-binary: /init checks an ext4 persistence volume with e2fsck) may be
# overridden on the command line. VERSION_ID of /etc/initrd-release comes from
# `git describe`; every mtime from SOURCE_DATE_EPOCH (exported by the Makefile).
MKINITRAMFS := $(B)/host/mkinitramfs
MKINITRAMFS_SRCS := $(sort $(wildcard mkinitramfs/*.c)) init/moddb.c init/glob.c
MKINITRAMFS_HDRS := $(sort $(wildcard mkinitramfs/*.h)) init/moddb.h init/glob.h

INITRD_MODULES ?= configs/modules/live.conf
INITRD_COMPRESS ?= zstd
INITRD_BUSYBOX ?= /bin/busybox
# e2fsck-static's build: the same e2fsck in 1.8 MB instead of 3.4 MB with its libraries
INITRD_BINARIES ?= /sbin/e2fsck.static:/sbin/e2fsck
INITRD_BINARY_SOURCES = $(foreach b,$(INITRD_BINARIES),$(firstword $(subst :, ,$(b))))

$(MKINITRAMFS): $(MKINITRAMFS_SRCS) $(MKINITRAMFS_HDRS) | $(DEPS_STAMP)
	@mkdir -p $(@D)
	$(HOST_CC) $(HOST_CFLAGS) -Iinit -o $@ $(MKINITRAMFS_SRCS)

# The kernel release is read when the recipe runs: the stamp may be new.
$(B)/initrd.img: $(B)/init/init $(MKINITRAMFS) $(INITRD_MODULES) $(B)/kernel/KVER $(INITRD_BINARY_SOURCES)
	$(MKINITRAMFS) -o $@ --kernel-tree $(B)/kernel --kver "$$(cat $(B)/kernel/KVER)" \
		$(addprefix --modules ,$(INITRD_MODULES)) --init $(B)/init/init \
		--busybox $(INITRD_BUSYBOX) $(addprefix --add-binary ,$(INITRD_BINARIES)) \
		--compress $(INITRD_COMPRESS)
