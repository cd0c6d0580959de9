/* tests/unit/test_probe.c: TAP tests for init/probe.c.
 *
 * Usage: test_probe [FIXTURE_DIR]   (else $PROBE_FIXTURES, else
 * build/test/probe-fixtures). The fixtures come from
 * tests/unit/mkfixtures-probe: real images made by mkfs tools, cut to
 * their first 64 KiB, each with blkid's verdict on the whole image beside it.
 *
 * Buffers handed to probe_buffer() are always heap blocks of exactly len
 * bytes, so valgrind or ASan flag any read past len.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

#include "probe.h"
#include "tap.h"

struct expected {
	const char *name, *type, *label, *uuid;
};

/* What each fixture must give; the same values blkid reports (checked too). */
static const struct expected fixtures[] = {
	{ "iso", "iso9660", "LIVEINIT", "2026-11-30-01-02-03-00" },
	{ "iso-mdate", "iso9660", "MDATE", "2027-01-02-03-04-05-00" },
	{ "iso-cdate", "iso9660", "CDATE ONLY", "2026-11-30-01-02-03-00" },
	{ "iso-nodate", "iso9660", "NODATE", "" },
	{ "iso-hybrid", "iso9660", "HYBRID", "2026-11-30-01-02-03-00" },
	{ "ext2", "ext2", "LIVE_ext2", "11111111-2222-3333-4444-555555555555" },
	{ "ext3", "ext3", "LIVE_ext3", "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0" },
	{ "ext4", "ext4", "LIVE_ext4", "a0b1c2d3-e4f5-0617-2839-4a5b6c7d8e9f" },
	{ "ext4-nojournal", "ext4", "NOJOURNAL",
	  "01234567-89ab-cdef-0123-456789abcdef" },
	{ "ext4-label16", "ext4", "ABCDEFGHIJKLMNOP",
	  "fedcba98-7654-3210-fedc-ba9876543210" },
	{ "vfat12", "vfat", "LIVE_FAT12", "1234-ABCD" },
	{ "vfat16", "vfat", "LIVE_FAT16", "89AB-CDEF" },
	{ "vfat32", "vfat", "LIVE_FAT32", "DEAD-BEEF" },
	{ "vfat-nolabel", "vfat", "", "00C0-FFEE" },
	{ "vfat-rootlabel", "vfat", "ROOTLABEL", "0BAD-F00D" },
	{ "vfat-bootlabel", "vfat", "", "B007-1ABE" },
	{ "vfat32-rootlabel", "vfat", "ROOT32", "32AB-CDEF" },
	{ "vfat32-bootlabel", "vfat", "", "32B0-0700" },
	{ "exfat", "exfat", "LIVE_EXFAT", "2026-C0DE" },
	{ "exfat-small", "exfat", "SMALL_EXFAT", "0BAD-CAFE" },
	{ "exfat-nolabel", "exfat", "", "00C0-FFEE" },
	{ "squashfs", "squashfs", "", "" },
};
#define N_FIXTURES (sizeof(fixtures) / sizeof(fixtures[0]))

/* ---- helpers ----------------------------------------------------------- */

struct image {
	uint8_t *data;
	size_t len;
};

static const char *fixture_dir;

static FILE *open_fixture(const char *name, const char *ext)
{
	char path[4096];

	snprintf(path, sizeof(path), "%s/%s.%s", fixture_dir, name, ext);
	return fopen(path, "rb");
}

/* The first PROBE_READ_SIZE bytes, in a block of exactly that length. */
static struct image read_image(const char *name)
{
	struct image img = { malloc(PROBE_READ_SIZE), 0 };
	FILE *f = open_fixture(name, "img");

	if (f && img.data) {
		img.len = fread(img.data, 1, PROBE_READ_SIZE, f);
		img.data = realloc(img.data, img.len ? img.len : 1);
	}
	if (f)
		fclose(f);
	return img;
}

/* Copies the first len bytes into an exact-size heap block and probes it. */
static int probe_prefix(const uint8_t *src, size_t len, struct probe_result *r)
{
	uint8_t *copy = malloc(len ? len : 1);
	int rc;

	if (!copy)
		abort();
	memcpy(copy, src, len);
	rc = probe_buffer(copy, len, r);
	free(copy);
	return rc;
}

static bool field_is_terminated(const char *s, size_t size)
{
	return memchr(s, '\0', size) != NULL;
}

/* Terminated, and no control bytes: safe to print and to compare. */
static bool result_is_clean(const struct probe_result *r)
{
	const char *fields[] = { r->type, r->label, r->uuid };
	const size_t sizes[] = { sizeof(r->type), sizeof(r->label),
				 sizeof(r->uuid) };

	for (size_t f = 0; f < 3; f++) {
		if (!field_is_terminated(fields[f], sizes[f]))
			return false;
		for (const char *c = fields[f]; *c; c++)
			if ((unsigned char)*c < 0x20 || *c == 0x7f)
				return false;
	}
	return true;
}

/* KEY's value in NAME.blkid (blkid -p -o export), backslash escapes undone;
 * "" when blkid did not report the key. */
static void blkid_value(const char *name, const char *key, char *out,
			size_t size)
{
	char line[512];
	size_t klen = strlen(key), n = 0;
	FILE *f = open_fixture(name, "blkid");

	out[0] = '\0';
	while (f && fgets(line, sizeof(line), f)) {
		if (strncmp(line, key, klen) != 0 || line[klen] != '=')
			continue;
		for (const char *c = line + klen + 1; *c && *c != '\n'; c++) {
			if (*c == '\\' && c[1])
				c++;
			if (n + 1 < size)
				out[n++] = *c;
		}
		out[n] = '\0';
	}
	if (f)
		fclose(f);
}

/* ---- fixtures ---------------------------------------------------------- */

/* The two numbers of NAME.diroff (offset and size of the directory read),
 * or false when the fixture has none. */
static bool fixture_dir_read(const char *name, unsigned long long *offset, size_t *size)
{
	FILE *f = open_fixture(name, "diroff");
	bool ok = f && fscanf(f, "%llu %zu", offset, size) == 2;

	if (f)
		fclose(f);
	return ok;
}

/* The label's second read, as blockdev_probe() makes it: where the boot
 * sector says (checked against mkfixtures-probe's own sums), then the label
 * from the bytes kept there. A fixture without NAME.diroff must not ask. */
static void read_label_elsewhere(const struct expected *e, const struct image *img,
				 struct probe_result *r)
{
	uint64_t offset = 0;
	size_t size = 0, want_size = 0, n = 0;
	unsigned long long want_offset = 0;
	int rc = probe_label_location(img->data, img->len, r, &offset, &size);
	uint8_t *dir;
	FILE *f;

	if (!fixture_dir_read(e->name, &want_offset, &want_size)) {
		is_int(rc, -ENOENT, "%s: no second read for the label", e->name);
		return;
	}
	is_int(rc, 0, "%s: the label is in a root directory past the first read", e->name);
	ok(offset == want_offset && size == want_size,
	   "%s: read %zu bytes at byte %llu, as the boot sector's fields add up", e->name, size,
	   (unsigned long long)offset);
	dir = malloc(size ? size : 1);
	f = open_fixture(e->name, "dir");
	if (f && dir)
		n = fread(dir, 1, size, f);
	if (f)
		fclose(f);
	ok(size > 0 && n == size, "%s: %s.dir readable", e->name, e->name);
	probe_label_from_dir(dir, n, r);
	free(dir);
}

static void test_fixture(const struct expected *e, const struct image *img)
{
	struct probe_result r = { "", "", "" };
	char type[64], label[128], uuid[64];

	ok(img->len > 0, "%s: fixture readable in %s", e->name, fixture_dir);
	is_int(probe_buffer(img->data, img->len, &r), 0, "%s: recognised",
	       e->name);
	read_label_elsewhere(e, img, &r);
	is_str(r.type, e->type, "%s: type", e->name);
	is_str(r.label, e->label, "%s: label", e->name);
	is_str(r.uuid, e->uuid, "%s: uuid", e->name);

	blkid_value(e->name, "TYPE", type, sizeof(type));
	blkid_value(e->name, "LABEL", label, sizeof(label));
	blkid_value(e->name, "UUID", uuid, sizeof(uuid));
	ok(strcmp(type, e->type) == 0 && strcmp(label, e->label) == 0 &&
		   strcmp(uuid, e->uuid) == 0,
	   "%s: blkid agrees (TYPE=%s LABEL=%s UUID=%s)", e->name, type, label,
	   uuid);
}

/* Lengths worth trying: every one up to a little past the ext superblock
 * and FAT boot sector, a stride over the rest, and each side of the ends of
 * the first ISO descriptors. */
static size_t next_length(size_t len)
{
	static const size_t edges[] = { 32768 + 2048, 32768 + 2 * 2048 };
	size_t next = len < 1300 ? len + 1 : len + 97;

	for (size_t i = 0; i < sizeof(edges) / sizeof(edges[0]); i++) {
		size_t e = edges[i];

		if (len >= e - 2 && len <= e + 2)
			return len + 1;
		if (len < e - 2 && next > e - 2)
			return e - 2; /* do not stride over an edge */
	}
	return next;
}

/* Every prefix must be probed safely; a result may differ from the whole
 * image's (a shorter ISO simply is not one), but must stay clean. */
static void test_truncations(const struct expected *e, const struct image *img)
{
	int bad = 0, tried = 0;

	for (size_t len = 0; len <= img->len; len = next_length(len)) {
		struct probe_result r;
		int rc;

		memset(&r, 0x5a, sizeof(r));
		rc = probe_prefix(img->data, len, &r);
		tried++;
		if (rc == -ENOENT || (rc == 0 && result_is_clean(&r)))
			continue;
		if (bad++ < 3)
			printf("#   length %zu: rc %d\n", len, rc);
	}
	ok(bad == 0, "%s: %d truncated lengths probed safely", e->name, tried);
}

static void test_fixtures(void)
{
	for (size_t i = 0; i < N_FIXTURES; i++) {
		struct image img = read_image(fixtures[i].name);

		test_fixture(&fixtures[i], &img);
		test_truncations(&fixtures[i], &img);
		free(img.data);
	}
}

/* ---- hand-made buffers ------------------------------------------------- */

/* Probes an exact-size copy of buf; the result goes to *r. */
static int probe_copy(const uint8_t *buf, size_t len, struct probe_result *r)
{
	memset(r, 0, sizeof(*r));
	return probe_prefix(buf, len, r);
}

static void test_arguments(void)
{
	struct probe_result r, before;
	uint8_t byte = 0;

	is_int(probe_buffer(NULL, 0, &r), -EINVAL, "NULL buffer, len 0");
	is_int(probe_buffer(NULL, 4096, &r), -EINVAL, "NULL buffer, len 4096");
	is_int(probe_buffer(&byte, 1, NULL), -EINVAL, "NULL result");
	is_int(probe_buffer(&byte, 0, &r), -ENOENT, "empty buffer");

	memset(&r, 0x5a, sizeof(r));
	before = r;
	is_int(probe_buffer(&byte, 1, &r), -ENOENT, "one zero byte");
	ok(memcmp(&r, &before, sizeof(r)) == 0, "result untouched on -ENOENT");
}

static void put_le16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static void put_le32(uint8_t *p, uint32_t v)
{
	put_le16(p, (uint16_t)v);
	put_le16(p + 2, (uint16_t)(v >> 16));
}

/* A bare ext superblock: magic, 1 KiB blocks, the given feature words. */
static void make_ext(uint8_t *buf, uint32_t compat, uint32_t incompat,
		     uint32_t ro_compat)
{
	memset(buf, 0, 2048);
	put_le16(buf + 1024 + 56, 0xEF53);
	put_le32(buf + 1024 + 92, compat);
	put_le32(buf + 1024 + 96, incompat);
	put_le32(buf + 1024 + 100, ro_compat);
}

static void test_ext_classes(void)
{
	static const struct {
		uint32_t compat, incompat, ro_compat;
		const char *type, *why;
	} cases[] = {
		{ 0, 0x2, 0x3, "ext2", "filetype, sparse_super, large_file" },
		{ 0x4, 0x2, 0x3, "ext3", "has_journal" },
		{ 0x4, 0x6, 0x3, "ext3", "has_journal and recover" },
		{ 0x4, 0x42, 0x3, "ext4", "extents" },
		{ 0, 0x80, 0, "ext4", "64bit, no journal" },
		{ 0x4, 0x202, 0, "ext4", "flex_bg" },
		{ 0x4, 0x2, 0x8, "ext4", "ro_compat huge_file" },
		{ 0, 0x2, 0x20, "ext4", "ro_compat dir_nlink" },
		{ 0, 0x6, 0, NULL, "recover without journal (blkid: none)" },
		{ 0x4, 0xA, 0, NULL, "external journal device (blkid: jbd)" },
	};
	uint8_t buf[2048];
	struct probe_result r;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		make_ext(buf, cases[i].compat, cases[i].incompat,
			 cases[i].ro_compat);
		int rc = probe_copy(buf, sizeof(buf), &r);
		if (cases[i].type)
			is_str(rc == 0 ? r.type : "(none)", cases[i].type,
			       "ext: %s", cases[i].why);
		else
			is_int(rc, -ENOENT, "ext: %s", cases[i].why);
	}
	make_ext(buf, 0, 0x2, 0);
	put_le32(buf + 1024 + 24, 7);
	is_int(probe_copy(buf, sizeof(buf), &r), -ENOENT,
	       "ext: 128 KiB blocks are not ext");
}

static void test_ext_labels(void)
{
	uint8_t buf[2048];
	struct probe_result r;

	make_ext(buf, 0, 0x2, 0);
	memcpy(buf + 1024 + 120, "0123456789abcdef", 16);
	buf[1024 + 104 + 15] = 1;
	is_int(probe_copy(buf, sizeof(buf), &r), 0, "ext: 16-byte label");
	is_str(r.label, "0123456789abcdef", "ext: label of 16 non-NUL bytes");
	is_str(r.uuid, "00000000-0000-0000-0000-000000000001",
	       "ext: uuid formatting");
	memcpy(buf + 1024 + 120, "A\001\037\177B\tC\xc3\xa9 \t\n\0\0\0\0", 16);
	memset(buf + 1024 + 104, 0, 16);
	probe_copy(buf, sizeof(buf), &r);
	is_str(r.label, "A???B?C\xc3\xa9", "ext: controls become '?', "
	       "UTF-8 kept, trailing blanks trimmed");
	is_str(r.uuid, "", "ext: all-zero uuid is no uuid");
	is_int(probe_copy(buf, 1024 + 135, &r), -ENOENT,
	       "ext: label cut off by len");
}

/* A PVD at sector 16 with label and dates, and the terminator after it. */
static void make_iso(uint8_t *buf, const char *label, const char *mdate,
		     const char *cdate)
{
	uint8_t *pvd = buf + 32768;

	memset(buf, 0, 36864 + 2048);
	pvd[0] = 1;
	memcpy(pvd + 1, "CD001", 5);
	memset(pvd + 40, ' ', 32);
	memcpy(pvd + 40, label, strlen(label));
	memcpy(pvd + 813, cdate, 17);
	memcpy(pvd + 830, mdate, 17);
	buf[36864] = 255;
	memcpy(buf + 36865, "CD001", 5);
}

static void test_iso_dates(void)
{
	static uint8_t buf[36864 + 2048];
	struct probe_result r;
	const char *zero = "0000000000000000"; /* + the NUL offset byte */

	make_iso(buf, "X", "                ", "2001020304050607");
	probe_copy(buf, sizeof(buf), &r);
	is_str(r.uuid, "2001-02-03-04-05-06-07", "iso: blank mdate, cdate used");
	make_iso(buf, "X", zero, "          \0\0\0\0\0\0");
	probe_copy(buf, sizeof(buf), &r);
	is_str(r.uuid, "", "iso: zero mdate, blank cdate: no uuid");
	make_iso(buf, "X", zero, "0000000000000000\x04");
	probe_copy(buf, sizeof(buf), &r);
	is_str(r.uuid, "0000-00-00-00-00-00-00",
	       "iso: zero date with a zone offset is set (as blkid)");
	make_iso(buf, "                                ", zero, zero);
	probe_copy(buf, sizeof(buf), &r);
	is_str(r.label, "", "iso: all-blank label is no label");
	make_iso(buf, "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345", zero, zero);
	probe_copy(buf, sizeof(buf), &r);
	is_str(r.label, "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345", "iso: 32-char label");
}

static void test_iso_descriptors(void)
{
	static uint8_t buf[36864 + 2048];
	struct probe_result r;
	const char *d = "2001020304050607";

	make_iso(buf, "FIRST", d, d);
	is_int(probe_copy(buf, 32768 + 2047, &r), -ENOENT,
	       "iso: PVD cut short is not probed");
	is_int(probe_copy(buf, 32768 + 2048, &r), 0, "iso: exactly one PVD");
	/* A boot record before the PVD: keep walking the set. */
	memmove(buf + 34816, buf + 32768, 2048);
	memset(buf + 32768, 0, 2048);
	memcpy(buf + 32769, "CD001", 5);
	is_int(probe_copy(buf, sizeof(buf), &r), 0, "iso: PVD after a boot record");
	is_str(r.label, "FIRST", "iso: its label");
	buf[32768] = 255;
	is_int(probe_copy(buf, sizeof(buf), &r), -ENOENT,
	       "iso: terminator before any PVD");
	/* Also an ext superblock and a FAT-looking sector: ISO wins. */
	make_iso(buf, "HYBRID", d, d);
	put_le16(buf + 1024 + 56, 0xEF53);
	buf[510] = 0x55;
	buf[511] = 0xAA;
	probe_copy(buf, sizeof(buf), &r);
	is_str(r.type, "iso9660", "iso: wins over ext magic and 0x55AA");
}

static void test_squashfs(void)
{
	uint8_t sb[96] = { 'h', 's', 'q', 's' };
	struct probe_result r;

	put_le16(sb + 28, 4);
	is_int(probe_copy(sb, sizeof(sb), &r), 0, "squashfs 4.0");
	is_str(r.type, "squashfs", "squashfs: type");
	is_int(probe_copy(sb, 29, &r), -ENOENT, "squashfs: version cut off");
	put_le16(sb + 28, 3);
	is_int(probe_copy(sb, sizeof(sb), &r), -ENOENT, "squashfs 3 refused");
}

/* One boot-sector field set to a value that breaks a rule. */
struct field_break {
	size_t off, width; /* width: 1, 2 or 4 bytes, little-endian */
	uint32_t value;
	const char *what;
};

static void apply_break(uint8_t *p, const struct field_break *b)
{
	if (b->width == 1)
		p[b->off] = (uint8_t)b->value;
	else if (b->width == 2)
		put_le16(p + b->off, (uint16_t)b->value);
	else
		put_le32(p + b->off, b->value);
}

/* Each breaks one BPB rule of the vfat12 fixture; none may pass as FAT. */
static void test_insane_bpb(const struct image *fat)
{
	static const struct field_break breaks[] = {
		{ 11, 2, 1000, "bytes per sector not a power of two" },
		{ 11, 2, 256, "bytes per sector below 512" },
		{ 11, 2, 8192, "bytes per sector above 4096" },
		{ 13, 1, 3, "sectors per cluster not a power of two" },
		{ 13, 1, 0, "zero sectors per cluster" },
		{ 14, 2, 0, "no reserved sectors" },
		{ 16, 1, 0, "no FATs" },
		{ 21, 1, 0x12, "bad media byte" },
		{ 22, 2, 0, "16-bit FAT size zero: FAT32 with an absurd FAT" },
		{ 19, 2, 1, "fewer sectors than the FATs need" },
		{ 19, 2, 0, "total sectors zero, 32-bit total too many clusters" },
		{ 510, 2, 0, "no 0x55AA" },
	};
	struct probe_result r;
	uint8_t *copy = malloc(fat->len);

	/* The control: the fixture with only the unused 32-bit total set. */
	if (copy) {
		memcpy(copy, fat->data, fat->len);
		put_le32(copy + 32, 0x7fffffff);
		is_int(probe_copy(copy, fat->len, &r), 0, "vfat: sane BPB passes");
	}
	for (size_t i = 0; copy && i < sizeof(breaks) / sizeof(breaks[0]); i++) {
		memcpy(copy, fat->data, fat->len);
		put_le32(copy + 32, 0x7fffffff);
		apply_break(copy, &breaks[i]);
		is_int(probe_copy(copy, fat->len, &r), -ENOENT, "vfat: %s",
		       breaks[i].what);
	}
	free(copy);
}

/* Each breaks one rule of the exfat-small fixture's boot sector. */
static void test_insane_exfat(const struct image *ex)
{
	static const struct field_break breaks[] = {
		{ 0, 1, 0xe9, "another jump instruction" },
		{ 3, 1, 'F', "another name" },
		{ 11, 1, 1, "a FAT BPB field where exFAT has zeros" },
		{ 63, 1, 1, "the last must-be-zero byte set" },
		{ 80, 4, 0, "FAT before the boot region" },
		{ 84, 4, 0, "no FAT" },
		{ 88, 4, 30, "cluster heap overlapping the FAT" },
		{ 96, 4, 1, "root directory in cluster 1" },
		{ 96, 4, 0x7fffffff, "root directory past the last cluster" },
		{ 108, 1, 8, "256-byte sectors" },
		{ 108, 1, 13, "8 KiB sectors" },
		{ 109, 1, 17, "clusters over 32 MiB" },
		{ 110, 1, 0, "no FAT count" },
		{ 110, 1, 3, "three FATs" },
		{ 510, 2, 0, "no 0x55AA" },
	};
	struct probe_result r;
	uint64_t offset;
	size_t size;
	uint8_t *copy = malloc(ex->len);

	if (copy) {
		memcpy(copy, ex->data, ex->len);
		is_int(probe_copy(copy, ex->len, &r), 0, "exfat: the fixture's boot sector passes");
	}
	for (size_t i = 0; copy && i < sizeof(breaks) / sizeof(breaks[0]); i++) {
		memcpy(copy, ex->data, ex->len);
		apply_break(copy, &breaks[i]);
		is_int(probe_copy(copy, ex->len, &r), -ENOENT, "exfat: %s", breaks[i].what);
		strcpy(r.type, "exfat");
		is_int(probe_label_location(copy, ex->len, &r, &offset, &size), -ENOENT,
		       "exfat: %s: no label read", breaks[i].what);
	}
	free(copy);
}

/* A directory of exFAT entries: each is TYPE, then bytes. */
static void put_entry(uint8_t *dir, size_t index, uint8_t type, uint8_t count, const char *utf16le,
		      size_t bytes)
{
	memset(dir + 32 * index, 0, 32);
	dir[32 * index] = type;
	dir[32 * index + 1] = count;
	memcpy(dir + 32 * index + 2, utf16le, bytes);
}

static void label_of(const char *type, const uint8_t *dir, size_t len, char *out, size_t size)
{
	struct probe_result r = { "", "kept", "" };
	uint8_t *copy = malloc(len ? len : 1);

	snprintf(r.type, sizeof(r.type), "%s", type);

	memcpy(copy, dir, len);
	probe_label_from_dir(copy, len, &r);
	snprintf(out, size, "%s", r.label);
	free(copy);
}

static void test_exfat_labels(void)
{
	uint8_t dir[32 * 4];
	char label[64];

	memset(dir, 0, sizeof(dir));
	put_entry(dir, 0, 0x81, 0, "", 0); /* the allocation bitmap */
	put_entry(dir, 1, 0x83, 4, "L\0I\0V\0E\0", 8);
	label_of("exfat", dir, sizeof(dir), label, sizeof(label));
	is_str(label, "LIVE", "exfat label: found after another entry");
	label_of("exfat", dir, 32 + 16, label, sizeof(label));
	is_str(label, "kept", "exfat label: an entry cut off by the read is not read");
	put_entry(dir, 0, 0x00, 0, "", 0);
	label_of("exfat", dir, sizeof(dir), label, sizeof(label));
	is_str(label, "kept", "exfat label: none after the end-of-directory entry");
	put_entry(dir, 0, 0x03, 3, "O\0L\0D\0", 6); /* a label entry no longer in use */
	label_of("exfat", dir, sizeof(dir), label, sizeof(label));
	is_str(label, "LIVE", "exfat label: a deleted label entry is passed over");
	put_entry(dir, 1, 0x83, 0, "", 0);
	label_of("exfat", dir, sizeof(dir), label, sizeof(label));
	is_str(label, "", "exfat label: an empty label entry clears it");
	put_entry(dir, 1, 0x83, 15, "A\0B\0C\0D\0E\0F\0G\0H\0I\0J\0K\0L\0M\0N\0O\0", 30);
	label_of("exfat", dir, sizeof(dir), label, sizeof(label));
	is_str(label, "ABCDEFGHIJK", "exfat label: at most 11 characters, whatever the count says");
	/* U+00DC, U+20AC, U+1F600 (a surrogate pair), a tab, a lone surrogate, blanks */
	put_entry(dir, 1, 0x83, 9, "\xdc\0\xac\x20\x3d\xd8\x00\xde\t\0\x00\xd8x\0 \0 \0", 18);
	label_of("exfat", dir, sizeof(dir), label, sizeof(label));
	is_str(label, "\xc3\x9c\xe2\x82\xac\xf0\x9f\x98\x80??x", "exfat label: UTF-16 to UTF-8, "
	       "controls and lone surrogates as ?, trailing blanks trimmed");
}

/* FAT directory entries: NAME (11 bytes, padded) with ATTR. */
static void put_fat_entry(uint8_t *dir, size_t index, const char *name, uint8_t attr)
{
	memset(dir + 32 * index, 0, 32);
	memset(dir + 32 * index, ' ', 11);
	memcpy(dir + 32 * index, name, strlen(name));
	dir[32 * index + 11] = attr;
}

static void test_fat_dir_labels(void)
{
	uint8_t dir[32 * 4];
	char label[64];

	for (size_t i = 0; i < 4; i++)
		put_fat_entry(dir, i, "FILE    TXT", 0x20);
	label_of("vfat", dir, sizeof(dir), label, sizeof(label));
	is_str(label, "kept", "fat label: entries running past the read leave the label as it was");
	put_fat_entry(dir, 2, "STICK", 0x08);
	label_of("vfat", dir, sizeof(dir), label, sizeof(label));
	is_str(label, "STICK", "fat label: the volume-label entry among files");
	dir[32 * 2] = 0xe5;
	dir[32 * 3] = 0;
	label_of("vfat", dir, sizeof(dir), label, sizeof(label));
	is_str(label, "", "fat label: a deleted label, then the end: no label");
	label_of("iso9660", dir, sizeof(dir), label, sizeof(label));
	is_str(label, "kept", "another type's label is not touched");
}

/* xorshift64: deterministic garbage, same on every run. */
static uint64_t rng_state = 0x9E3779B97F4A7C15u;

static uint64_t next_random(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

/* Random bytes, sometimes with a magic planted so the deeper code runs on
 * garbage fields: CD001 PVD, ext superblock, 0x55AA, hsqs. */
static void fill_garbage(uint8_t *buf, size_t len, int plant)
{
	for (size_t i = 0; i < len; i++)
		buf[i] = (uint8_t)next_random();
	if (plant == 1 && len > 32774)
		memcpy(buf + 32768, "\001CD001", 6);
	if (plant == 2 && len > 1024 + 136) {
		/* plausible block size and features, random label and uuid */
		put_le16(buf + 1024 + 56, 0xEF53);
		put_le32(buf + 1024 + 24, 0);
		put_le32(buf + 1024 + 96, 0);
		put_le32(buf + 1024 + 100, 0);
	}
	if (plant == 3 && len > 511)
		put_le16(buf + 510, 0xAA55);
	if (plant == 4 && len > 30) {
		memcpy(buf, "hsqs", 4);
		put_le16(buf + 28, 4);
	}
}

static void test_garbage(void)
{
	int unclean = 0, found[5] = { 0 };
	uint8_t *buf = malloc(PROBE_READ_SIZE);

	for (int round = 0; buf && round < 1500; round++) {
		int plant = round % 5;
		size_t len = round % 3 ? PROBE_READ_SIZE
				       : next_random() % PROBE_READ_SIZE;
		struct probe_result r;

		fill_garbage(buf, len, plant);
		int rc = probe_prefix(buf, len, &r);
		if (rc == 0 && !result_is_clean(&r))
			unclean++;
		found[plant] += rc == 0;
	}
	free(buf);
	is_int(unclean, 0, "garbage: every result terminated and printable");
	is_int(found[0], 0, "garbage: pure noise is never recognised");
	ok(found[1] > 0 && found[2] > 0 && found[4] > 0,
	   "garbage: planted magics reach the probers (%d iso, %d ext, %d fat, "
	   "%d squashfs)", found[1], found[2], found[3], found[4]);
}

int main(int argc, char **argv)
{
	fixture_dir = argc > 1 ? argv[1] : getenv("PROBE_FIXTURES");
	if (!fixture_dir)
		fixture_dir = "build/test/probe-fixtures";

	test_arguments();
	test_fixtures();
	struct image fat = read_image("vfat12");
	if (fat.len)
		test_insane_bpb(&fat);
	free(fat.data);
	struct image ex = read_image("exfat-small");
	if (ex.len)
		test_insane_exfat(&ex);
	free(ex.data);
	test_exfat_labels();
	test_fat_dir_labels();
	test_ext_classes();
	test_ext_labels();
	test_iso_dates();
	test_iso_descriptors();
	test_squashfs();
	test_garbage();
	return done_testing();
}
