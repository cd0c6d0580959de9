# init/build.mk: /init, static against musl. musl's include path has no kernel
# headers, so the ones linux-libc-dev installs are linked in beside it.
INIT_SRCS := $(sort $(wildcard init/*.c))
INIT_HDRS := $(wildcard init/*.h)
MUSL_KERNEL_HEADERS := $(B)/musl-include

$(MUSL_KERNEL_HEADERS)/.stamp: | $(DEPS_STAMP)
	@mkdir -p $(@D)
	ln -sfn /usr/include/linux $(@D)/linux
	ln -sfn /usr/include/asm-generic $(@D)/asm-generic
	ln -sfn /usr/include/$(shell gcc -dumpmachine)/asm $(@D)/asm
	@touch $@

# /init formats with init/fmt.c: musl's printf engine (vfprintf.lo: printf_core,
# fmt_fp) would cost about 8 KiB, so a link that keeps any of it is refused
# (the link map's memory map lists every input section kept).
# The size budget: /init is read by the kernel from every initramfs.
INIT_MAX_BYTES ?= 102400

$(B)/init/init: $(INIT_SRCS) $(INIT_HDRS) $(MUSL_KERNEL_HEADERS)/.stamp
	@mkdir -p $(@D)
	$(MUSL_CC) $(INIT_CFLAGS) -isystem $(MUSL_KERNEL_HEADERS) -Wl,-Map,$@.map -o $@ $(INIT_SRCS)
	@if sed -n '/^Linker script and memory map/,$$p' $@.map | grep -q 'libc\.a(vfprintf\.lo)'; then \
	  echo "init links musl's vfprintf: format with init/fmt.h (see $@.map)" >&2; rm -f $@; exit 1; fi
	@size=$$(stat -c %s $@); echo "init: $$size bytes"; \
	  if [ $$size -gt $(INIT_MAX_BYTES) ]; then echo "init is over its budget of $(INIT_MAX_BYTES) bytes" >&2; rm -f $@; exit 1; fi
