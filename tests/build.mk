# tests/build.mk: unit tests (host, TAP binaries) and VM scenarios (TAP scripts).
# Each unit test registers itself in a fragment tests/unit/*.mk:
#   UNIT_TESTS += $(B)/host/test_NAME     (a binary printing TAP)
# and its own build rule. They are run with prove --exec ''.
include $(wildcard tests/unit/*.mk)

UNIT_TESTS ?=
VM_TESTS := $(sort $(wildcard tests/vm/*.t))

unit: $(DEPS_STAMP) $(UNIT_TESTS)
	prove --exec '' $(UNIT_TESTS)

vm-check: $(DEPS_STAMP) $(VM_ARTIFACTS)
	prove -j2 $(VM_TESTS)

check: $(DEPS_STAMP)
	$(MAKE) unit
	$(MAKE) vm-check

.PHONY: unit vm-check check
