/* init/glob.c: see glob.h. */
#include "glob.h"

#include <stddef.h>

/* Matches one bracket expression at *p (just past '[') against c. Returns
 * 1 match, 0 no match, -1 malformed (no closing ']': '[' is then literal).
 * On success *p is moved past the ']'. */
static int match_bracket(const char **p, unsigned char c)
{
	const char *q = *p;
	bool negate = *q == '!' || *q == '^', matched = false;

	if (negate)
		q++;
	for (bool first = true; *q && (first || *q != ']'); first = false) {
		unsigned char lo = (unsigned char)*q, hi;

		if (lo == '\\' && q[1])
			lo = (unsigned char)*++q;
		hi = lo;
		if (q[1] == '-' && q[2] && q[2] != ']') {
			hi = (unsigned char)q[2];
			q += 2;
		}
		matched |= c >= lo && c <= hi;
		q++;
	}
	if (*q != ']')
		return -1;
	*p = q + 1;
	return matched != negate;
}

bool glob_match(const char *p, const char *s)
{
	const char *star_p = NULL, *star_s = NULL;

	while (*s) {
		const char *next = p + 1;
		int m = 0;

		if (*p == '*') {
			star_p = ++p;
			star_s = s;
			continue;
		}
		if (*p == '?') {
			m = 1;
		} else if (*p == '[') {
			m = match_bracket(&next, (unsigned char)*s);
			if (m < 0) { /* no closing ']': a plain '[' */
				m = *s == '[';
				next = p + 1;
			}
		} else if (*p == '\\' && p[1]) {
			m = p[1] == *s;
			next = p + 2;
		} else {
			m = *p != '\0' && *p == *s;
		}
		if (m) {
			p = next;
			s++;
		} else if (star_p) {
			p = star_p; /* let the last '*' swallow one more character */
			s = ++star_s;
		} else {
			return false;
		}
	}
	while (*p == '*')
		p++;
	return *p == '\0';
}
