/* init/fmt.c: see fmt.h. */
#include "fmt.h"

#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

struct out {
	char *buf;
	size_t size; /* bytes of buf, the NUL included */
	size_t len;  /* length of the whole text so far, stored or not */
};

enum length { LEN_INT, LEN_LONG, LEN_LLONG, LEN_SIZE };

struct spec {
	bool left;  /* '-' */
	bool zero;  /* '0', and no precision: pad with zeros after the sign */
	int width;  /* 0 when none */
	int prec;   /* -1 when none */
	enum length length;
};

/* Stores what still fits before the NUL; counts everything. */
static void put(struct out *o, const char *s, size_t n)
{
	for (; n > 0; n--, s++) {
		if (o->len + 1 < o->size)
			o->buf[o->len] = *s;
		o->len++;
	}
}

static void pad(struct out *o, char c, size_t n)
{
	for (; n > 0 && o->len + 1 < o->size; n--)
		o->buf[o->len++] = c;
	o->len += n;
}

/* sign, then zeros, then body (n bytes), within the field width. */
static void field(struct out *o, const struct spec *sp, const char *sign, size_t zeros, const char *body, size_t n)
{
	size_t len = strlen(sign) + zeros + n;
	size_t fill = (size_t)sp->width > len ? (size_t)sp->width - len : 0;

	if (sp->zero && !sp->left) {
		zeros += fill;
		fill = 0;
	}
	if (!sp->left)
		pad(o, ' ', fill);
	put(o, sign, strlen(sign));
	pad(o, '0', zeros);
	put(o, body, n);
	if (sp->left)
		pad(o, ' ', fill);
}

static void integer(struct out *o, struct spec *sp, unsigned long long v, bool negative, unsigned base, bool upper)
{
	const char *digit = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char text[24]; /* 22 octal digits for 64 bits */
	char *p = text + sizeof(text);
	size_t n;

	for (; v; v /= base)
		*--p = digit[v % base];
	n = (size_t)(text + sizeof(text) - p);
	if (sp->prec < 0)
		sp->prec = 1;
	else
		sp->zero = false;
	field(o, sp, negative ? "-" : "", (size_t)sp->prec > n ? (size_t)sp->prec - n : 0, p, n);
}

static void signed_arg(struct out *o, struct spec *sp, va_list *ap)
{
	long long v;

	switch (sp->length) {
	case LEN_LONG: v = va_arg(*ap, long); break;
	case LEN_LLONG: v = va_arg(*ap, long long); break;
	case LEN_SIZE: v = va_arg(*ap, ssize_t); break;
	default: v = va_arg(*ap, int); break;
	}
	integer(o, sp, v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v, v < 0, 10, false);
}

static void unsigned_arg(struct out *o, struct spec *sp, char conv, va_list *ap)
{
	unsigned long long v;

	switch (sp->length) {
	case LEN_LONG: v = va_arg(*ap, unsigned long); break;
	case LEN_LLONG: v = va_arg(*ap, unsigned long long); break;
	case LEN_SIZE: v = va_arg(*ap, size_t); break;
	default: v = va_arg(*ap, unsigned); break;
	}
	integer(o, sp, v, false, conv == 'o' ? 8 : conv == 'u' ? 10 : 16, conv == 'X');
}

/* Digits at *f, clamped to INT_MAX; none is 0. */
static const char *number(const char *f, int *out)
{
	int n = 0;

	for (; *f >= '0' && *f <= '9'; f++)
		n = n > (INT_MAX - 9) / 10 ? INT_MAX : n * 10 + (*f - '0');
	*out = n;
	return f;
}

/* Flags, width, precision and length after a '%'; returns the conversion. */
static const char *parse(const char *f, struct spec *sp, va_list *ap)
{
	*sp = (struct spec){ .prec = -1 };
	for (;; f++) {
		if (*f == '-')
			sp->left = true;
		else if (*f == '0')
			sp->zero = true;
		else
			break;
	}
	if (*f == '*') {
		sp->width = va_arg(*ap, int);
		f++;
		if (sp->width < 0) {
			sp->left = true;
			sp->width = sp->width < -INT_MAX ? INT_MAX : -sp->width;
		}
	} else {
		f = number(f, &sp->width);
	}
	if (*f == '.') {
		if (*++f == '*') {
			sp->prec = va_arg(*ap, int);
			f++;
			if (sp->prec < 0)
				sp->prec = -1;
		} else {
			f = number(f, &sp->prec);
		}
	}
	if (*f == 'z') {
		sp->length = LEN_SIZE;
		f++;
	} else if (*f == 'l') {
		sp->length = *++f == 'l' ? LEN_LLONG : LEN_LONG;
		f += sp->length == LEN_LLONG;
	}
	return f;
}

/* Formats one conversion; false if fmt.h does not promise it. */
static bool convert(struct out *o, struct spec *sp, char conv, va_list *ap)
{
	const char *s;
	char c;

	if (conv == 'd' || conv == 'i') {
		signed_arg(o, sp, ap);
		return true;
	}
	if (conv && strchr("uxXo", conv)) {
		unsigned_arg(o, sp, conv, ap);
		return true;
	}
	if (sp->length != LEN_INT)
		return false;
	sp->zero = false;
	if (conv == 's') {
		s = va_arg(*ap, const char *);
		field(o, sp, "", 0, s, sp->prec < 0 ? strlen(s) : strnlen(s, (size_t)sp->prec));
	} else if (conv == 'c') {
		c = (char)va_arg(*ap, int);
		field(o, sp, "", 0, &c, 1);
	} else if (conv == '%') {
		put(o, "%", 1);
	} else {
		return false;
	}
	return true;
}

int fmt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out o = { .buf = buf, .size = size };
	struct spec sp;
	va_list aq;

	va_copy(aq, ap);
	while (*fmt) {
		const char *pct = strchrnul(fmt, '%');

		put(&o, fmt, (size_t)(pct - fmt));
		if (!*pct)
			break;
		fmt = parse(pct + 1, &sp, &aq);
		if (!convert(&o, &sp, *fmt, &aq)) {
			put(&o, pct, strlen(pct)); /* not ours: shown as it stands */
			break;
		}
		fmt++;
	}
	va_end(aq);
	if (size > 0)
		buf[o.len < size ? o.len : size - 1] = '\0';
	if (o.len > INT_MAX) {
		errno = EOVERFLOW;
		return -1;
	}
	return (int)o.len;
}

int fmt_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = fmt_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

int fmt_dprintf(int fd, const char *fmt, ...)
{
	char text[FMT_DPRINTF_MAX];
	size_t len, done = 0;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = fmt_vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	if (n < 0)
		return -errno;
	len = (size_t)n < sizeof(text) ? (size_t)n : sizeof(text) - 1;
	while (done < len) {
		ssize_t w = write(fd, text + done, len - done);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return w < 0 ? -errno : -EIO;
		done += (size_t)w;
	}
	return (int)done;
}
