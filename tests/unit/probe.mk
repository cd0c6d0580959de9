# tests/unit/probe.mk: test_probe, the unit test of init/probe.c, and the
# file-system images it reads (tests/unit/mkfixtures-probe).
UNIT_TESTS += $(B)/host/test_probe

PROBE_FIXTURE_DIR := $(B)/test/probe-fixtures
PROBE_FIXTURES_STAMP := $(PROBE_FIXTURE_DIR)/.stamp
# prove runs test binaries without arguments: test_probe finds them here.
export PROBE_FIXTURES = $(abspath $(PROBE_FIXTURE_DIR))
# Sanitizers catch a read past len on every `make unit`. Empty it for a
# valgrind run: make PROBE_TEST_SANITIZE= $(B)/host/test_probe
PROBE_TEST_SANITIZE ?= -fsanitize=address,undefined -fno-sanitize-recover=all

# Needs the image tools of configs/host-packages, hence the deps stamp.
$(PROBE_FIXTURES_STAMP): tests/unit/mkfixtures-probe | $(DEPS_STAMP)
	tests/unit/mkfixtures-probe $(@D)
	@touch $@

# The fixtures are order-only: a new image set does not need a relink, but
# it must exist before prove runs the binary.
$(B)/host/test_probe: tests/unit/test_probe.c init/probe.c init/probe.h tests/tap.h \
		| $(PROBE_FIXTURES_STAMP)
	@mkdir -p $(@D)
	$(HOST_CC) $(HOST_CFLAGS) $(PROBE_TEST_SANITIZE) -Iinit -Itests -o $@ \
		tests/unit/test_probe.c init/probe.c

probe-fixtures: $(PROBE_FIXTURES_STAMP)
.PHONY: probe-fixtures
