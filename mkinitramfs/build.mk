# mkinitramfs/build.mk: the initramfs generator (a host program) and the image it makes.
#
#   make build/host/mkinitramfs    the generator (see mkinitramfs --help)
#   make build/initrd.img          the image configs/mkinitramfs.conf describes: /init,
#                                  the live module set, busybox and e2fsck (build hooks;
#                                  programs/build.mk builds both)
#
# INITRD_CONFIG (the configuration file), INITRD_OPTIONS (more options, which
# override it: INITRD_OPTIONS='--modules most --compress xz') and INITRD_CACHE
# (the cache of compressed segments) may be set on the command line. VERSION_ID of /etc/initrd-release comes from `git describe`;
# every mtime from SOURCE_DATE_EPOCH (exported by the Makefile).
#
# The generator's built-in paths (default configuration, module sets, hook
# directory) are this source tree's; a distribution builds it with its own:
#   make build/host/mkinitramfs MKINITRAMFS_CONFIG=/etc/liveinit/mkinitramfs.conf \
#       MKINITRAMFS_MODULES_DIR=/etc/liveinit/modules MKINITRAMFS_HOOKS_DIR=/usr/share/liveinit/hooks/build
MKINITRAMFS := $(B)/host/mkinitramfs
MKINITRAMFS_SRCS := $(sort $(wildcard mkinitramfs/*.c)) init/moddb.c init/glob.c init/blockhash.c \
	init/sha256.c
MKINITRAMFS_HDRS := $(sort $(wildcard mkinitramfs/*.h)) init/moddb.h init/glob.h init/blockhash.h
MKINITRAMFS_CONFIG ?= $(abspath configs/mkinitramfs.conf)
MKINITRAMFS_MODULES_DIR ?= $(abspath configs/modules)
MKINITRAMFS_HOOKS_DIR ?= $(abspath hooks/build)
MKINITRAMFS_PATHS = -DMKINITRAMFS_CONFIG='"$(MKINITRAMFS_CONFIG)"' \
	-DMKINITRAMFS_MODULES_DIR='"$(MKINITRAMFS_MODULES_DIR)"' \
	-DMKINITRAMFS_HOOKS_DIR='"$(MKINITRAMFS_HOOKS_DIR)"'

INITRD_CONFIG ?= configs/mkinitramfs.conf
INITRD_OPTIONS ?=
# Compressed segments kept for the next build (mkinitramfs --cache-dir); `make
# clean` removes them with the rest of build/.
INITRD_CACHE ?= $(B)/cache/initramfs
# What the configuration may name: a change to any of them rebuilds the image.
INITRD_INPUTS = $(INITRD_CONFIG) $(wildcard configs/modules/*.conf) $(wildcard hooks/build/*) \
	$(PROGRAMS)

$(MKINITRAMFS): $(MKINITRAMFS_SRCS) $(MKINITRAMFS_HDRS) mkinitramfs/build.mk | $(DEPS_STAMP)
	@mkdir -p $(@D)
	$(HOST_CC) $(HOST_CFLAGS) $(MKINITRAMFS_PATHS) -Iinit -o $@ $(MKINITRAMFS_SRCS)

# The kernel release is read when the recipe runs: the stamp may be new.
$(B)/initrd.img: $(B)/init/init $(MKINITRAMFS) $(INITRD_INPUTS) $(B)/kernel/KVER
	$(MKINITRAMFS) -o $@ --config $(INITRD_CONFIG) --kernel-tree $(B)/kernel \
		--kver "$$(cat $(B)/kernel/KVER)" --init $(B)/init/init --cache-dir $(INITRD_CACHE) \
		$(INITRD_OPTIONS)
