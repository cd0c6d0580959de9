# tests/unit/init.mk: host unit tests of /init's pure code.
UNIT_TESTS += $(B)/host/test_cmdline $(B)/host/test_init_pure

$(B)/host/test_cmdline: tests/unit/test_cmdline.c init/cmdline.c init/fmt.c init/cmdline.h init/fmt.h tests/tap.h
	@mkdir -p $(@D)
	$(HOST_CC) $(HOST_CFLAGS) -fsanitize=address,undefined -o $@ tests/unit/test_cmdline.c init/cmdline.c init/fmt.c

$(B)/host/test_init_pure: tests/unit/test_init_pure.c init/medium_select.c init/uevent_parse.c init/modparams.c \
		init/*.h tests/tap.h
	@mkdir -p $(@D)
	$(HOST_CC) $(HOST_CFLAGS) -fsanitize=address,undefined -o $@ tests/unit/test_init_pure.c \
		init/medium_select.c init/uevent_parse.c init/modparams.c

UNIT_TESTS += $(B)/host/test_glob
# Against the real kernel's modules.alias: the kernel stamp comes first.
$(B)/host/test_glob: tests/unit/test_glob.c init/glob.c init/glob.h tests/tap.h | $(B)/kernel/KVER
	@mkdir -p $(@D)
	$(HOST_CC) $(HOST_CFLAGS) -fsanitize=address,undefined -o $@ tests/unit/test_glob.c init/glob.c

UNIT_TESTS += $(B)/host/test_digest
DIGEST_SRCS := init/blockhash.c init/sha256.c init/md5.c
$(B)/host/test_digest: tests/unit/test_digest.c $(DIGEST_SRCS) init/blockhash.h tests/tap.h
	@mkdir -p $(@D) $(B)/test
	$(HOST_CC) $(HOST_CFLAGS) -fsanitize=address,undefined -o $@ tests/unit/test_digest.c $(DIGEST_SRCS)

UNIT_TESTS += $(B)/host/test_layer_names
$(B)/host/test_layer_names: tests/unit/test_layer_names.c init/layer_names.c init/layer_names.h init/config.h tests/tap.h
	@mkdir -p $(@D)
	$(HOST_CC) $(HOST_CFLAGS) -fsanitize=address,undefined -o $@ tests/unit/test_layer_names.c init/layer_names.c

UNIT_TESTS += $(B)/host/test_wait_child
$(B)/host/test_wait_child: tests/unit/test_wait_child.c init/util.c init/util.h init/fmt.c init/fmt.h tests/tap.h
	@mkdir -p $(@D)
	$(HOST_CC) $(HOST_CFLAGS) -fsanitize=address,undefined -o $@ tests/unit/test_wait_child.c init/util.c init/fmt.c
