/* tests/unit/test_moddb.c: init/moddb.c on small inline indexes, on garbage,
 * and on the depmod output of the unpacked kernel when there is one.
 *
 * The kernel tree is argv[1], else $LIVEINIT_KERNEL_TREE, else TEST_KERNEL_TREE
 * (set by the build); its release is $LIVEINIT_KVER, else DIR/KVER, else the
 * only directory in DIR/lib/modules. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "moddb.h"
#include "tap.h"

#ifndef TEST_KERNEL_TREE
#define TEST_KERNEL_TREE "build/kernel"
#endif

static void parse_all(struct moddb *db, const char *dep, const char *alias, const char *softdep)
{
	size_t bad;

	memset(db, 0, sizeof(*db));
	if (moddb_parse_dep(db, dep, strlen(dep), &bad) != 0 ||
	    moddb_parse_alias(db, alias, strlen(alias), &bad) != 0 ||
	    moddb_parse_softdep(db, softdep, strlen(softdep), &bad) != 0)
		printf("# parse failed\n");
}

/* The load order of one module from a fresh seen[], as "a b c" (or "E2BIG"). */
static const char *order_of(const struct moddb *db, const char *name, size_t max)
{
	static char text[1024];
	unsigned char *seen = calloc(db->nmodules + 1, 1);
	size_t order[64];
	long n = moddb_load_order(db, (size_t)moddb_find(db, name), seen, order, 0, max);

	text[0] = '\0';
	if (n < 0)
		(void)snprintf(text, sizeof(text), "%s", n == -E2BIG ? "E2BIG" : "error");
	for (long i = 0; i < n; i++) {
		if (i)
			strcat(text, " ");
		strcat(text, db->modules[order[i]].name);
	}
	free(seen);
	return text;
}

static const char *name_of(const struct moddb *db, long index)
{
	return index >= 0 && (size_t)index < db->nmodules ? db->modules[index].name : "(none)";
}

static void test_normalise(void)
{
	char out[MODDB_NAME_MAX];
	char long_name[200];

	moddb_normalise("usb-storage", out);
	is_str(out, "usb_storage", "normalise: '-' becomes '_'");
	moddb_normalise("kernel/drivers/usb/storage/usb-storage.ko", out);
	is_str(out, "usb_storage", "normalise: directory and .ko stripped");
	moddb_normalise("crc32c-intel.ko.xz", out);
	is_str(out, "crc32c_intel", "normalise: compressed module suffix stripped");
	moddb_normalise(NULL, out);
	is_str(out, "", "normalise: NULL gives an empty name");
	memset(long_name, 'a', sizeof(long_name) - 1);
	long_name[sizeof(long_name) - 1] = '\0';
	moddb_normalise(long_name, out);
	is_int(strlen(out), MODDB_NAME_MAX - 1, "normalise: a long name is truncated to fit");
}

static const char dep_text[] =
	"kernel/a/mod-a.ko: kernel/b/mod_b.ko\n"     /* 1: forward reference */
	"kernel/b/mod_b.ko:\n"                      /* 2 */
	"# a comment\n"                             /* 3 */
	"\n"                                        /* 4 */
	"this line has no colon\n"                  /* 5: malformed */
	"/abs/path.ko:\n"                           /* 6: absolute path */
	"kernel/../evil.ko:\n"                      /* 7: .. */
	"kernel/c/c.ko: kernel/missing.ko kernel/b/mod_b.ko\n" /* 8: unknown dep */
	"kernel/a/mod-a.ko:\n"                      /* 9: duplicate */
	"two words.ko:\n"                           /* 10 */
	"kernel/bad name$.ko:\n"                    /* 11 */
	"kernel/d/d.ko: kernel/d/d.ko\r\n"          /* 12: itself, CRLF */
	"kernel/e/noext:\n";                        /* 13: not a module file */

static void test_parse_dep(void)
{
	struct moddb db = { 0 };
	size_t bad = 99;
	long a, b, c;

	is_int(moddb_parse_dep(&db, dep_text, strlen(dep_text), &bad), 0, "dep: parses");
	is_int(db.nmodules, 4, "dep: four well-formed modules kept");
	is_int(bad, 5, "dep: first malformed line reported");
	a = moddb_find(&db, "mod-a");
	b = moddb_find(&db, "mod_b");
	c = moddb_find(&db, "c");
	ok(a >= 0 && b >= 0 && c >= 0, "dep: modules found by name, '-' or '_'");
	is_int(moddb_find(&db, "mod_a"), a, "dep: mod-a and mod_a are one module");
	is_str(a >= 0 ? db.modules[a].path : NULL, "kernel/a/mod-a.ko", "dep: path kept as written");
	ok(a >= 0 && db.modules[a].ndeps == 1 && db.modules[a].deps[0] == (size_t)b,
	   "dep: forward reference resolved");
	ok(c >= 0 && db.modules[c].ndeps == 1 && db.modules[c].deps[0] == (size_t)b,
	   "dep: unknown dependency dropped, known one kept");
	is_int(db.modules[moddb_find(&db, "d")].ndeps, 0, "dep: a module depending on itself is not");
	is_int(moddb_find(&db, "evil"), -1, "dep: path with .. refused");
	is_int(moddb_find(&db, "path"), -1, "dep: absolute path refused");
	is_int(moddb_find(&db, "noext"), -1, "dep: a path without .ko refused");
	is_int(moddb_find(&db, "nothere"), -1, "find: unknown name gives -1");
	moddb_free(&db);
	ok(db.modules == NULL && db.nmodules == 0, "free: db emptied");
}

static void test_parse_edges(void)
{
	static const char with_nul[] = "kernel/x.ko:\nkernel/y\0.ko:\nkernel/z.ko:";
	struct moddb db = { 0 };
	size_t bad = 0;

	is_int(moddb_parse_dep(&db, with_nul, sizeof(with_nul) - 1, &bad), 0,
	       "dep: text with a NUL byte and no final newline parses");
	is_int(db.nmodules, 2, "dep: the line holding a NUL is skipped");
	is_int(bad, 2, "dep: the NUL line is the bad one");
	moddb_free(&db);
	is_int(moddb_parse_dep(&db, "kernel/q.ko:\nkernel/r.ko:\n", 12, &bad), 0,
	       "dep: parsing stops at len, text need not be terminated");
	is_int(db.nmodules, 1, "dep: only the module within len");
	is_int(moddb_parse_dep(&db, "", 0, NULL), 0, "dep: empty text, NULL bad_line");
	is_int(moddb_parse_dep(NULL, "", 0, NULL), -EINVAL, "dep: NULL db refused");
	moddb_free(&db);
}

static const char small_dep[] =
	"kernel/fs/top.ko: kernel/fs/mid.ko kernel/lib/deep.ko kernel/lib/deeper.ko\n"
	"kernel/fs/mid.ko: kernel/lib/deep.ko kernel/lib/deeper.ko\n"
	"kernel/lib/deep.ko: kernel/lib/deeper.ko\n"
	"kernel/lib/deeper.ko:\n"
	"kernel/x/x.ko: kernel/lib/shared.ko\n"
	"kernel/x/y.ko: kernel/lib/shared.ko\n"
	"kernel/lib/shared.ko:\n"
	"kernel/crypto/foo_generic.ko:\n"
	"kernel/arch/foo-intel.ko:\n"
	"kernel/fs/user.ko: kernel/lib/shared.ko\n"
	"kernel/p/p.ko: kernel/p/q.ko\n"
	"kernel/p/q.ko: kernel/p/p.ko\n"
	"kernel/s/s1.ko:\n"
	"kernel/s/s2.ko:\n"
	"kernel/d/usb-storage.ko:\n"
	"kernel/d/post.ko:\n";

static const char small_alias[] =
	"# Aliases extracted from modules themselves.\n"
	"alias crypto-foo foo_generic\n"
	"alias crypto-foo foo_intel\n"
	"alias usb:v*p*d*dc*dsc*dp*ic08isc06ip50in* usb_storage\n"
	"alias usb:v*p*d*dc*dsc*dp*ic08isc*ip*in* usb_storage\n"
	"alias fs-top top\n"
	"alias *anything* x\n"
	"alias usb:*ic08isc06* x\n"
	"alias only-two-words\n"
	"alias a b c d\n"
	"alias crypto-foo not_a_module\n"
	"blias x y\n";

static const char small_softdep[] =
	"# Soft dependencies extracted from modules themselves.\n"
	"softdep user pre: crypto-foo post: post\n"
	"softdep s1 pre: s2\n"
	"softdep s2 pre: s1\n"
	"softdep top ignored-before-pre\n"
	"softdep unknown_module pre: x\n"
	"softdep\n"
	"softdep p pre: p\n";

static void test_parse_alias_softdep(void)
{
	struct moddb db = { 0 };
	size_t bad = 0;
	long user;

	is_int(moddb_parse_dep(&db, small_dep, strlen(small_dep), &bad), 0, "small: dep parses");
	is_int(bad, 0, "small: dep has no bad line");
	is_int(moddb_parse_alias(&db, small_alias, strlen(small_alias), &bad), 0, "alias: parses");
	is_int(db.naliases, 7, "alias: well-formed lines naming known modules kept");
	is_int(bad, 9, "alias: first malformed line reported");
	is_int(moddb_parse_softdep(&db, small_softdep, strlen(small_softdep), &bad), 0,
	       "softdep: parses");
	is_int(bad, 7, "softdep: line with no module reported");
	user = moddb_find(&db, "user");
	ok(user >= 0 && db.modules[user].nsoftdep_pre == 1 && db.modules[user].nsoftdep_post == 1,
	   "softdep: pre and post entries kept");
	is_str(user >= 0 ? db.modules[user].softdep_pre[0] : NULL, "crypto-foo",
	       "softdep: entry kept as written (an alias)");
	is_int(db.modules[moddb_find(&db, "top")].nsoftdep_pre, 0,
	       "softdep: tokens before pre: are ignored");
	moddb_free(&db);
}

static void test_match(void)
{
	struct moddb db;
	size_t out[4];
	const char *stick = "usb:v0781p5567d0100dc00dsc00dp00ic08isc06ip50in00";

	parse_all(&db, small_dep, small_alias, small_softdep);
	is_int(moddb_match(&db, stick, out, 4), 2, "match: wildcard alias matches two modules");
	is_str(name_of(&db, (long)out[0]), "usb_storage", "match: usb_storage once, first");
	is_str(name_of(&db, (long)out[1]), "x", "match: then the other module, file order");
	is_int(moddb_match(&db, "crypto-foo", out, 4), 2, "match: alias with two modules");
	ok(out[0] == (size_t)moddb_find(&db, "foo_generic") &&
	   out[1] == (size_t)moddb_find(&db, "foo-intel"), "match: in alias-file order");
	is_int(moddb_match(&db, "mid", out, 4), 1, "match: a plain module name matches itself");
	is_int(out[0], moddb_find(&db, "mid"), "match: ... the right one");
	is_int(moddb_match(&db, "usb-storage", out, 4), 1, "match: name with '-' matches itself");
	is_int(moddb_match(&db, "fs-nothing", out, 4), 0, "match: nothing matches");
	is_int(moddb_match(&db, "kernel/fs/mid", out, 4), 0, "match: only a plain name matches itself");
	is_int(moddb_match(&db, stick, out, 1), 2, "match: count goes beyond max");
	is_int(moddb_match(&db, "top-anything", out, 1), 1, "match: *anything* matches once");
	is_int(moddb_match(&db, stick, NULL, 0), 2, "match: counting only, out NULL");
	moddb_free(&db);
}

static void test_bus_has_aliases(void)
{
	struct moddb db;

	parse_all(&db, small_dep, "alias usb:v*p*d*dc*dsc*dp*ic08isc06ip50in* usb_storage\n"
				  "alias fs-top top\n"
				  "alias pci:v00008086d*sv*sd*bc01sc06i* mid\n", small_softdep);
	ok(moddb_bus_has_aliases(&db, "usb"), "bus: usb has an alias");
	ok(moddb_bus_has_aliases(&db, "pci"), "bus: pci has an alias");
	ok(!moddb_bus_has_aliases(&db, "acpi"), "bus: acpi has none");
	ok(!moddb_bus_has_aliases(&db, "us"), "bus: a prefix of a bus name is not the bus");
	ok(!moddb_bus_has_aliases(&db, "fs-top"), "bus: a pattern without ':' names no bus");
	ok(!moddb_bus_has_aliases(&db, ""), "bus: the empty name has none");
	ok(!moddb_bus_has_aliases(NULL, "usb"), "bus: no database, no aliases");
	moddb_free(&db);
	parse_all(&db, small_dep, "alias acpi*:PNP0C0A:* mid\n", small_softdep);
	ok(moddb_bus_has_aliases(&db, "acpi"), "bus: a wildcard before ':' is a glob over bus names (acpi*: acpi)");
	ok(!moddb_bus_has_aliases(&db, "platform") && !moddb_bus_has_aliases(&db, "serio"),
	   "bus: acpi* is not platform nor serio");
	moddb_free(&db);
	parse_all(&db, small_dep, "alias [ps]ci:v* mid\nalias a?pi:x top\n", small_softdep);
	ok(moddb_bus_has_aliases(&db, "pci") && moddb_bus_has_aliases(&db, "sci") &&
	   !moddb_bus_has_aliases(&db, "xci"), "bus: a bracket expression before ':' is a glob too");
	ok(moddb_bus_has_aliases(&db, "acpi") && !moddb_bus_has_aliases(&db, "aacpi"), "bus: so is '?'");
	moddb_free(&db);
	parse_all(&db, small_dep,
		  "alias x*0123456789012345678901234567890123456789012345678901234567890123456789:y mid\n",
		  small_softdep);
	ok(moddb_bus_has_aliases(&db, "serio"), "bus: a wildcard head too long to test may match any bus");
	moddb_free(&db);
	parse_all(&db, small_dep, small_alias, small_softdep);
	ok(!moddb_bus_has_aliases(&db, "platform") && moddb_bus_has_aliases(&db, "usb"),
	   "bus: '*anything*' (no ':') names no bus; a wildcard after ':' leaves the bus fixed");
	moddb_free(&db);
}

/* Coldplug's question for one bus, with the firmware ids computed as
 * coldplug_modaliases does, once for the database. */
static bool coldplug(const struct moddb *db, const char *bus)
{
	return moddb_coldplug_bus(db, moddb_firmware_ids(db), bus);
}

static void test_coldplug_bus(void)
{
	struct moddb db;

	parse_all(&db, small_dep, "alias pci:v00008086d*sv*sd*bc01sc06i* mid\n", small_softdep);
	is_int((int)moddb_firmware_ids(&db), 0, "firmware ids: none among PCI aliases");
	ok(coldplug(&db, "pci"), "coldplug: a bus with aliases is read");
	ok(!coldplug(&db, "platform") && !coldplug(&db, "acpi"),
	   "coldplug: without firmware ids, neither platform nor acpi");
	moddb_free(&db);
	parse_all(&db, small_dep, "alias pci:v00008086d*sv*sd*bc01sc06i* mid\nalias acpi*:VMBUS:* top\n",
		  small_softdep);
	is_int((int)moddb_firmware_ids(&db), MODDB_FW_ACPI, "firmware ids: acpi*: is ACPI");
	ok(coldplug(&db, "acpi"), "coldplug: ACPI ids: the acpi bus");
	ok(coldplug(&db, "platform") && coldplug(&db, "i2c") &&
	   coldplug(&db, "spi") && coldplug(&db, "serial") && coldplug(&db, "i3c"),
	   "coldplug: ACPI ids: the buses whose devices announce them (platform, i2c, spi, serial, i3c)");
	ok(!coldplug(&db, "serio") && !coldplug(&db, "memory") &&
	   !coldplug(&db, "cpu") && !coldplug(&db, "usb"),
	   "coldplug: ACPI ids: not the buses whose modaliases are their own (serio, memory, cpu, usb)");
	ok(coldplug(&db, "pci"), "coldplug: ACPI ids: the buses with aliases still");
	ok(!coldplug(&db, "") && !coldplug(&db, NULL) && !coldplug(NULL, "acpi"),
	   "coldplug: no bus name or no database: nothing");
	moddb_free(&db);
	parse_all(&db, small_dep, "alias of:N*T*Cvendor,chip mid\n", small_softdep);
	is_int((int)moddb_firmware_ids(&db), MODDB_FW_OF, "firmware ids: of: is device tree");
	ok(coldplug(&db, "serio") && coldplug(&db, "platform"),
	   "coldplug: device tree ids: every bus");
	moddb_free(&db);
}

static void test_load_order(void)
{
	struct moddb db;
	unsigned char seen[32] = { 0 };
	size_t order[32];
	long n;

	parse_all(&db, small_dep, small_alias, small_softdep);
	is_str(order_of(&db, "top", 64), "deeper deep mid top", "order: deep deps, deepest first");
	is_str(order_of(&db, "user", 64), "shared foo_generic foo_intel user post",
	       "order: hard deps, softdep via alias (both), module, post");
	is_str(order_of(&db, "p", 64), "q p", "order: hard dependency cycle ends");
	is_str(order_of(&db, "s1", 64), "s2 s1", "order: softdep cycle ends");
	is_str(order_of(&db, "top", 3), "E2BIG", "order: -E2BIG when max is too small");
	n = moddb_load_order(&db, (size_t)moddb_find(&db, "x"), seen, order, 0, 32);
	n = moddb_load_order(&db, (size_t)moddb_find(&db, "y"), seen, order, (size_t)n, 32);
	is_int(n, 3, "order: shared dependency loaded once");
	is_str(name_of(&db, (long)order[1]), "x", "order: ... shared, x, y");
	is_int(moddb_load_order(&db, (size_t)moddb_find(&db, "x"), seen, order, (size_t)n, 32), 3,
	       "order: an already seen module adds nothing");
	memset(seen, 0, sizeof(seen));
	n = moddb_load_order(&db, (size_t)moddb_find(&db, "top"), seen, order, 0, 2);
	is_int(n, -E2BIG, "order: E2BIG again");
	ok(memchr(seen, 1, sizeof(seen)) == NULL && memchr(seen, 2, sizeof(seen)) == NULL,
	   "order: seen[] untouched after E2BIG");
	is_int(moddb_load_order(&db, db.nmodules, seen, order, 0, 32), -EINVAL,
	       "order: index out of range refused");
	moddb_free(&db);
}

/* Random bytes, and random lines of index syntax: nothing may crash or loop. */
static void test_garbage(void)
{
	static const char *pieces[] = { "kernel/a.ko", ":", " ", "\n", "alias", "softdep",
					"pre:", "post:", "a", "b-c", "*", "#", "\r", "..", "/" };
	char buf[4096];
	unsigned seed = 12345;
	int survived = 1;

	for (int round = 0; round < 200; round++) {
		struct moddb db = { 0 };
		size_t len = 0, bad;
		unsigned char seen[4096] = { 0 };
		size_t order[64];

		while (len < sizeof(buf) - 16) {
			seed = seed * 1103515245u + 12345u;
			if (round % 2) {
				buf[len++] = (char)(seed >> 16);
			} else {
				const char *p = pieces[(seed >> 16) % (sizeof(pieces) / sizeof(*pieces))];
				memcpy(buf + len, p, strlen(p));
				len += strlen(p);
			}
		}
		survived &= moddb_parse_dep(&db, buf, len, &bad) == 0;
		survived &= moddb_parse_alias(&db, buf, len, &bad) == 0;
		survived &= moddb_parse_softdep(&db, buf, len, &bad) == 0;
		for (size_t m = 0; m < db.nmodules && db.nmodules <= sizeof(seen); m++)
			(void)moddb_load_order(&db, m, seen, order, 0, 64);
		(void)moddb_match(&db, "a", order, 64);
		moddb_free(&db);
	}
	ok(survived, "garbage: 200 rounds of random input parse without error or crash");
}

/* ---------- the real kernel ---------- */

static char *read_whole(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *text = NULL;
	long size;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
	    (text = malloc((size_t)size + 1)) && fread(text, 1, (size_t)size, f) == (size_t)size) {
		*len = (size_t)size;
	} else {
		free(text);
		text = NULL;
	}
	fclose(f);
	return text;
}

static int find_kver(const char *tree, char *kver, size_t size)
{
	char path[4096];
	FILE *f;
	DIR *d;
	struct dirent *e;
	const char *env = getenv("LIVEINIT_KVER");

	if (env && *env)
		return snprintf(kver, size, "%s", env) < (int)size ? 0 : -1;
	(void)snprintf(path, sizeof(path), "%s/KVER", tree);
	if ((f = fopen(path, "r"))) {
		int got = fgets(kver, (int)size, f) != NULL;

		fclose(f);
		kver[strcspn(kver, "\n")] = '\0';
		return got && *kver ? 0 : -1;
	}
	(void)snprintf(path, sizeof(path), "%s/lib/modules", tree);
	if (!(d = opendir(path)))
		return -1;
	*kver = '\0';
	while ((e = readdir(d)))
		if (e->d_name[0] != '.')
			(void)snprintf(kver, size, "%s", e->d_name);
	closedir(d);
	return *kver ? 0 : -1;
}

static int load_index(struct moddb *db, const char *dir, const char *file,
		      int (*parse)(struct moddb *, const char *, size_t, size_t *), size_t *bad)
{
	char path[4096];
	size_t len = 0;
	char *text;
	int err;

	(void)snprintf(path, sizeof(path), "%s/%s", dir, file);
	text = read_whole(path, &len);
	if (!text)
		return -errno;
	err = parse(db, text, len, bad);
	free(text);
	return err;
}

static int closure_has(const struct moddb *db, const size_t *order, long n, const char *name)
{
	for (long i = 0; i < n; i++)
		if (strcmp(db->modules[order[i]].name, name) == 0)
			return (int)i;
	return -1;
}

static void test_real_closure(const struct moddb *db)
{
	unsigned char *seen = calloc(db->nmodules, 1);
	size_t order[256];
	long ext4 = moddb_find(db, "ext4");
	long n = ext4 >= 0 && seen ? moddb_load_order(db, (size_t)ext4, seen, order, 0, 256) : -1;
	int at_ext4 = closure_has(db, order, n, "ext4");

	ok(n > 0, "kernel: ext4 has a load order (%ld modules)", n);
	ok(closure_has(db, order, n, "jbd2") >= 0 && closure_has(db, order, n, "jbd2") < at_ext4,
	   "kernel: jbd2 before ext4");
	ok(closure_has(db, order, n, "mbcache") >= 0, "kernel: mbcache in ext4's closure");
	ok(closure_has(db, order, n, "crc16") >= 0, "kernel: crc16 in ext4's closure");
	ok(closure_has(db, order, n, "crc32c_generic") >= 0 &&
	   closure_has(db, order, n, "crc32c_generic") < at_ext4,
	   "kernel: crc32c_generic (softdep crypto-crc32c) before ext4");
	is_int(at_ext4, n - 1, "kernel: ext4 itself last");
	free(seen);
}

static int matched(const size_t *out, size_t n, long module)
{
	for (size_t i = 0; i < n && i < 8; i++)
		if (module >= 0 && out[i] == (size_t)module)
			return 1;
	return 0;
}

static void test_real_match(const struct moddb *db)
{
	size_t out[8];
	size_t n;

	n = moddb_match(db, "usb:v0781p5567d0100dc00dsc00dp00ic08isc06ip50in00", out, 8);
	ok(matched(out, n, moddb_find(db, "usb_storage")),
	   "kernel: a mass-storage interface matches usb_storage (%zu matches)", n);
	n = moddb_match(db, "pci:v00001AF4d00001001sv00001AF4sd00000002bc01sc00i00", out, 8);
	ok(matched(out, n, moddb_find(db, "virtio_pci")),
	   "kernel: a virtio block PCI function matches virtio_pci");
	n = moddb_match(db, "fs-iso9660", out, 8);
	ok(n == 1 && out[0] == (size_t)moddb_find(db, "isofs"), "kernel: fs-iso9660 is isofs");
	/* Hyper-V: the firmware's VMBus device (an ACPI id), then the synthetic
	 * SCSI controller and keyboard on it (vmbus: and the bytes of the class GUID) */
	n = moddb_match(db, "acpi:VMBUS:", out, 8);
	ok(matched(out, n, moddb_find(db, "hv_vmbus")), "kernel: Hyper-V's ACPI VMBus device matches hv_vmbus");
	n = moddb_match(db, "vmbus:d96361baa104294db60572e2ffb1dc7f", out, 8);
	ok(matched(out, n, moddb_find(db, "hv_storvsc")),
	   "kernel: Hyper-V's synthetic SCSI controller matches hv_storvsc");
	n = moddb_match(db, "vmbus:6dad12f9172bea48bd65f927a61c7684", out, 8);
	ok(matched(out, n, moddb_find(db, "hyperv_keyboard")),
	   "kernel: Hyper-V's synthetic keyboard matches hyperv_keyboard");
	n = moddb_match(db, "pci:v000015ADd000007C0sv000015ADsd000007C0bc01sc07i00", out, 8);
	ok(matched(out, n, moddb_find(db, "vmw_pvscsi")), "kernel: VMware's PVSCSI function matches vmw_pvscsi");
}

static void test_real_kernel(const char *tree)
{
	char kver[256], dir[4096];
	struct moddb db = { 0 };
	size_t bad_dep = 1, bad_alias = 1, bad_softdep = 1;

	if (find_kver(tree, kver, sizeof(kver)) != 0) {
		printf("ok %d # SKIP no kernel tree at %s\n", ++tap_count, tree);
		return;
	}
	(void)snprintf(dir, sizeof(dir), "%s/lib/modules/%s", tree, kver);
	is_int(load_index(&db, dir, "modules.dep", moddb_parse_dep, &bad_dep), 0,
	       "kernel: modules.dep of %s read", kver);
	is_int(load_index(&db, dir, "modules.alias", moddb_parse_alias, &bad_alias), 0,
	       "kernel: modules.alias read");
	is_int(load_index(&db, dir, "modules.softdep", moddb_parse_softdep, &bad_softdep), 0,
	       "kernel: modules.softdep read");
	ok(bad_dep == 0 && bad_alias == 0 && bad_softdep == 0,
	   "kernel: no malformed line in depmod's output");
	ok(db.nmodules > 1000, "kernel: %zu modules, %zu aliases", db.nmodules, db.naliases);
	test_real_closure(&db);
	test_real_match(&db);
	moddb_free(&db);
}

int main(int argc, char **argv)
{
	const char *tree = argc > 1 ? argv[1] : getenv("LIVEINIT_KERNEL_TREE");

	test_normalise();
	test_parse_dep();
	test_parse_edges();
	test_parse_alias_softdep();
	test_match();
	test_bus_has_aliases();
	test_coldplug_bus();
	test_load_order();
	test_garbage();
	test_real_kernel(tree && *tree ? tree : TEST_KERNEL_TREE);
	return done_testing();
}
