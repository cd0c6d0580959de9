# programs/build.mk: the programs of the initramfs besides /init, built static
# against musl from Debian's own source packages (programs/fetch-source):
#
#   $(B)/programs/busybox   the emergency shell and the runtime hooks' tools:
#                           only the applets of programs/busybox.config
#                           (hooks/build/10-busybox links them), about 0.5 MB
#                           against busybox-static's 2 MB
#   $(B)/programs/e2fsck    e2fsck of e2fsprogs, which /init runs on a
#                           persistence volume before mounting it: about 0.6 MB
#                           against e2fsck-static's 1.9 MB
#
# busybox's version line carries the date of its Debian release
# (programs/configure-busybox), not the build's. configs/mkinitramfs.conf
# names both (BUSYBOX, E2FSCK). They are built once (about 40 s together on
# 2 cores) and kept; the unpacked sources are under $(B)/programs/src/.
BUSYBOX_DEB_VERSION := 1:1.35.0-4+deb12u1
E2FSPROGS_DEB_VERSION := 1.47.0-2
PROGRAMS_DIR := $(B)/programs
PROGRAMS := $(PROGRAMS_DIR)/busybox $(PROGRAMS_DIR)/e2fsck
PROGRAMS_CC := $(MUSL_CC) -isystem $(abspath $(MUSL_KERNEL_HEADERS))
# Their builds are quiet unless they fail: then the log's end is shown.
PROGRAMS_JOBS ?= $(shell nproc)
quiet_log = >$(1) 2>&1 || { tail -n 40 $(1); exit 1; }

$(PROGRAMS_DIR)/busybox: programs/busybox.config programs/configure-busybox programs/fetch-source \
		programs/build.mk $(MUSL_KERNEL_HEADERS)/.stamp | $(DEPS_STAMP)
	B=$(B) programs/fetch-source busybox $(BUSYBOX_DEB_VERSION) $(PROGRAMS_DIR)/src/busybox
	programs/configure-busybox $(PROGRAMS_DIR)/src/busybox programs/busybox.config
	$(MAKE) -j$(PROGRAMS_JOBS) -C $(PROGRAMS_DIR)/src/busybox CC="$(PROGRAMS_CC)" HOSTCC=gcc busybox \
		$(call quiet_log,$(PROGRAMS_DIR)/busybox.log)
	cp $(PROGRAMS_DIR)/src/busybox/busybox $@

# e2fsprogs' own libraries (ext2fs, e2p, com_err, blkid, uuid) are linked in;
# no NLS, no shared libraries, only e2fsck.
E2FSPROGS_CONFIGURE := --disable-nls --disable-elf-shlibs --disable-bsd-shlibs --disable-fuse2fs \
	--disable-defrag --disable-imager --disable-resizer --disable-debugfs --disable-e2initrd-helper \
	--disable-uuidd --disable-tdb --enable-libuuid --enable-libblkid --without-libarchive

$(PROGRAMS_DIR)/e2fsck: programs/fetch-source programs/build.mk $(MUSL_KERNEL_HEADERS)/.stamp | $(DEPS_STAMP)
	B=$(B) programs/fetch-source e2fsprogs $(E2FSPROGS_DEB_VERSION) $(PROGRAMS_DIR)/src/e2fsprogs
	cd $(PROGRAMS_DIR)/src/e2fsprogs && CC="$(PROGRAMS_CC)" CFLAGS=-Os LDFLAGS=-static \
		./configure $(E2FSPROGS_CONFIGURE) $(call quiet_log,configure.log)
	$(MAKE) -j$(PROGRAMS_JOBS) -C $(PROGRAMS_DIR)/src/e2fsprogs libs $(call quiet_log,$(PROGRAMS_DIR)/e2fsck.log)
	$(MAKE) -j$(PROGRAMS_JOBS) -C $(PROGRAMS_DIR)/src/e2fsprogs/e2fsck e2fsck.static \
		$(call quiet_log,$(PROGRAMS_DIR)/e2fsck.log)
	strip -o $@ $(PROGRAMS_DIR)/src/e2fsprogs/e2fsck/e2fsck.static

programs: $(PROGRAMS)
.PHONY: programs
