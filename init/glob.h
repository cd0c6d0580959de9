/* init/glob.h: shell-style pattern matching for module aliases.
 * Pure code. The subset depmod's aliases use: '*', '?', and bracket
 * expressions ([abc], [a-z], [!x] / [^x]); a backslash quotes the next
 * character. Byte-wise, no locale: musl's fnmatch pulls ~10 KiB of Unicode
 * tables into /init for nothing. Agrees with fnmatch(pattern, s, 0) on these. */
#ifndef LIVEINIT_GLOB_H
#define LIVEINIT_GLOB_H
#include <stdbool.h>

bool glob_match(const char *pattern, const char *s);
#endif
