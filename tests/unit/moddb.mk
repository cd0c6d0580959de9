# tests/unit/moddb.mk: test_moddb, the unit test of init/moddb.c. Besides its
# inline indexes it reads the unpacked kernel's (LIVEINIT_KERNEL_TREE, exported
# here): the kernel stamp is order-only so that part never skips in make unit.
UNIT_TESTS += $(B)/host/test_moddb
export LIVEINIT_KERNEL_TREE = $(abspath $(B)/kernel)

$(B)/host/test_moddb: tests/unit/test_moddb.c init/moddb.c init/glob.c init/moddb.h tests/tap.h \
		| $(DEPS_STAMP) $(B)/kernel/KVER
	@mkdir -p $(@D)
	$(HOST_CC) $(HOST_CFLAGS) -fsanitize=address,undefined -fno-sanitize-recover=all \
		-Iinit -Itests -o $@ tests/unit/test_moddb.c init/moddb.c init/glob.c
