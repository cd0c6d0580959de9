/* tests/fuzz/fuzz_cmdline.c: libFuzzer target for init/cmdline.c.
 * The command line is typed by a person or a boot menu: any bytes must parse
 * without reading past the input, and every accepted value must keep the
 * promises /init relies on (NUL-terminated, absolute paths, sane timeout). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cmdline.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int terminated(const char *s, size_t n)
{
	return memchr(s, '\0', n) != NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct live_options o;

	cmdline_defaults(&o);
	cmdline_parse(&o, (const char *)data, size);
	if (!terminated(o.media, sizeof(o.media)) || !terminated(o.media_path, sizeof(o.media_path)) ||
	    !terminated(o.init, sizeof(o.init)) || !terminated(o.overlay_size, sizeof(o.overlay_size)) ||
	    !terminated(o.break_stage, sizeof(o.break_stage)))
		abort();
	if (o.media_path[0] != '/' || (o.init[0] && o.init[0] != '/'))
		abort();
	if (o.media_timeout_s < 1 || o.media_timeout_s > 3600 || o.nwarnings > CMDLINE_MAX_WARNINGS)
		abort();
	return 0;
}
