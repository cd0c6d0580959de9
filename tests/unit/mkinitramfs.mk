# tests/unit/mkinitramfs.mk: unit tests of the initramfs generator.
#   test_cpio       the newc writer, checked byte by byte and through GNU cpio; segments
#   test_segcache   the cache of compressed segments: keys, store, lookup, damaged entries
#   test_manifest   the entry list and its text form
#   test_modset     configs -> module set -> indexes -> image layout, on a made-up kernel tree
#   test_elfdeps    --add-binary: the ELF parser, the library closure, links into the manifest
#   test_conffile   the configuration file: each key, bad lines named by number
#   test_directive  the lines build hooks print
#   test_modinfo    firmware names from a module's .modinfo section (ELF section headers)
#   test_hostscan   the `dep` set's view of the machine, dir: and host: selectors
#   mkinitramfs-list.t     `mkinitramfs --list` for the live, most and dep (made-up sysfs)
#                          sets against tests/unit/golden/{live,most,dep}.list
#   mkinitramfs-repro.t    the same inputs give the same image bytes; the image unpacks
#   mkinitramfs-cache.t    cold, warm and --no-cache images byte-identical; hits, misses,
#                          a damaged entry, another compressor
#   mkinitramfs-config.t   the configuration file through the program: each key, a bad line
#   mkinitramfs-hooks.t    build hooks: each directive, order, overrides, errors named
#   mkinitramfs-firmware.t a made-up kernel tree: depmod -b, usr/lib/modules, firmware
#   mkinitramfs-chroot.t   e2fsck runs chrooted in the unpacked image (root only)
# The scripts need the kernel (its stamp is a prerequisite, so they never
# skip in make unit) and read the paths exported here.
UNIT_TESTS += $(B)/host/test_cpio $(B)/host/test_manifest $(B)/host/test_modset \
	tests/unit/mkinitramfs-list.t tests/unit/mkinitramfs-repro.t
UNIT_TESTS += $(B)/host/test_elfdeps tests/unit/mkinitramfs-chroot.t
UNIT_TESTS += $(B)/host/test_conffile $(B)/host/test_directive $(B)/host/test_modinfo \
	$(B)/host/test_hostscan tests/unit/mkinitramfs-config.t tests/unit/mkinitramfs-hooks.t \
	tests/unit/mkinitramfs-firmware.t
UNIT_TESTS += $(B)/host/test_segcache tests/unit/mkinitramfs-cache.t
export LIVEINIT_MKINITRAMFS = $(abspath $(MKINITRAMFS))
export LIVEINIT_KERNEL_TREE = $(abspath $(B)/kernel)
export LIVEINIT_TEST_DIR = $(abspath $(B)/test)
export LIVEINIT_PROGRAMS_DIR = $(abspath $(PROGRAMS_DIR))

MKINITRAMFS_TEST_CFLAGS = $(HOST_CFLAGS) -fsanitize=address,undefined -fno-sanitize-recover=all \
	-Imkinitramfs -Iinit -Itests

# test_NAME from tests/unit/test_NAME.c and the sources in TEST_NAME_SRCS.
define mkinitramfs_unit_test
$(B)/host/test_$(1): tests/unit/test_$(1).c $$(TEST_$(2)_SRCS) $$(MKINITRAMFS_HDRS) tests/tap.h \
		| $$(DEPS_STAMP)
	@mkdir -p $$(@D)
	$$(HOST_CC) $$(MKINITRAMFS_TEST_CFLAGS) -o $$@ tests/unit/test_$(1).c $$(TEST_$(2)_SRCS)
endef

TEST_CPIO_SRCS := mkinitramfs/cpio.c
TEST_MANIFEST_SRCS := mkinitramfs/manifest.c mkinitramfs/cpio.c
TEST_MODSET_SRCS := $(addprefix mkinitramfs/,modset.c modselect.c hostscan.c strlist.c modindex.c \
	image.c manifest.c cpio.c fileio.c bindeps.c elf.c hostfile.c pathname.c) \
	init/moddb.c init/glob.c
TEST_ELFDEPS_SRCS := $(addprefix mkinitramfs/,elf.c bindeps.c hostfile.c pathname.c manifest.c \
	cpio.c fileio.c)
TEST_CONFFILE_SRCS := $(addprefix mkinitramfs/,conffile.c strlist.c compress.c manifest.c cpio.c)
TEST_DIRECTIVE_SRCS := $(addprefix mkinitramfs/,directive.c manifest.c cpio.c)
TEST_MODINFO_SRCS := $(addprefix mkinitramfs/,modinfo.c elf.c strlist.c fileio.c)
TEST_SEGCACHE_SRCS := mkinitramfs/segcache.c mkinitramfs/fileio.c init/blockhash.c init/sha256.c
TEST_HOSTSCAN_SRCS := $(addprefix mkinitramfs/,hostscan.c modselect.c strlist.c fileio.c) \
	init/moddb.c init/glob.c

$(eval $(call mkinitramfs_unit_test,cpio,CPIO))
$(eval $(call mkinitramfs_unit_test,manifest,MANIFEST))
$(eval $(call mkinitramfs_unit_test,modset,MODSET))
$(eval $(call mkinitramfs_unit_test,elfdeps,ELFDEPS))
$(eval $(call mkinitramfs_unit_test,conffile,CONFFILE))
$(eval $(call mkinitramfs_unit_test,directive,DIRECTIVE))
$(eval $(call mkinitramfs_unit_test,modinfo,MODINFO))
$(eval $(call mkinitramfs_unit_test,hostscan,HOSTSCAN))
$(eval $(call mkinitramfs_unit_test,segcache,SEGCACHE))

MKINITRAMFS_SCRIPT_TESTS := $(addprefix tests/unit/mkinitramfs-,list.t repro.t chroot.t config.t \
	hooks.t firmware.t cache.t)
$(MKINITRAMFS_SCRIPT_TESTS): $(MKINITRAMFS) $(B)/kernel/KVER $(PROGRAMS)
