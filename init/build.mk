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

$(B)/init/init: $(INIT_SRCS) $(INIT_HDRS) $(MUSL_KERNEL_HEADERS)/.stamp
	@mkdir -p $(@D)
	$(MUSL_CC) $(INIT_CFLAGS) -isystem $(MUSL_KERNEL_HEADERS) -o $@ $(INIT_SRCS)
	@size=$$(stat -c %s $@); echo "init: $$size bytes"; \
	  if [ $$size -gt 102400 ]; then echo "init is over 100 KiB" >&2; rm -f $@; exit 1; fi
