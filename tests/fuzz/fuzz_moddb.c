/* tests/fuzz/fuzz_moddb.c: libFuzzer target for init/moddb.c.
 * The image's module indexes are parsed by PID 1: garbage must be skipped,
 * and load orders must end and stay within their bounds. The input is split
 * at the first two NUL bytes into modules.dep, modules.alias, modules.softdep. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "moddb.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static size_t part(const char *text, size_t size, size_t start, size_t *len)
{
	const char *nul = start < size ? memchr(text + start, '\0', size - start) : NULL;

	*len = nul ? (size_t)(nul - (text + start)) : size - (start < size ? start : size);
	return start + *len + 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	struct moddb db = { 0 };
	size_t dep_len, alias_len, soft_len, order[64], matches[8];
	size_t alias_at = part(text, size, 0, &dep_len);
	size_t soft_at = part(text, size, alias_at, &alias_len);

	(void)part(text, size, soft_at, &soft_len);
	(void)moddb_parse_dep(&db, text, dep_len, NULL);
	if (alias_at <= size)
		(void)moddb_parse_alias(&db, text + alias_at, alias_len, NULL);
	if (soft_at <= size)
		(void)moddb_parse_softdep(&db, text + soft_at, soft_len, NULL);
	for (size_t i = 0; i < db.nmodules; i++) {
		unsigned char *seen = calloc(db.nmodules, 1);
		long n = seen ? moddb_load_order(&db, i, seen, order, 0, 64) : 0;

		if (n > 64)
			abort();
		free(seen);
		if (moddb_match(&db, db.modules[i].name, matches, 8) == 0)
			abort(); /* a module's own name always matches it */
	}
	for (size_t i = 0; i < db.nmodules && i < 8; i++)
		if (moddb_bus_has_aliases(&db, db.modules[i].name) && !moddb_coldplug_bus(&db, moddb_firmware_ids(&db), db.modules[i].name))
			abort(); /* coldplug reads every bus that has aliases */
	moddb_free(&db);
	return 0;
}
