# tests/unit/persistconf.mk: test_persistconf, the unit test of
# init/persistconf.c (persistence.conf, live-boot's format).
UNIT_TESTS += $(B)/host/test_persistconf

$(B)/host/test_persistconf: tests/unit/test_persistconf.c init/persistconf.c init/fmt.c init/persistconf.h init/fmt.h tests/tap.h
	@mkdir -p $(@D)
	$(HOST_CC) $(HOST_CFLAGS) -fsanitize=address,undefined -fno-sanitize-recover=all \
		-o $@ tests/unit/test_persistconf.c init/persistconf.c init/fmt.c
