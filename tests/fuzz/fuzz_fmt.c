/* tests/fuzz/fuzz_fmt.c: libFuzzer target for init/fmt.c, differential.
 * The input is cut into conversions /init's formatter promises (fmt.h):
 * a conversion, flags, width and precision (digits or *), length and a value
 * of the matching type, and a buffer size. Each is formatted by fmt_snprintf
 * and by the host libc's snprintf: the return values and every byte of the
 * buffers must agree, past the size given included. Combinations C leaves
 * undefined (0 with %s or %c, precision with %c, anything in %%) are not made. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "fmt.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct input {
	const uint8_t *p;
	size_t n;
};

static char want[160], got[160];
static char format[32];
static size_t bufsize;

static uint8_t take(struct input *in)
{
	if (in->n == 0)
		return 0;
	in->n--;
	return *in->p++;
}

static uint64_t take64(struct input *in)
{
	uint64_t v = 0;

	for (int i = 0; i < 8; i++)
		v = v << 8 | take(in);
	return v;
}

static void compare(int wn, int gn)
{
	if (wn == gn && memcmp(want, got, sizeof(want)) == 0)
		return;
	fprintf(stderr, "format \"%s\", size %zu: fmt_snprintf %d \"%.*s\", snprintf %d \"%.*s\"\n", format, bufsize,
		gn, (int)sizeof(got), got, wn, (int)sizeof(want), want);
	abort();
}

#define BOTH(...)                                                                                              \
	do {                                                                                                   \
		memset(want, 0x5a, sizeof(want));                                                              \
		memset(got, 0x5a, sizeof(got));                                                                \
		int wn_ = snprintf(want, bufsize, format, __VA_ARGS__);                                        \
		compare(wn_, fmt_snprintf(got, bufsize, format, __VA_ARGS__));                                 \
	} while (0)

/* The * arguments come first, as the format reads them. */
#define CALL(arg)                                                                                              \
	do {                                                                                                   \
		if (width_star && prec_star)                                                                   \
			BOTH(width, prec, arg);                                                                \
		else if (width_star)                                                                           \
			BOTH(width, arg);                                                                      \
		else if (prec_star)                                                                            \
			BOTH(prec, arg);                                                                       \
		else                                                                                           \
			BOTH(arg);                                                                             \
	} while (0)

static void one(struct input *in)
{
	static const char convs[] = "diuxXocs%";
	static const char *const lengths[] = { "", "l", "ll", "z" };
	char conv = convs[take(in) % (sizeof(convs) - 1)];
	uint8_t flags = take(in);
	int width = (int8_t)take(in) % 48, prec = (int8_t)take(in) % 48;
	unsigned len = take(in) % 4;
	uint64_t v = take64(in);
	bool integer = strchr("diuxXo", conv) != NULL;
	bool has_width = flags & 4, width_star = flags & 8, has_prec = flags & 16, prec_star = flags & 32;
	char text[40];
	size_t used = 0, n;

	bufsize = take(in) % (sizeof(want) + 1);
	if (conv == '%')
		flags = 0, has_width = width_star = has_prec = prec_star = false;
	if (conv == 'c')
		has_prec = prec_star = false;
	if (!integer) {
		flags &= (uint8_t)~2; /* no '0' */
		len = 0;
	}
	used += (size_t)snprintf(format, sizeof(format), "<%%%s%s", flags & 1 ? "-" : "", flags & 2 ? "0" : "");
	if (width_star)
		used += (size_t)snprintf(format + used, sizeof(format) - used, "*");
	else if (has_width)
		used += (size_t)snprintf(format + used, sizeof(format) - used, "%d", abs(width));
	if (prec_star)
		used += (size_t)snprintf(format + used, sizeof(format) - used, ".*");
	else if (has_prec)
		used += (size_t)snprintf(format + used, sizeof(format) - used, ".%d", abs(prec));
	(void)snprintf(format + used, sizeof(format) - used, "%s%c>", lengths[len], conv);

	n = take(in) % sizeof(text);
	for (size_t i = 0; i < n; i++)
		text[i] = (char)take(in);
	text[n] = '\0';

	if (conv == 's')
		CALL(text);
	else if (conv == 'c' || conv == '%')
		CALL((int)v);
	else if (conv == 'd' || conv == 'i')
		switch (len) {
		case 0: CALL((int)v); break;
		case 1: CALL((long)v); break;
		case 2: CALL((long long)v); break;
		default: CALL((ssize_t)v); break;
		}
	else
		switch (len) {
		case 0: CALL((unsigned)v); break;
		case 1: CALL((unsigned long)v); break;
		case 2: CALL((unsigned long long)v); break;
		default: CALL((size_t)v); break;
		}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct input in = { data, size };

	for (int i = 0; i < 32 && in.n > 0; i++)
		one(&in);
	return 0;
}
