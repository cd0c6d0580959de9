# init/build.mk: /init, static against musl. Pure files are also compiled for the host tests.
INIT_SRCS := $(sort $(wildcard init/*.c))
$(B)/init/init: $(INIT_SRCS) $(wildcard init/*.h) | $(DEPS_STAMP)
	@mkdir -p $(@D)
	$(MUSL_CC) $(INIT_CFLAGS) -o $@ $(INIT_SRCS)
