/* mkinitramfs/modinfo.c: a module's .modinfo entries (see modinfo.h). */
#include "modinfo.h"

#include <string.h>

#include "elf.h"

int modinfo_values(const void *buf, size_t len, const char *key, struct strlist *out)
{
	size_t offset = 0, size = 0, key_len = strlen(key);
	const char *p, *end;
	int err = elf_section(buf, len, ".modinfo", &offset, &size);

	if (err)
		return err;
	p = (const char *)buf + offset;
	end = p + size;
	while (p < end && !err) {
		const char *nul = memchr(p, '\0', (size_t)(end - p));
		size_t n = nul ? (size_t)(nul - p) : (size_t)(end - p);

		if (n > key_len && memcmp(p, key, key_len) == 0 && p[key_len] == '=') {
			char value[4096];
			size_t value_len = n - key_len - 1;

			if (value_len > 0 && value_len < sizeof(value)) {
				memcpy(value, p + key_len + 1, value_len);
				value[value_len] = '\0';
				err = strlist_add_unique(out, value);
			}
		}
		p += n + 1;
	}
	return err;
}
