/* init/fmt.h: /init's own printf-style formatter, so that musl's printf
 * engine (printf_core and its floating point, about 8 KiB) is not linked.
 *
 * It formats what /init's messages use and nothing else:
 *   conversions  d i u x X o c s %
 *   flags        - 0
 *   width        digits or *          precision  .digits or .*
 *   length       l ll z               (with d i u x X o)
 * with C's meaning for each. Anything else (%f, %p, %hd, flags + # and space)
 * is not formatted: the format from that '%' on is copied as it stands and no
 * further argument is read. tests/unit/test_fmt.c holds it to glibc's snprintf.
 *
 * The format attributes keep gcc checking every call site as it would printf's. */
#ifndef LIVEINIT_FMT_H
#define LIVEINIT_FMT_H
#include <stdarg.h>
#include <stddef.h>

/* As C's snprintf: writes at most size bytes including the NUL (always
 * terminated when size > 0; buf may be NULL when size is 0) and returns the
 * length the whole text has, so ret >= size means it was cut; -1 (EOVERFLOW)
 * if that length does not fit an int. */
int fmt_snprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int fmt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap) __attribute__((format(printf, 3, 0)));

/* Formats into a buffer of FMT_DPRINTF_MAX bytes (longer text is cut) and
 * writes it to fd. Returns the number of bytes written or -errno. */
#define FMT_DPRINTF_MAX 512
int fmt_dprintf(int fd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
#endif
