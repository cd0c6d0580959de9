# tests/unit/verity.mk: test_verity, the unit test of init/verity_sb.c (the
# dm-verity superblock of an untrusted medium, the target's table line),
# against a real hash tree that veritysetup (package cryptsetup-bin) makes here.
UNIT_TESTS += $(B)/host/test_verity

VERITY_FIXTURE := $(B)/test/verity-unit
VERITY_SALT := 00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff

$(VERITY_FIXTURE).verity: | $(DEPS_STAMP)
	@mkdir -p $(@D)
	yes liveinit | head -c $$((40 * 4096)) >$(VERITY_FIXTURE).data
	veritysetup format --format=1 --hash=sha256 --data-block-size=4096 --hash-block-size=4096 \
		--salt=$(VERITY_SALT) --uuid=01234567-89ab-cdef-0123-456789abcdef \
		$(VERITY_FIXTURE).data $@.tmp | sed -n 's/^Root hash:[[:space:]]*//p' >$(VERITY_FIXTURE).roothash
	mv $@.tmp $@

$(B)/host/test_verity: tests/unit/test_verity.c init/verity_sb.c init/fmt.c init/verity.h init/fmt.h tests/tap.h $(VERITY_FIXTURE).verity
	@mkdir -p $(@D)
	$(HOST_CC) $(HOST_CFLAGS) -fsanitize=address,undefined -fno-sanitize-recover=all \
		-DVERITY_FIXTURE='"$(VERITY_FIXTURE)"' -o $@ tests/unit/test_verity.c init/verity_sb.c init/fmt.c
