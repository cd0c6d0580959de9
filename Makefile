# liveinit: the one entry point. `make run` boots the live ISO in QEMU,
# `make check` builds everything and runs every test.
.DEFAULT_GOAL := all
SHELL := /bin/bash
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 1700000000)

B := build
HOST_CC ?= gcc
MUSL_CC ?= musl-gcc
CWARN := -std=c17 -Wall -Wextra -Werror -D_GNU_SOURCE
HOST_CFLAGS ?= $(CWARN) -O2 -g
INIT_CFLAGS ?= $(CWARN) -Os -static -ffunction-sections -fdata-sections -fno-asynchronous-unwind-tables \
	-Wl,--gc-sections -Wl,-z,noseparate-code -Wl,--build-id=none -s

# The idempotent dependency step: installs what is missing with apt-get, silent otherwise.
DEPS_STAMP := $(B)/.deps-ok
$(DEPS_STAMP): boot/install-deps configs/host-packages
	@boot/install-deps
	@mkdir -p $(B) && touch $@
deps:
	@boot/install-deps

include init/build.mk
include programs/build.mk
include mkinitramfs/build.mk
include boot/build.mk
include boot/debian.mk
include tests/build.mk
include bench/bench.mk

all: $(B)/liveinit.iso

# build/persistence.img is the user's data (make run's persistence volume): kept.
clean:
	find $(B) -mindepth 1 -maxdepth 1 ! -name persistence.img -exec rm -rf {} +

.PHONY: all deps clean
