/* init/moddb.h: the kernel module database read from depmod's text indexes.
 *
 * Pure code shared by mkinitramfs (closing the module set at build time) and
 * /init (loading modules in dependency order at boot). It parses the text of
 * modules.dep, modules.alias and modules.softdep as depmod writes them; names
 * are normalised ('-' becomes '_'), as the kernel and kmod do.
 */
#ifndef LIVEINIT_MODDB_H
#define LIVEINIT_MODDB_H
#include <stdbool.h>
#include <stddef.h>

#define MODDB_NAME_MAX 64

struct moddb_module {
	char name[MODDB_NAME_MAX]; /* normalised: "usb_storage" */
	char *path;                /* as in modules.dep: "kernel/drivers/usb/storage/usb-storage.ko" */
	size_t *deps;              /* indexes into moddb.modules, in modules.dep order */
	size_t ndeps;
	char **softdep_pre;        /* module names or aliases from "softdep NAME pre: ..." */
	size_t nsoftdep_pre;
	char **softdep_post;
	size_t nsoftdep_post;
};

struct moddb_alias {
	char *pattern; /* fnmatch(3) pattern: "pci:v00001AF4d*sv*sd*bc*sc*i*" */
	size_t module; /* index into moddb.modules */
};

struct moddb {
	struct moddb_module *modules;
	size_t nmodules;
	struct moddb_alias *aliases;
	size_t naliases;
};

/* Each parser takes the whole file's text (need not be NUL-terminated) and
 * adds to db. Malformed lines are skipped; *bad_line (when not NULL) gets the
 * 1-based number of the first one, or 0. Returns 0 or -ENOMEM.
 * Parse modules.dep first: aliases and softdeps naming unknown modules are skipped. */
int moddb_parse_dep(struct moddb *db, const char *text, size_t len, size_t *bad_line);
int moddb_parse_alias(struct moddb *db, const char *text, size_t len, size_t *bad_line);
int moddb_parse_softdep(struct moddb *db, const char *text, size_t len, size_t *bad_line);
void moddb_free(struct moddb *db);

/* Normalise a module name ('-' to '_', strip a directory and ".ko" suffix) into out. */
void moddb_normalise(const char *name, char out[MODDB_NAME_MAX]);

/* Index of the module with that (un-normalised) name, or -1. */
long moddb_find(const struct moddb *db, const char *name);

/* Modules whose alias pattern matches the string (a modalias such as
 * "pci:v00008086d00002922sv...", or "fs-iso9660", "crypto-crc32c").
 * Writes up to max indexes (each module once, in alias-file order) and returns
 * how many matched in all (may exceed max). A plain module name also matches itself. */
size_t moddb_match(const struct moddb *db, const char *alias, size_t *out, size_t max);

/* Could a device whose modalias starts with "BUS:" match any alias? True when
 * some alias pattern's part before its first ':' matches BUS as a glob ("usb",
 * or "acpi*" for "acpi"); patterns with no ':' ("fs-ext4", "crc32c") name no
 * device. */
bool moddb_bus_has_aliases(const struct moddb *db, const char *bus);

/* The firmware ids among the aliases (MODDB_FW_* bits): ACPI ("acpi*:") and
 * device tree ("of:"). They widen coldplug; computed once per coldplug. */
enum { MODDB_FW_ACPI = 1, MODDB_FW_OF = 2 };
unsigned moddb_firmware_ids(const struct moddb *db);

/* Should coldplug read the modaliases of the devices on BUS (/sys/bus/BUS)?
 * When some alias could match "BUS:..."; also, with ACPI ids among the aliases
 * (firmware_ids from moddb_firmware_ids), for the buses whose
 * firmware-described devices announce those ids instead (platform, i2c, spi,
 * serial, i3c), and with device tree ids, for every bus. */
bool moddb_coldplug_bus(const struct moddb *db, unsigned firmware_ids, const char *bus);

/* The load order for one module: its hard dependencies (transitively, deepest
 * first), soft "pre:" dependencies resolved through names and aliases, the
 * module itself, then soft "post:" ones; each module once. Appends to order
 * (capacity max) skipping indexes already marked in seen[] (size nmodules),
 * marking the ones it adds. Returns the new count, or -E2BIG when max is too small. */
long moddb_load_order(const struct moddb *db, size_t module, unsigned char *seen,
		      size_t *order, size_t count, size_t max);

#endif
