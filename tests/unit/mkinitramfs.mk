# tests/unit/mkinitramfs.mk: unit tests of the initramfs generator.
#   test_cpio       the newc writer, checked byte by byte and through GNU cpio
#   test_manifest   the entry list and its text form
#   test_modset     configs -> module set -> indexes -> image layout, on a made-up kernel tree
#   test_elfdeps    --add-binary: the ELF parser, the library closure, links into the manifest
#   mkinitramfs-list.t   `mkinitramfs --list` for the live set against tests/unit/golden/live.list
#   mkinitramfs-repro.t  the same inputs give the same image bytes; the image unpacks
#   mkinitramfs-chroot.t e2fsck runs chrooted in the unpacked image (root only)
# The scripts need the kernel (its stamp is a prerequisite, so they never
# skip in make unit) and read the paths exported here.
UNIT_TESTS += $(B)/host/test_cpio $(B)/host/test_manifest $(B)/host/test_modset \
	tests/unit/mkinitramfs-list.t tests/unit/mkinitramfs-repro.t
UNIT_TESTS += $(B)/host/test_elfdeps tests/unit/mkinitramfs-chroot.t
export LIVEINIT_MKINITRAMFS = $(abspath $(MKINITRAMFS))
export LIVEINIT_KERNEL_TREE = $(abspath $(B)/kernel)
export LIVEINIT_TEST_DIR = $(abspath $(B)/test)

MKINITRAMFS_TEST_CFLAGS = $(HOST_CFLAGS) -fsanitize=address,undefined -fno-sanitize-recover=all \
	-Imkinitramfs -Iinit -Itests

$(B)/host/test_cpio: tests/unit/test_cpio.c mkinitramfs/cpio.c mkinitramfs/cpio.h tests/tap.h \
		| $(DEPS_STAMP)
	@mkdir -p $(@D)
	$(HOST_CC) $(MKINITRAMFS_TEST_CFLAGS) -o $@ tests/unit/test_cpio.c mkinitramfs/cpio.c

$(B)/host/test_manifest: tests/unit/test_manifest.c mkinitramfs/manifest.c mkinitramfs/cpio.c \
		$(MKINITRAMFS_HDRS) tests/tap.h | $(DEPS_STAMP)
	@mkdir -p $(@D)
	$(HOST_CC) $(MKINITRAMFS_TEST_CFLAGS) -o $@ tests/unit/test_manifest.c \
		mkinitramfs/manifest.c mkinitramfs/cpio.c

TEST_MODSET_SRCS := $(addprefix mkinitramfs/,modset.c modindex.c image.c manifest.c cpio.c fileio.c \
	bindeps.c elf.c hostfile.c pathname.c) \
	init/moddb.c init/glob.c
$(B)/host/test_modset: tests/unit/test_modset.c $(TEST_MODSET_SRCS) $(MKINITRAMFS_HDRS) tests/tap.h \
		| $(DEPS_STAMP)
	@mkdir -p $(@D)
	$(HOST_CC) $(MKINITRAMFS_TEST_CFLAGS) -o $@ tests/unit/test_modset.c $(TEST_MODSET_SRCS)

TEST_ELFDEPS_SRCS := $(addprefix mkinitramfs/,elf.c bindeps.c hostfile.c pathname.c manifest.c \
	cpio.c fileio.c)
$(B)/host/test_elfdeps: tests/unit/test_elfdeps.c $(TEST_ELFDEPS_SRCS) $(MKINITRAMFS_HDRS) tests/tap.h \
		| $(DEPS_STAMP)
	@mkdir -p $(@D)
	$(HOST_CC) $(MKINITRAMFS_TEST_CFLAGS) -o $@ tests/unit/test_elfdeps.c $(TEST_ELFDEPS_SRCS)

tests/unit/mkinitramfs-list.t tests/unit/mkinitramfs-repro.t tests/unit/mkinitramfs-chroot.t: \
		$(MKINITRAMFS) $(B)/kernel/KVER
