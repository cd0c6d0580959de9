/* init/probe.c: recognise iso9660, ext2/3/4, vfat, exfat and squashfs superblocks.
 *
 * The verdicts, labels and UUIDs follow what util-linux's blkid (2.38)
 * reports, because users copy them from `blkid` output into live-media=.
 * Everything is read through byte_span(), which refuses any field that does
 * not lie wholly inside the buffer: the bytes come from an untrusted disk and
 * the buffer may be short (small device, short read).
 */
#include "probe.h"

#include <errno.h>
#include <stdbool.h>
#include <string.h>

/* ---- bounds-checked reading -------------------------------------------- */

/* Returns buf+off when n bytes at off lie inside the buffer, else NULL.
 * Written so that off+n cannot overflow. */
static const uint8_t *byte_span(const uint8_t *buf, size_t len, size_t off,
				size_t n)
{
	if (off > len || n > len - off)
		return NULL;
	return buf + off;
}

static uint16_t le16_at(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t le32_at(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

static bool is_power_of_two(uint32_t v)
{
	return v != 0 && (v & (v - 1)) == 0;
}

static bool all_bytes_are(const uint8_t *p, size_t n, uint8_t value)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != value)
			return false;
	return true;
}

/* ---- output formatting ------------------------------------------------- */

/* blkid trims with isspace(), so a trailing tab or newline goes too. */
static bool is_blank(uint8_t c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

/* Copies an on-disk label: it ends at the first NUL or after n bytes, loses
 * trailing blanks (as blkid does), and control bytes become '?' so the label
 * can be logged to a console safely. Bytes >= 0x80 are kept: ext4 labels may
 * be UTF-8 and must still compare equal to a LABEL= the user typed. */
static void set_label(struct probe_result *r, const uint8_t *src, size_t n)
{
	size_t used = 0;

	while (used < n && used < sizeof(r->label) - 1 && src[used] != 0)
		used++;
	while (used > 0 && is_blank(src[used - 1]))
		used--;
	for (size_t i = 0; i < used; i++) {
		bool control = src[i] < 0x20 || src[i] == 0x7f;
		r->label[i] = control ? '?' : (char)src[i];
	}
	r->label[used] = '\0';
}

/* Appends two hex digits for byte b at *pos. */
static void put_hex(char *dst, size_t *pos, uint8_t b, const char *digits)
{
	dst[(*pos)++] = digits[b >> 4];
	dst[(*pos)++] = digits[b & 0xf];
}

/* A FAT or exFAT volume serial (4 bytes, little-endian) in blkid's notation:
 * the bytes high to low, as XXXX-XXXX. */
static void set_serial_uuid(struct probe_result *r, const uint8_t *serial)
{
	size_t pos = 0;

	for (int i = 3; i >= 0; i--) {
		put_hex(r->uuid, &pos, serial[i], "0123456789ABCDEF");
		if (i == 2)
			r->uuid[pos++] = '-';
	}
	r->uuid[pos] = '\0';
}

/* ---- iso9660 ----------------------------------------------------------- */

#define ISO_FIRST_DESCRIPTOR 32768
#define ISO_SECTOR 2048
#define ISO_TYPE_PRIMARY 1
#define ISO_TYPE_TERMINATOR 255
#define ISO_VOLUME_ID 40
#define ISO_CREATION_DATE 813
#define ISO_MODIFICATION_DATE 830
#define ISO_DATE_DIGITS 16

/* Finds the primary volume descriptor. It is normally the first one, but
 * ECMA-119 only promises a set starting at sector 16, so walk it until the
 * terminator, a sector without the "CD001" tag, or the end of the buffer. */
static const uint8_t *iso_primary_descriptor(const uint8_t *buf, size_t len)
{
	size_t off = ISO_FIRST_DESCRIPTOR;
	const uint8_t *d;

	while ((d = byte_span(buf, len, off, ISO_SECTOR)) != NULL) {
		if (memcmp(d + 1, "CD001", 5) != 0 ||
		    d[0] == ISO_TYPE_TERMINATOR)
			return NULL;
		if (d[0] == ISO_TYPE_PRIMARY)
			return d;
		off += ISO_SECTOR;
	}
	return NULL;
}

/* A date is "unset" for blkid when its 16 digits are all '0' and the zone
 * offset byte is 0. We also treat any non-digit (blanks, NULs, garbage) as
 * unset: blkid would print such bytes verbatim, which is no usable UUID. */
static bool iso_date_is_set(const uint8_t *date)
{
	bool all_zero = date[ISO_DATE_DIGITS] == 0;

	for (size_t i = 0; i < ISO_DATE_DIGITS; i++) {
		if (date[i] < '0' || date[i] > '9')
			return false;
		all_zero = all_zero && date[i] == '0';
	}
	return !all_zero;
}

/* blkid's notation: "YYYY-MM-DD-HH-MM-SS-cc" from the date digits. */
static void iso_set_uuid(struct probe_result *r, const uint8_t *date)
{
	size_t pos = 0;

	for (size_t i = 0; i < ISO_DATE_DIGITS; i++) {
		if (i >= 4 && i % 2 == 0)
			r->uuid[pos++] = '-';
		r->uuid[pos++] = (char)date[i];
	}
	r->uuid[pos] = '\0';
}

/* blkid prefers the modification date and falls back to the creation date,
 * so an ISO rebuilt from the same tree gets a new UUID. */
static bool probe_iso9660(const uint8_t *buf, size_t len,
			  struct probe_result *r)
{
	const uint8_t *pvd = iso_primary_descriptor(buf, len);

	if (pvd == NULL)
		return false;
	set_label(r, pvd + ISO_VOLUME_ID, 32);
	if (iso_date_is_set(pvd + ISO_MODIFICATION_DATE))
		iso_set_uuid(r, pvd + ISO_MODIFICATION_DATE);
	else if (iso_date_is_set(pvd + ISO_CREATION_DATE))
		iso_set_uuid(r, pvd + ISO_CREATION_DATE);
	return true;
}

/* ---- squashfs ---------------------------------------------------------- */

#define SQUASHFS_VERSION_MAJOR 28

/* Only version 4 (the kernel's only supported format since 2.6.29). */
static bool probe_squashfs(const uint8_t *buf, size_t len,
			   struct probe_result *r)
{
	const uint8_t *sb = byte_span(buf, len, 0, SQUASHFS_VERSION_MAJOR + 2);

	(void)r; /* squashfs has neither label nor UUID */
	return sb != NULL && memcmp(sb, "hsqs", 4) == 0 &&
	       le16_at(sb + SQUASHFS_VERSION_MAJOR) == 4;
}

/* ---- ext2/ext3/ext4 ---------------------------------------------------- */

#define EXT_SUPERBLOCK 1024
#define EXT_LOG_BLOCK_SIZE 24
#define EXT_MAGIC 56
#define EXT_COMPAT 92
#define EXT_INCOMPAT 96
#define EXT_RO_COMPAT 100
#define EXT_UUID 104
#define EXT_LABEL 120
#define EXT_FIELDS_END 136

#define EXT_COMPAT_HAS_JOURNAL 0x0004u
#define EXT_INCOMPAT_JOURNAL_DEV 0x0008u
/* What ext2 and ext3 drivers understood; anything else means ext4.
 * The same sets as blkid's EXT2/EXT3_FEATURE_*_SUPP. */
#define EXT2_INCOMPAT_KNOWN 0x0012u /* filetype, meta_bg */
#define EXT3_INCOMPAT_KNOWN 0x0016u /* filetype, recover, meta_bg */
#define EXT23_RO_COMPAT_KNOWN 0x0007u /* sparse_super, large_file, btree */

struct ext_features {
	uint32_t compat, incompat, ro_compat;
};

/* Returns the superblock when it carries the magic and a plausible block
 * size (1 KiB << 0..6); NULL for an external journal, which blkid calls jbd
 * and which is not mountable. */
static const uint8_t *ext_superblock(const uint8_t *buf, size_t len,
				     struct ext_features *f)
{
	const uint8_t *sb = byte_span(buf, len, EXT_SUPERBLOCK, EXT_FIELDS_END);

	if (sb == NULL || le16_at(sb + EXT_MAGIC) != 0xEF53 ||
	    le32_at(sb + EXT_LOG_BLOCK_SIZE) > 6)
		return NULL;
	f->compat = le32_at(sb + EXT_COMPAT);
	f->incompat = le32_at(sb + EXT_INCOMPAT);
	f->ro_compat = le32_at(sb + EXT_RO_COMPAT);
	return (f->incompat & EXT_INCOMPAT_JOURNAL_DEV) ? NULL : sb;
}

/* 8-4-4-4-12 lowercase hex; none when all zero, as blkid. */
static void ext_fill(const uint8_t *sb, struct probe_result *r)
{
	const uint8_t *uuid = sb + EXT_UUID;
	size_t pos = 0;

	set_label(r, sb + EXT_LABEL, 16);
	if (all_bytes_are(uuid, 16, 0))
		return;
	for (size_t i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			r->uuid[pos++] = '-';
		put_hex(r->uuid, &pos, uuid[i], "0123456789abcdef");
	}
	r->uuid[pos] = '\0';
}

static bool beyond_ext3(const struct ext_features *f)
{
	return (f->incompat & ~EXT3_INCOMPAT_KNOWN) ||
	       (f->ro_compat & ~EXT23_RO_COMPAT_KNOWN);
}

static bool probe_ext4(const uint8_t *buf, size_t len, struct probe_result *r)
{
	struct ext_features f;
	const uint8_t *sb = ext_superblock(buf, len, &f);

	if (sb == NULL || !beyond_ext3(&f))
		return false;
	ext_fill(sb, r);
	return true;
}

static bool probe_ext3(const uint8_t *buf, size_t len, struct probe_result *r)
{
	struct ext_features f;
	const uint8_t *sb = ext_superblock(buf, len, &f);

	if (sb == NULL || !(f.compat & EXT_COMPAT_HAS_JOURNAL) ||
	    beyond_ext3(&f))
		return false;
	ext_fill(sb, r);
	return true;
}

/* Like blkid, a journal-less file system with the "recover" flag set fits
 * none of the three and stays unrecognised. */
static bool probe_ext2(const uint8_t *buf, size_t len, struct probe_result *r)
{
	struct ext_features f;
	const uint8_t *sb = ext_superblock(buf, len, &f);

	if (sb == NULL || (f.compat & EXT_COMPAT_HAS_JOURNAL) ||
	    (f.incompat & ~EXT2_INCOMPAT_KNOWN) ||
	    (f.ro_compat & ~EXT23_RO_COMPAT_KNOWN))
		return false;
	ext_fill(sb, r);
	return true;
}

/* ---- vfat -------------------------------------------------------------- */

#define FAT_BOOT_SECTOR_SIZE 512
#define FAT_DIR_ENTRY 32
#define FAT_ATTR_VOLUME_ID 0x08
#define FAT_ATTR_DIR 0x10
#define FAT_ATTR_LONG_NAME 0x0f
#define FAT_ENTRY_DELETED 0xe5
#define FAT12_MAX_CLUSTERS 0xFF4u
#define FAT16_MAX_CLUSTERS 0xFFF4u
#define FAT32_MAX_CLUSTERS 0x0FFFFFF6u

/* The BPB fields, decoded once; offsets as in the boot sector. */
struct fat_bpb {
	uint32_t sector_size, cluster_sectors, reserved, fats, root_entries;
	uint32_t total_sectors, fat_sectors, root_cluster;
	bool fat32;
	const uint8_t *ext; /* extended BPB: 36 (FAT12/16) or 64 (FAT32) */
};

static void fat_decode(const uint8_t *bs, struct fat_bpb *b)
{
	b->sector_size = le16_at(bs + 11);
	b->cluster_sectors = bs[13];
	b->reserved = le16_at(bs + 14);
	b->fats = bs[16];
	b->root_entries = le16_at(bs + 17);
	b->total_sectors = le16_at(bs + 19);
	if (b->total_sectors == 0)
		b->total_sectors = le32_at(bs + 32);
	b->fat_sectors = le16_at(bs + 22);
	/* A zero 16-bit FAT size is what marks FAT32, as in blkid. */
	b->fat32 = b->fat_sectors == 0;
	if (b->fat32)
		b->fat_sectors = le32_at(bs + 36);
	b->root_cluster = le32_at(bs + 44);
	b->ext = bs + (b->fat32 ? 64 : 36);
}

/* The cluster count must fit the FAT width, as blkid checks: one more guard
 * against an MBR or boot code that merely ends in 0x55AA. The sums are
 * 64-bit so that no on-disk value can make them wrap. */
static bool fat_clusters_fit(const struct fat_bpb *b)
{
	uint64_t root_sectors = ((uint64_t)b->root_entries * FAT_DIR_ENTRY +
				 b->sector_size - 1) / b->sector_size;
	uint64_t overhead = b->reserved + (uint64_t)b->fats * b->fat_sectors +
			    root_sectors;
	uint64_t clusters, max;

	if (overhead > b->total_sectors)
		return false;
	clusters = (b->total_sectors - overhead) / b->cluster_sectors;
	if (b->fat32)
		max = FAT32_MAX_CLUSTERS;
	else
		max = clusters > FAT12_MAX_CLUSTERS ? FAT16_MAX_CLUSTERS
						    : FAT12_MAX_CLUSTERS;
	return clusters <= max;
}

/* The same sanity checks as blkid's fat_valid_superblock(). */
static bool fat_bpb_is_sane(const uint8_t *bs, const struct fat_bpb *b)
{
	uint8_t media = bs[21];

	return bs[510] == 0x55 && bs[511] == 0xAA &&
	       is_power_of_two(b->sector_size) && b->sector_size >= 512 &&
	       b->sector_size <= 4096 && is_power_of_two(b->cluster_sectors) &&
	       b->reserved > 0 && b->fats > 0 && b->fat_sectors > 0 &&
	       (media >= 0xf8 || media == 0xf0) && fat_clusters_fit(b);
}

enum dir_label { LABEL_FOUND, LABEL_ABSENT, LABEL_UNREADABLE };

/* Looks for the volume-label entry in a root directory at byte off. blkid
 * takes LABEL from there (not from the boot sector), because some systems
 * relabel only the directory entry. */
static enum dir_label fat_scan_dir(const uint8_t *buf, size_t len,
				   uint64_t off, uint32_t entries,
				   const uint8_t **label)
{
	for (uint32_t i = 0; i < entries; i++) {
		uint64_t at = off + (uint64_t)i * FAT_DIR_ENTRY;
		const uint8_t *e = at > len ? NULL
			: byte_span(buf, len, (size_t)at, FAT_DIR_ENTRY);

		if (e == NULL)
			return LABEL_UNREADABLE;
		if (e[0] == 0)
			return LABEL_ABSENT;
		if (e[0] == FAT_ENTRY_DELETED || le16_at(e + 20) != 0 ||
		    le16_at(e + 26) != 0 ||
		    (e[11] & 0x3f) == FAT_ATTR_LONG_NAME)
			continue;
		if ((e[11] & (FAT_ATTR_VOLUME_ID | FAT_ATTR_DIR)) ==
		    FAT_ATTR_VOLUME_ID) {
			*label = e;
			return LABEL_FOUND;
		}
	}
	return LABEL_ABSENT;
}

/* FAT12/16 have a fixed root directory after the FATs; FAT32's starts at
 * root_cluster. Only its first cluster is searched: following the FAT chain
 * would mean reading the FAT too. Returns false when there is no such place. */
static bool fat_root_dir(const struct fat_bpb *b, uint64_t *off, uint32_t *entries)
{
	uint64_t sector = b->reserved + (uint64_t)b->fats * b->fat_sectors;

	if (b->fat32) {
		if (b->root_cluster < 2)
			return false;
		sector += (uint64_t)(b->root_cluster - 2) * b->cluster_sectors;
	}
	*off = sector * b->sector_size;
	*entries = b->fat32 ? b->cluster_sectors * b->sector_size / FAT_DIR_ENTRY : b->root_entries;
	return true;
}

static enum dir_label fat_root_label(const uint8_t *buf, size_t len,
				     const struct fat_bpb *b,
				     const uint8_t **label)
{
	uint64_t off;
	uint32_t entries;

	if (!fat_root_dir(b, &off, &entries))
		return LABEL_UNREADABLE;
	return fat_scan_dir(buf, len, off, entries, label);
}

/* Extended BPB: signature 0x29 (or 0x28, serial only), serial, label. */
static void fat_fill(const uint8_t *buf, size_t len, const struct fat_bpb *b,
		     struct probe_result *r)
{
	const uint8_t *serial = b->ext + 3, *label = NULL;
	uint8_t signature = b->ext[2];
	enum dir_label found = fat_root_label(buf, len, b, &label);

	/* Only when the directory is out of reach do we fall back to the
	 * boot-sector copy of the label, which mkfs and fatlabel keep equal;
	 * probe_label_location() then asks for a read of the directory. */
	if (found == LABEL_UNREADABLE && signature == 0x29 &&
	    memcmp(b->ext + 7, "NO NAME    ", 11) != 0)
		label = b->ext + 7;
	if (label != NULL)
		set_label(r, label, 11);
	if (!b->fat32 && signature != 0x29 && signature != 0x28)
		return;
	set_serial_uuid(r, serial);
}

static bool probe_vfat(const uint8_t *buf, size_t len, struct probe_result *r)
{
	const uint8_t *bs = byte_span(buf, len, 0, FAT_BOOT_SECTOR_SIZE);
	struct fat_bpb b;

	if (bs == NULL)
		return false;
	fat_decode(bs, &b);
	if (!fat_bpb_is_sane(bs, &b))
		return false;
	fat_fill(buf, len, &b, r);
	return true;
}

/* Where the root directory is, when it lay beyond buf. */
static bool vfat_label_location(const uint8_t *buf, size_t len, uint64_t *off, size_t *size)
{
	const uint8_t *bs = byte_span(buf, len, 0, FAT_BOOT_SECTOR_SIZE), *label = NULL;
	struct fat_bpb b;
	uint32_t entries;

	if (bs == NULL)
		return false;
	fat_decode(bs, &b);
	if (!fat_bpb_is_sane(bs, &b) || fat_root_label(buf, len, &b, &label) != LABEL_UNREADABLE ||
	    !fat_root_dir(&b, off, &entries) || entries == 0)
		return false;
	*size = (uint64_t)entries * FAT_DIR_ENTRY < PROBE_LABEL_READ_SIZE ? entries * FAT_DIR_ENTRY
									 : PROBE_LABEL_READ_SIZE;
	return true;
}

/* The label entry among the root directory's first entries; with none before
 * their end, no label (as blkid: the boot sector's copy is not the label). */
static void vfat_label_from_dir(const uint8_t *dir, size_t len, struct probe_result *r)
{
	const uint8_t *label = NULL;
	/* one entry more than the bytes hold: running out is "unreadable", not "absent" */
	enum dir_label found = fat_scan_dir(dir, len, 0, (uint32_t)(len / FAT_DIR_ENTRY) + 1, &label);

	if (found == LABEL_FOUND)
		set_label(r, label, 11);
	else if (found == LABEL_ABSENT)
		r->label[0] = '\0';
}

/* ---- exfat ------------------------------------------------------------- */

/* The boot sector's fields (Microsoft's exFAT specification, 3.1). */
#define EXFAT_NAME 3
#define EXFAT_ZERO 11
#define EXFAT_ZERO_LEN 53
#define EXFAT_FAT_OFFSET 80
#define EXFAT_FAT_LENGTH 84
#define EXFAT_HEAP_OFFSET 88
#define EXFAT_CLUSTER_COUNT 92
#define EXFAT_ROOT_CLUSTER 96
#define EXFAT_SERIAL 100
#define EXFAT_SECTOR_SHIFT 108
#define EXFAT_CLUSTER_SHIFT 109
#define EXFAT_FATS 110
#define EXFAT_SIGNATURE 510
#define EXFAT_MAX_CLUSTER_SHIFT 25 /* clusters of at most 32 MiB */
#define EXFAT_ENTRY 32
#define EXFAT_ENTRY_END 0x00
#define EXFAT_ENTRY_LABEL 0x83
#define EXFAT_LABEL_UNITS 11

/* blkid's checks (the kernel makes them too, with the boot region's
 * checksum, before it mounts): a boot sector that passes them can only be
 * exFAT, and its geometry adds up. */
static bool exfat_boot_sector_is_sane(const uint8_t *bs)
{
	uint32_t fat_offset = le32_at(bs + EXFAT_FAT_OFFSET);
	uint32_t fat_length = le32_at(bs + EXFAT_FAT_LENGTH);
	uint32_t heap = le32_at(bs + EXFAT_HEAP_OFFSET);
	uint32_t clusters = le32_at(bs + EXFAT_CLUSTER_COUNT);
	uint32_t root = le32_at(bs + EXFAT_ROOT_CLUSTER);
	uint8_t sector_shift = bs[EXFAT_SECTOR_SHIFT], fats = bs[EXFAT_FATS];

	if (memcmp(bs, "\xeb\x76\x90", 3) != 0 || memcmp(bs + EXFAT_NAME, "EXFAT   ", 8) != 0 ||
	    le16_at(bs + EXFAT_SIGNATURE) != 0xaa55)
		return false;
	if (!all_bytes_are(bs + EXFAT_ZERO, EXFAT_ZERO_LEN, 0))
		return false;
	if (sector_shift < 9 || sector_shift > 12 ||
	    bs[EXFAT_CLUSTER_SHIFT] > EXFAT_MAX_CLUSTER_SHIFT - sector_shift)
		return false;
	if ((fats != 1 && fats != 2) || fat_offset < 24 || fat_length == 0)
		return false;
	if ((uint64_t)heap < fat_offset + (uint64_t)fat_length * fats)
		return false;
	return root >= 2 && (uint64_t)root < (uint64_t)clusters + 2;
}

static bool probe_exfat(const uint8_t *buf, size_t len, struct probe_result *r)
{
	const uint8_t *bs = byte_span(buf, len, 0, FAT_BOOT_SECTOR_SIZE);

	if (bs == NULL || !exfat_boot_sector_is_sane(bs))
		return false;
	set_serial_uuid(r, bs + EXFAT_SERIAL);
	return true; /* the label is in the root directory: exfat_label_location() */
}

/* The root directory's first cluster, or the part of it a label read takes. */
static bool exfat_label_location(const uint8_t *buf, size_t len, uint64_t *off, size_t *size)
{
	const uint8_t *bs = byte_span(buf, len, 0, FAT_BOOT_SECTOR_SIZE);
	unsigned sector_shift, cluster_shift;

	if (bs == NULL || !exfat_boot_sector_is_sane(bs))
		return false;
	sector_shift = bs[EXFAT_SECTOR_SHIFT];
	cluster_shift = sector_shift + bs[EXFAT_CLUSTER_SHIFT];
	/* at most 2^32 sectors of 4 KiB plus 2^32 clusters of 32 MiB: no overflow */
	*off = ((uint64_t)le32_at(bs + EXFAT_HEAP_OFFSET) << sector_shift) +
	       ((uint64_t)(le32_at(bs + EXFAT_ROOT_CLUSTER) - 2) << cluster_shift);
	*size = cluster_shift < 12 ? (size_t)1 << cluster_shift : PROBE_LABEL_READ_SIZE;
	return true;
}

/* Appends the UTF-8 form of code point c, or '?' for a control character,
 * a lone surrogate or when it would not fit (with its NUL) in size. */
static void put_utf8(char *dst, size_t size, size_t *pos, uint32_t c)
{
	uint8_t out[4];
	size_t n;

	if (c < 0x20 || c == 0x7f || (c >= 0xd800 && c <= 0xdfff)) {
		out[0] = '?', n = 1;
	} else if (c < 0x80) {
		out[0] = (uint8_t)c, n = 1;
	} else if (c < 0x800) {
		out[0] = (uint8_t)(0xc0 | c >> 6), out[1] = (uint8_t)(0x80 | (c & 0x3f)), n = 2;
	} else if (c < 0x10000) {
		out[0] = (uint8_t)(0xe0 | c >> 12), out[1] = (uint8_t)(0x80 | ((c >> 6) & 0x3f));
		out[2] = (uint8_t)(0x80 | (c & 0x3f)), n = 3;
	} else {
		out[0] = (uint8_t)(0xf0 | c >> 18), out[1] = (uint8_t)(0x80 | ((c >> 12) & 0x3f));
		out[2] = (uint8_t)(0x80 | ((c >> 6) & 0x3f)), out[3] = (uint8_t)(0x80 | (c & 0x3f)), n = 4;
	}
	if (*pos + n >= size)
		return;
	memcpy(dst + *pos, out, n);
	*pos += n;
}

/* The label entry's UTF-16LE units as UTF-8, trailing blanks trimmed. */
static void exfat_set_label(struct probe_result *r, const uint8_t *units, unsigned count)
{
	size_t pos = 0;

	for (unsigned i = 0; i < count; i++) {
		uint32_t c = le16_at(units + 2 * i);

		if (c >= 0xd800 && c <= 0xdbff && i + 1 < count) {
			uint32_t low = le16_at(units + 2 * (i + 1));

			if (low >= 0xdc00 && low <= 0xdfff) {
				c = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
				i++;
			}
		}
		put_utf8(r->label, sizeof(r->label), &pos, c);
	}
	while (pos > 0 && is_blank((uint8_t)r->label[pos - 1]))
		pos--;
	r->label[pos] = '\0';
}

static void exfat_label_from_dir(const uint8_t *dir, size_t len, struct probe_result *r)
{
	for (size_t off = 0; byte_span(dir, len, off, EXFAT_ENTRY) != NULL; off += EXFAT_ENTRY) {
		const uint8_t *e = dir + off;

		if (e[0] == EXFAT_ENTRY_END)
			return;
		if (e[0] != EXFAT_ENTRY_LABEL)
			continue;
		exfat_set_label(r, e + 2, e[1] < EXFAT_LABEL_UNITS ? e[1] : EXFAT_LABEL_UNITS);
		return;
	}
}

/* ---- the label's second read ------------------------------------------ */

int probe_label_location(const uint8_t *buf, size_t len, const struct probe_result *r,
			 uint64_t *offset, size_t *size)
{
	bool found = false;

	if (buf == NULL || r == NULL || offset == NULL || size == NULL)
		return -ENOENT;
	if (strcmp(r->type, "exfat") == 0)
		found = exfat_label_location(buf, len, offset, size);
	else if (strcmp(r->type, "vfat") == 0)
		found = vfat_label_location(buf, len, offset, size);
	return found ? 0 : -ENOENT;
}

void probe_label_from_dir(const uint8_t *dir, size_t len, struct probe_result *r)
{
	if (dir == NULL || r == NULL)
		return;
	if (strcmp(r->type, "exfat") == 0)
		exfat_label_from_dir(dir, len, r);
	else if (strcmp(r->type, "vfat") == 0)
		vfat_label_from_dir(dir, len, r);
}

/* ---- the table --------------------------------------------------------- */

/* First match wins, so the order settles overlaps. iso9660 comes first: a
 * hybrid ISO also carries an MBR ending in 0x55AA at 0, and its data area
 * could hold anything at 1024. Strong magics come before FAT, whose only
 * signature is 0x55AA plus plausible numbers (exFAT's boot sector has
 * zeros where FAT's numbers are: neither passes as the other). ext4 before
 * ext3 before ext2 because each checks "features beyond" the next. */
static const struct {
	const char *type;
	bool (*matches)(const uint8_t *buf, size_t len, struct probe_result *r);
} probers[] = {
	{ "iso9660", probe_iso9660 },
	{ "squashfs", probe_squashfs },
	{ "ext4", probe_ext4 },
	{ "ext3", probe_ext3 },
	{ "ext2", probe_ext2 },
	{ "exfat", probe_exfat },
	{ "vfat", probe_vfat },
};

int probe_buffer(const uint8_t *buf, size_t len, struct probe_result *out)
{
	if (buf == NULL || out == NULL)
		return -EINVAL;
	for (size_t i = 0; i < sizeof(probers) / sizeof(probers[0]); i++) {
		/* Fill a scratch copy: out stays untouched on -ENOENT, and a
		 * prober that gives up half-way leaves nothing behind. */
		struct probe_result r;

		memset(&r, 0, sizeof(r));
		if (!probers[i].matches(buf, len, &r))
			continue;
		strncpy(r.type, probers[i].type, sizeof(r.type) - 1);
		*out = r;
		return 0;
	}
	return -ENOENT;
}
