/* tests/unit/test_fmt.c: init/fmt.c, /init's formatter, held to glibc's
 * snprintf. Every format is run through both at every buffer size from 0 to
 * past the whole text: same return value, same bytes, nothing written past
 * the size given. Then what fmt.h promises beyond C: what it does not format,
 * EOVERFLOW, fmt_dprintf. */
#include "../../init/fmt.h"
#include "../tap.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>
#include <unistd.h>

#define BUF 160

/* Both formatters at sizes 0..len+2 (up to BUF), into buffers filled with a
 * marker byte first; compared whole, so a byte written past size shows. */
__attribute__((format(printf, 2, 3))) static void same(const char *label, const char *fmt, ...)
{
	char want[BUF + 16], got[BUF + 16];
	va_list ap, a1, a2;
	int wn = 0, gn = 0;
	size_t size, last;
	bool good = true;

	va_start(ap, fmt);
	va_copy(a1, ap);
	last = (size_t)vsnprintf(NULL, 0, fmt, a1) + 2;
	va_end(a1);
	for (size = 0; good && size <= last && size <= BUF; size++) {
		memset(want, 0x5a, sizeof(want));
		memset(got, 0x5a, sizeof(got));
		va_copy(a1, ap);
		va_copy(a2, ap);
		wn = vsnprintf(want, size, fmt, a1);
		gn = fmt_vsnprintf(got, size, fmt, a2);
		va_end(a1);
		va_end(a2);
		good = wn == gn && memcmp(want, got, sizeof(want)) == 0;
	}
	va_copy(a2, ap);
	gn = good ? fmt_vsnprintf(NULL, 0, fmt, a2) : gn;
	va_end(a2);
	good = good && gn == wn;
	va_end(ap);
	ok(good, "%s", label);
	if (!good)
		printf("#   size %zu: got %d '%.*s', want %d '%.*s'\n", size - 1, gn, BUF, got, wn, BUF, want);
}

#define SAME(...) same(#__VA_ARGS__, __VA_ARGS__)

/* Formats gcc must not see as literals (it would refuse them at compile time). */
static const char *volatile empty = "";
static const char *volatile twice_int_max = "%*s%*s";
static const char *volatile huge_width = "%99999999999d";
static const char *volatile minus_and_zero = "[%-06d|%-06x|%-08.3d]"; /* '-' wins over '0' */

static void strings(void)
{
	static const char long_text[] = "/run/live/rootfs/a-rather-long-image-name-that-goes-on-and-on.squashfs"
					"/and/then/some/more/of/it/past/the/buffers/of/the/small/sizes";

	same("the empty format", empty);
	SAME("plain text, no conversion");
	SAME("%%");
	SAME("100%% sure, %d%%", 42);
	SAME("%s", "");
	SAME("%s", "abc");
	SAME("[%5s]", "abc");
	SAME("[%-5s]", "abc");
	SAME("[%2s]", "abcdef");
	SAME("[%.2s]", "abcdef");
	SAME("[%.0s]", "abcdef");
	SAME("[%.10s]", "abc");
	SAME("[%8.3s]", "abcdef");
	SAME("[%-8.3s]", "abcdef");
	SAME("[%3.8s]", "abcdef");
	SAME("[%.31s]", long_text);
	SAME("[%.200s]", long_text);
	SAME("%s/%s", long_text, long_text);
	SAME("%.200s/%.63s", "/lib/liveinit/hooks/premount", long_text);
	SAME("[%c%c%c]", 'a', 'b', 'c');
	SAME("[%3c|%-3c]", 'x', 'y');
	SAME("[%c]", 0x141); /* converted to unsigned char */
	SAME("[%*s|%-*s]", 6, "ab", 6, "cd");
	SAME("[%*s]", -6, "ab"); /* a negative * width is the '-' flag */
	SAME("[%.*s]", 2, "abcdef");
	SAME("[%.*s]", -1, "abcdef"); /* a negative * precision is none */
	SAME("[%*.*s]", 7, 3, "abcdef");
}

static void signed_ints(void)
{
	SAME("%d %d %d", 0, 1, -1);
	SAME("%d|%d", INT_MAX, INT_MIN);
	SAME("%i|%i", 12345, -12345);
	SAME("[%6d|%-6d|%06d]", -42, -42, -42);
	SAME("[%6d|%-6d|%06d]", 42, 42, 42);
	SAME("[%2d]", 123456);
	SAME("[%.0d]", 0); /* precision 0 and value 0: no digits */
	SAME("[%5.0d|%-5.0d]", 0, 0);
	SAME("[%.0d]", 7);
	SAME("[%.3d|%.3d]", 5, -5);
	SAME("[%8.3d|%-8.3d]", -5, -5);
	same("[%-06d|%-06x|%-08.3d]", minus_and_zero, -42, 0xabu, -5);
	SAME("[%.12d]", INT_MIN);
	SAME("[%*d|%*d]", 5, 42, -5, 42);
	SAME("[%.*d|%.*d]", 4, 42, -1, 0);
	SAME("%ld|%ld|%ld", 0L, LONG_MAX, LONG_MIN);
	SAME("[%6ld ms] ", 1234L);
	SAME("[%6ld ms] ", 12345678L);
	SAME("%lld|%lld|%lld", 0LL, LLONG_MAX, LLONG_MIN);
	SAME("[%25lld|%-25lld|%025lld]", LLONG_MIN, LLONG_MIN, LLONG_MIN);
	SAME("%zd|%zd|%zd", (ssize_t)0, (ssize_t)SSIZE_MAX, (ssize_t)-SSIZE_MAX - 1);
	SAME("<%d>liveinit: %s\n", 6, "medium found");
}

static void unsigned_ints(void)
{
	SAME("%u|%u|%u", 0u, 1u, UINT_MAX);
	SAME("[%10u|%-10u|%010u]", 42u, 42u, 42u);
	SAME("[%.0u|%.5u]", 0u, 42u);
	SAME("%lu|%lu", 0UL, ULONG_MAX);
	SAME("%llu|%llu", 0ULL, ULLONG_MAX);
	SAME("%zu|%zu", (size_t)0, SIZE_MAX);
	SAME("%x|%x|%x|%X", 0u, 255u, UINT_MAX, 0xabcdefu);
	SAME("%02x%02x%02x", 0u, 5u, 0xabu);
	SAME("[%8x|%-8x|%08x|%.6x]", 0xbeefu, 0xbeefu, 0xbeefu, 0xbeefu);
	SAME("%lx|%llx|%llX|%zx", ULONG_MAX, ULLONG_MAX, 0x0123456789abcdefULL, SIZE_MAX);
	SAME("%o|%o|%o", 0u, 8u, UINT_MAX);
	SAME("%lo|%llo", ULONG_MAX, ULLONG_MAX);
	SAME("[%.0x|%.0o]", 0u, 0u);
}

/* The formats of /init's own call sites, with values like theirs. */
static void call_sites(void)
{
	unsigned long long tenths = 12345;

	SAME("/dev/%s: %s, %llu.%llu MiB%s", "sr0", "iso9660 label=LIVEINIT", tenths / 10, tenths % 10,
	     ", removable");
	SAME("toram: %s %llu%% (%llu.%llu of %llu.%llu MiB), %llu.%llu MiB/s, %llu.%llu s left",
	     "filesystem.squashfs", 42ULL, 100ULL, 5ULL, 240ULL, 0ULL, 55ULL, 3ULL, 2ULL, 9ULL);
	SAME("1 %s %s %u %u %llu 1 %s %s %s", "/dev/loop0", "/dev/loop1", 4096u, 4096u, 40ULL, "sha256",
	     "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "-");
	SAME("control characters (byte 0x%02x at column %zu)", (unsigned char)0x07, (size_t)12);
	SAME("shutdown: %u file systems made read-only, %u of %zu unmounted", 3u, 2u, (size_t)5);
	SAME("/proc/self/fd/%d", 17);
	SAME("size=%llum,mode=0755", 1ULL << 40);
	SAME("leaving the initramfs after %ld ms (kernel uptime %ld ms); starting %s", 974L, 3843L, "/sbin/init");
}

/* Anything fmt.h does not promise is copied from its '%' on, and ends the text. */
static void not_formatted(void)
{
	/* not literals: gcc would (rightly) check them against the arguments */
	const char *fmts[][2] = {
		{ "x=%f y=%s", "x=%f y=%s" }, { "a%pb", "a%pb" },     { "[%hd]", "[%hd]" },  { "[%+d]", "[%+d]" },
		{ "[% d]", "[% d]" },         { "[%#x]", "[%#x]" },   { "[%ls]", "[%ls]" },  { "[%lc]", "[%lc]" },
		{ "trailing %", "trailing %" }, { "%5", "%5" },       { "%d then %q", "7 then %q" },
	};
	char buf[64];

	for (size_t i = 0; i < sizeof(fmts) / sizeof(fmts[0]); i++) {
		int n = fmt_snprintf(buf, sizeof(buf), fmts[i][0], 7, 0, 0);

		is_str(buf, fmts[i][1], "not formatted: %s", fmts[i][0]);
		is_int(n, (int)strlen(fmts[i][1]), "not formatted: %s: its length", fmts[i][0]);
	}
}

static void limits(void)
{
	char buf[8];
	int n;

	is_int(fmt_snprintf(NULL, 0, "%d", 12345), 5, "NULL buffer of size 0: the length");
	errno = 0;
	n = fmt_snprintf(buf, sizeof(buf), twice_int_max, INT_MAX, "", INT_MAX, "");
	ok(n == -1 && errno == EOVERFLOW, "a text longer than INT_MAX: -1, EOVERFLOW");
	is_str(buf, "       ", "and the buffer still terminated");
	is_int(fmt_snprintf(buf, sizeof(buf), huge_width, 1), INT_MAX, "a width past INT_MAX is clamped");
	is_str(buf, "       ", "and padded");
}

static void dprintf_to_pipe(void)
{
	char got[2 * FMT_DPRINTF_MAX], big[FMT_DPRINTF_MAX + 100];
	int fds[2];
	ssize_t r;

	if (pipe(fds) != 0) {
		ok(0, "pipe: %s", strerror(errno));
		return;
	}
	is_int(fmt_dprintf(fds[1], "liveinit: %s (%d)\n", "hello", -3), 21, "fmt_dprintf: bytes written");
	r = read(fds[0], got, sizeof(got));
	is_int(r, 21, "fmt_dprintf: bytes read");
	got[r > 0 ? r : 0] = '\0';
	is_str(got, "liveinit: hello (-3)\n", "fmt_dprintf: the text");
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	is_int(fmt_dprintf(fds[1], "%s", big), FMT_DPRINTF_MAX - 1, "fmt_dprintf: a long text is cut");
	r = read(fds[0], got, sizeof(got));
	is_int(r, FMT_DPRINTF_MAX - 1, "fmt_dprintf: what was cut is not written");
	(void)close(fds[0]);
	is_int(fmt_dprintf(fds[0], "x"), -EBADF, "fmt_dprintf: a write error is -errno");
	(void)close(fds[1]);
}

int main(void)
{
	strings();
	signed_ints();
	unsigned_ints();
	call_sites();
	not_formatted();
	limits();
	dprintf_to_pipe();
	return done_testing();
}
