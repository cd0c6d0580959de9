/* tests/fuzz/fuzz_probe.c: libFuzzer target for init/probe.c.
 *
 * libFuzzer hands over a heap copy of exactly size bytes, so ASan reports
 * any read past len. Beyond "no crash", check the promises of probe.h that a
 * sanitizer cannot see: the return codes, NUL-terminated and printable
 * result fields, and an untouched result on -ENOENT; for exFAT and FAT, the
 * label read from the root directory.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "probe.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool field_is_clean(const char *s, size_t n)
{
	const char *end = memchr(s, '\0', n);

	if (end == NULL)
		return false;
	for (; s < end; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return false;
	return true;
}

/* The label's second read: only for exfat and vfat results, at most
 * PROBE_LABEL_READ_SIZE; the same bytes then serve as the directory (any
 * bytes may be there), and the label stays clean. */
static void check_label_elsewhere(const uint8_t *data, size_t size, struct probe_result *r)
{
	uint64_t offset;
	size_t want = 0;
	int rc = probe_label_location(data, size, r, &offset, &want);

	if (rc != 0 && rc != -ENOENT)
		abort();
	if (rc == 0 && ((strcmp(r->type, "exfat") != 0 && strcmp(r->type, "vfat") != 0) ||
			want == 0 || want > PROBE_LABEL_READ_SIZE))
		abort();
	probe_label_from_dir(data, size, r);
	if (!field_is_clean(r->label, sizeof(r->label)))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct probe_result r, before;
	int rc;

	memset(&r, 0x5a, sizeof(r));
	before = r;
	rc = probe_buffer(data, size, &r);
	if (data == NULL) {
		if (rc != -EINVAL)
			abort();
		return 0;
	}
	if (rc == -ENOENT && memcmp(&r, &before, sizeof(r)) != 0)
		abort(); /* out must stay untouched when nothing matched */
	if (rc != 0 && rc != -ENOENT)
		abort();
	if (rc == 0 && (r.type[0] == '\0' ||
			!field_is_clean(r.type, sizeof(r.type)) ||
			!field_is_clean(r.label, sizeof(r.label)) ||
			!field_is_clean(r.uuid, sizeof(r.uuid))))
		abort();
	if (rc == 0)
		check_label_elsewhere(data, size, &r);
	return 0;
}
