# tests/unit/fmt.mk: test_fmt, the unit test of init/fmt.c (/init's own
# snprintf), compared with glibc's at every buffer size.
UNIT_TESTS += $(B)/host/test_fmt

$(B)/host/test_fmt: tests/unit/test_fmt.c init/fmt.c init/fmt.h tests/tap.h
	@mkdir -p $(@D)
	$(HOST_CC) $(HOST_CFLAGS) -fsanitize=address,undefined -fno-sanitize-recover=all \
		-o $@ tests/unit/test_fmt.c init/fmt.c
