/* mkinitramfs/elf.c: the needs of an ELF64 little-endian object (see elf.h).
 *
 * Fields are read byte by byte at their offsets (no casts of the buffer to
 * structures: no alignment assumptions, the same result on any host). */
#include "elf.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* The parts of the ELF64 format read here (System V ABI). */
#define EHDR_SIZE 64
#define EI_CLASS 4
#define EI_DATA 5
#define EI_VERSION 6
#define ELFCLASS64 2
#define ELFDATA2LSB 1
#define EV_CURRENT 1
#define E_TYPE 16
#define E_MACHINE 18
#define E_PHOFF 32
#define E_PHENTSIZE 54
#define E_PHNUM 56
#define E_SHOFF 40
#define E_SHENTSIZE 58
#define E_SHNUM 60
#define E_SHSTRNDX 62

#define PHDR_SIZE 56
#define PH_TABLE_MAX 65536 /* the kernel's limit on the program header table */
#define P_TYPE 0
#define P_OFFSET 8
#define P_VADDR 16
#define P_FILESZ 32
#define PT_LOAD 1
#define PT_DYNAMIC 2
#define PT_INTERP 3

#define SHDR_SIZE 64
#define SH_NAME 0
#define SH_TYPE 4
#define SH_OFFSET 24
#define SH_SIZE 32
#define SH_LINK 40
#define SHT_NOBITS 8
#define SHN_XINDEX 0xffff

#define DYN_SIZE 16
#define DT_NULL 0
#define DT_NEEDED 1
#define DT_STRTAB 5
#define DT_STRSZ 10
#define DT_SONAME 14
#define DT_RPATH 15
#define DT_RUNPATH 29

struct image {
	const unsigned char *p;
	size_t len;
	size_t phoff, phnum; /* the program header table, checked to be inside */
};

/* A range of the file: [off, off + size). */
struct range {
	size_t off, size;
};

static uint16_t rd16(const unsigned char *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t rd32(const unsigned char *p)
{
	return (uint32_t)rd16(p) | (uint32_t)rd16(p + 2) << 16;
}

static uint64_t rd64(const unsigned char *p)
{
	return (uint64_t)rd32(p) | (uint64_t)rd32(p + 4) << 32;
}

/* Whether [off, off + size) lies within len bytes (no overflow). */
static bool inside(size_t len, uint64_t off, uint64_t size)
{
	return off <= len && size <= len - off;
}

static const unsigned char *phdr(const struct image *im, size_t i)
{
	return im->p + im->phoff + i * PHDR_SIZE;
}

static int check_header(struct image *im, struct elf_info *info)
{
	const unsigned char *p = im->p;
	uint64_t phoff;
	uint16_t type;

	if (im->len < 4 || memcmp(p, "\177ELF", 4) != 0)
		return -ENOEXEC;
	if (im->len < EHDR_SIZE)
		return -EBADMSG;
	type = rd16(p + E_TYPE);
	if (p[EI_CLASS] != ELFCLASS64 || p[EI_DATA] != ELFDATA2LSB || p[EI_VERSION] != EV_CURRENT ||
	    (type != ELF_EXEC && type != ELF_DYN))
		return -ENOEXEC;
	info->kind = (enum elf_kind)type;
	info->machine = rd16(p + E_MACHINE);
	phoff = rd64(p + E_PHOFF);
	im->phnum = rd16(p + E_PHNUM);
	if (rd16(p + E_PHENTSIZE) != PHDR_SIZE || im->phnum == 0 ||
	    im->phnum * PHDR_SIZE > PH_TABLE_MAX || !inside(im->len, phoff, im->phnum * PHDR_SIZE))
		return -EBADMSG;
	im->phoff = (size_t)phoff;
	return 0;
}

/* The file range of the first segment of the given type; 0, -ENOENT when
 * there is none, -EBADMSG when it does not lie within the file. */
static int find_segment(const struct image *im, uint32_t type, struct range *r)
{
	for (size_t i = 0; i < im->phnum; i++) {
		const unsigned char *ph = phdr(im, i);
		uint64_t off = rd64(ph + P_OFFSET), size = rd64(ph + P_FILESZ);

		if (rd32(ph + P_TYPE) != type)
			continue;
		if (!inside(im->len, off, size))
			return -EBADMSG;
		*r = (struct range){ (size_t)off, (size_t)size };
		return 0;
	}
	return -ENOENT;
}

/* The file range of size bytes at address addr, through the PT_LOAD holding them. */
static int map_address(const struct image *im, uint64_t addr, uint64_t size, struct range *r)
{
	for (size_t i = 0; i < im->phnum; i++) {
		const unsigned char *ph = phdr(im, i);
		uint64_t vaddr = rd64(ph + P_VADDR), filesz = rd64(ph + P_FILESZ);
		uint64_t off = rd64(ph + P_OFFSET);

		if (rd32(ph + P_TYPE) != PT_LOAD || addr < vaddr || addr - vaddr >= filesz ||
		    size > filesz - (addr - vaddr) || !inside(im->len, off, filesz))
			continue;
		*r = (struct range){ (size_t)(off + (addr - vaddr)), (size_t)size };
		return 0;
	}
	return -EBADMSG;
}

/* A copy of the NUL-terminated string at offset at of the range. */
static int copy_string(const struct image *im, const struct range *r, uint64_t at, char **out)
{
	const unsigned char *start, *nul;

	if (at >= r->size)
		return -EBADMSG;
	start = im->p + r->off + at;
	nul = memchr(start, '\0', r->size - (size_t)at);
	if (!nul)
		return -EBADMSG;
	*out = strndup((const char *)start, (size_t)(nul - start));
	return *out ? 0 : -ENOMEM;
}

static int read_interp(const struct image *im, struct elf_info *info)
{
	struct range r;
	int err = find_segment(im, PT_INTERP, &r);

	if (err == -ENOENT)
		return 0;
	if (!err)
		err = copy_string(im, &r, 0, &info->interp);
	if (!err && !info->interp[0])
		err = -EBADMSG;
	return err;
}

/* The dynamic section's string table, when some entry needs it. */
struct dynamic {
	struct range entries; /* whole entries only, up to DT_NULL */
	struct range strtab;
	size_t nneeded;
	bool has_strings;
};

static int scan_dynamic(const struct image *im, struct dynamic *d)
{
	uint64_t strtab = 0, strsz = 0;
	bool has_strtab = false, has_strsz = false;

	for (size_t at = 0; at + DYN_SIZE <= d->entries.size; at += DYN_SIZE) {
		const unsigned char *dyn = im->p + d->entries.off + at;
		uint64_t tag = rd64(dyn), val = rd64(dyn + 8);

		if (tag == DT_NULL) {
			d->entries.size = at;
			break;
		}
		if (tag == DT_STRTAB) {
			has_strtab = true;
			strtab = val;
		} else if (tag == DT_STRSZ) {
			has_strsz = true;
			strsz = val;
		} else if (tag == DT_NEEDED && ++d->nneeded > ELF_MAX_NEEDED)
			return -E2BIG;
		d->has_strings |= tag == DT_NEEDED || tag == DT_SONAME || tag == DT_RPATH ||
				  tag == DT_RUNPATH;
	}
	if (!d->has_strings)
		return 0;
	if (!has_strtab || !has_strsz)
		return -EBADMSG;
	return map_address(im, strtab, strsz, &d->strtab);
}

/* Replaces *slot by the string at offset at (the last entry of a tag wins, as in glibc). */
static int replace_string(const struct image *im, const struct dynamic *d, uint64_t at,
			  char **slot)
{
	char *s = NULL;
	int err = copy_string(im, &d->strtab, at, &s);

	if (!err) {
		free(*slot);
		*slot = s;
	}
	return err;
}

static int take_entry(const struct image *im, const struct dynamic *d, const unsigned char *dyn,
		      struct elf_info *info)
{
	uint64_t tag = rd64(dyn), val = rd64(dyn + 8);

	switch (tag) {
	case DT_NEEDED:
		return copy_string(im, &d->strtab, val, &info->needed[info->nneeded++]);
	case DT_SONAME:
		return replace_string(im, d, val, &info->soname);
	case DT_RPATH:
		return replace_string(im, d, val, &info->rpath);
	case DT_RUNPATH:
		return replace_string(im, d, val, &info->runpath);
	default:
		return 0;
	}
}

static int read_dynamic(const struct image *im, struct elf_info *info)
{
	struct dynamic d = { .nneeded = 0 };
	int err = find_segment(im, PT_DYNAMIC, &d.entries);

	if (err == -ENOENT)
		return 0;
	if (!err)
		err = scan_dynamic(im, &d);
	if (err || !d.has_strings)
		return err;
	info->needed = calloc(d.nneeded ? d.nneeded : 1, sizeof(*info->needed));
	if (!info->needed)
		return -ENOMEM;
	for (size_t at = 0; at + DYN_SIZE <= d.entries.size && !err; at += DYN_SIZE) {
		const unsigned char *dyn = im->p + d.entries.off + at;

		/* An empty name names nothing a loader could find: the file is broken. */
		err = take_entry(im, &d, dyn, info);
		if (!err && rd64(dyn) == DT_NEEDED && !info->needed[info->nneeded - 1][0])
			err = -EBADMSG;
	}
	return err;
}

int elf_parse(const void *buf, size_t len, struct elf_info *info)
{
	struct image im = { .p = buf, .len = buf ? len : 0 };
	int err;

	memset(info, 0, sizeof(*info));
	err = check_header(&im, info);
	if (!err)
		err = read_interp(&im, info);
	if (!err)
		err = read_dynamic(&im, info);
	if (err)
		elf_info_free(info);
	return err;
}

void elf_info_free(struct elf_info *info)
{
	for (size_t i = 0; i < info->nneeded; i++)
		free(info->needed[i]);
	free(info->needed);
	free(info->interp);
	free(info->soname);
	free(info->rpath);
	free(info->runpath);
	memset(info, 0, sizeof(*info));
}

/* ---------- sections ---------- */

struct sections {
	const unsigned char *p;
	size_t len;
	uint64_t shoff, shnum;
	struct range names; /* the section name string table */
};

static const unsigned char *shdr(const struct sections *s, uint64_t i)
{
	return s->p + s->shoff + i * SHDR_SIZE;
}

/* The table's place and size; a count or string index too large for the
 * header is in section 0 (extended numbering). */
static int find_section_table(struct sections *s)
{
	const unsigned char *p = s->p;
	uint64_t shstrndx;

	if (s->len < 4 || memcmp(p, "\177ELF", 4) != 0)
		return -ENOEXEC;
	if (s->len < EHDR_SIZE)
		return -EBADMSG;
	if (p[EI_CLASS] != ELFCLASS64 || p[EI_DATA] != ELFDATA2LSB || p[EI_VERSION] != EV_CURRENT)
		return -ENOEXEC;
	s->shoff = rd64(p + E_SHOFF);
	if (s->shoff == 0)
		return -ENOENT;
	if (rd16(p + E_SHENTSIZE) != SHDR_SIZE || !inside(s->len, s->shoff, SHDR_SIZE))
		return -EBADMSG;
	s->shnum = rd16(p + E_SHNUM);
	shstrndx = rd16(p + E_SHSTRNDX);
	if (s->shnum == 0)
		s->shnum = rd64(shdr(s, 0) + SH_SIZE);
	if (shstrndx == SHN_XINDEX)
		shstrndx = rd32(shdr(s, 0) + SH_LINK);
	if (s->shnum > s->len / SHDR_SIZE || !inside(s->len, s->shoff, s->shnum * SHDR_SIZE) ||
	    shstrndx >= s->shnum)
		return -EBADMSG;
	s->names.off = (size_t)rd64(shdr(s, shstrndx) + SH_OFFSET);
	s->names.size = (size_t)rd64(shdr(s, shstrndx) + SH_SIZE);
	return inside(s->len, rd64(shdr(s, shstrndx) + SH_OFFSET), rd64(shdr(s, shstrndx) + SH_SIZE))
		       ? 0 : -EBADMSG;
}

/* Whether section i is called name (its name lies within the string table). */
static int section_named(const struct sections *s, uint64_t i, const char *name, bool *match)
{
	uint64_t at = rd32(shdr(s, i) + SH_NAME);
	size_t want = strlen(name) + 1;
	const unsigned char *start;

	if (at >= s->names.size)
		return -EBADMSG;
	start = s->p + s->names.off + at;
	if (!memchr(start, '\0', s->names.size - (size_t)at))
		return -EBADMSG;
	*match = s->names.size - at >= want && memcmp(start, name, want) == 0;
	return 0;
}

int elf_section(const void *buf, size_t len, const char *name, size_t *offset, size_t *size)
{
	struct sections s = { .p = buf, .len = buf ? len : 0 };
	int err = find_section_table(&s);

	for (uint64_t i = 1; i < s.shnum && !err; i++) {
		const unsigned char *sh = shdr(&s, i);
		bool match = false;

		err = section_named(&s, i, name, &match);
		if (err || !match)
			continue;
		if (rd32(sh + SH_TYPE) == SHT_NOBITS)
			return -ENOENT;
		if (!inside(s.len, rd64(sh + SH_OFFSET), rd64(sh + SH_SIZE)))
			return -EBADMSG;
		*offset = (size_t)rd64(sh + SH_OFFSET);
		*size = (size_t)rd64(sh + SH_SIZE);
		return 0;
	}
	return err ? err : -ENOENT;
}
