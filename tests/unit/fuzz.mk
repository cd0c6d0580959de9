# tests/unit/fuzz.mk: libFuzzer targets for the code that parses untrusted
# bytes, `make fuzz` to run them, and a short smoke run inside `make unit`.
#
# To add a fuzzer NAME: write tests/fuzz/fuzz_NAME.c (LLVMFuzzerTestOneInput)
# and add `FUZZ_TARGETS += NAME` below (here, before the rules that list the
# binaries). The pattern rule links it with init/NAME.c; a fuzzer needing
# more sources names them in a recipe-less rule, e.g.
#   $(FUZZ_DIR)/fuzz_NAME: init/other.c
# Seeds are optional: a rule making $(FUZZ_SEED_DIR)/NAME/.stamp (files in
# that directory), listed in FUZZ_SEEDS.
FUZZ_TARGETS += probe cmdline uevent_parse moddb persistconf elf fmt

FUZZ_CC ?= clang
FUZZ_CFLAGS ?= $(CWARN) -O1 -g -fsanitize=fuzzer,address,undefined \
	-fno-sanitize-recover=all
FUZZ_SECONDS ?= 60
FUZZ_DIR := $(B)/fuzz
FUZZ_SEED_DIR := $(FUZZ_DIR)/seeds
FUZZ_BINS = $(FUZZ_TARGETS:%=$(FUZZ_DIR)/fuzz_%)

# tests/unit/fuzz-smoke.t reads these (recursive: every target is known by
# the time a recipe runs).
export LIVEINIT_FUZZ_DIR = $(abspath $(FUZZ_DIR))
export LIVEINIT_FUZZ_TARGETS = $(FUZZ_TARGETS)
export LIVEINIT_FUZZ_WORK = $(abspath $(B)/test/fuzz)

# Links every .c prerequisite: the pattern's two plus any added as above.
$(FUZZ_DIR)/fuzz_%: tests/fuzz/fuzz_%.c init/%.c $(wildcard init/*.h) | $(DEPS_STAMP)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -Iinit -o $@ $(filter %.c,$^)

# probe: the fixture images (already cut to the 64 KiB a probe reads).
FUZZ_SEEDS += $(FUZZ_SEED_DIR)/probe/.stamp
$(FUZZ_SEED_DIR)/probe/.stamp: $(B)/test/probe-fixtures/.stamp
	rm -rf $(@D) && mkdir -p $(@D)
	for f in $(<D)/*.img; do head -c 65536 "$$f" >$(@D)/$${f##*/}; done
	@touch $@

fuzz-build: $(FUZZ_BINS) $(FUZZ_SEEDS)

# Long runs keep their corpus in $(FUZZ_DIR)/corpus/NAME between runs.
fuzz: fuzz-build
	LIVEINIT_FUZZ_SECONDS=$(FUZZ_SECONDS) \
	LIVEINIT_FUZZ_CORPUS=$(abspath $(FUZZ_DIR)/corpus) \
		tests/unit/fuzz-smoke.t

# The smoke run is a unit test: 10 s per fuzzer, seeds only, scratch corpus.
UNIT_TESTS += tests/unit/fuzz-smoke.t
tests/unit/fuzz-smoke.t: $(FUZZ_BINS) $(FUZZ_SEEDS)

.PHONY: fuzz fuzz-build

# moddb matches aliases with init/glob.c
$(FUZZ_DIR)/fuzz_moddb: init/glob.c

# cmdline and persistconf format their messages with init/fmt.c
$(FUZZ_DIR)/fuzz_cmdline: init/fmt.c
$(FUZZ_DIR)/fuzz_persistconf: init/fmt.c

# elf: mkinitramfs/elf.c (there is no init/elf.c, so the pattern rule cannot apply).
FUZZ_SEEDS += $(FUZZ_SEED_DIR)/elf/.stamp
$(FUZZ_DIR)/fuzz_elf: tests/fuzz/fuzz_elf.c mkinitramfs/elf.c mkinitramfs/elf.h | $(DEPS_STAMP)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -Imkinitramfs -o $@ $(filter %.c,$^)

# elf seeds: small programs made here (dynamic with a RUNPATH, a library, static).
$(FUZZ_SEED_DIR)/elf/.stamp: | $(DEPS_STAMP)
	rm -rf $(@D) && mkdir -p $(@D)
	printf 'int main(void) { return 0; }\n' >$(@D)/main.c
	printf 'void _start(void) { for (;;); }\n' >$(@D)/start.c
	$(HOST_CC) -s -Wl,--enable-new-dtags,-rpath,'$$ORIGIN/../lib' -o $(@D)/dynamic $(@D)/main.c
	$(HOST_CC) -s -shared -fPIC -Wl,-soname,libseed.so.1 -o $(@D)/library.so $(@D)/main.c
	$(HOST_CC) -s -static -nostdlib -o $(@D)/static $(@D)/start.c
	rm $(@D)/main.c $(@D)/start.c
	@touch $@
