/* tests/unit/test_modinfo.c: a module's firmware names from its .modinfo
 * section (mkinitramfs/modinfo.c) through the section headers
 * (elf_section in mkinitramfs/elf.c): a synthetic relocatable object,
 * extended section numbering, every truncation, random damage, and a real
 * module of the kernel tree when there is one. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "elf.h"
#include "fileio.h"
#include "modinfo.h"
#include "tap.h"

#define MODINFO_TEXT "firmware=a.bin\0license=GPL\0\0\0firmware=b/c.bin\0firmware=a.bin\0" \
		     "firmware2=no.bin\0firmware=\0firmware=last.bin"
#define SHSTRTAB "\0.modinfo\0.shstrtab\0.bss\0"
#define SECTIONS 4 /* null, .modinfo, .shstrtab, .bss (NOBITS) */

struct object {
	unsigned char b[1024];
	size_t len;
};

static void w16(unsigned char *p, uint16_t v) { p[0] = (unsigned char)v; p[1] = (unsigned char)(v >> 8); }
static void w32(unsigned char *p, uint32_t v) { w16(p, (uint16_t)v); w16(p + 2, (uint16_t)(v >> 16)); }
static void w64(unsigned char *p, uint64_t v) { w32(p, (uint32_t)v); w32(p + 4, (uint32_t)(v >> 32)); }

static void put_section(unsigned char *sh, uint32_t name, uint32_t type, uint64_t off, uint64_t size)
{
	w32(sh, name);
	w32(sh + 4, type);
	w64(sh + 24, off);
	w64(sh + 32, size);
}

/* ELF header, .modinfo at 64, .shstrtab after it, the section table at 512. */
static void build(struct object *o, const char *modinfo, size_t modinfo_len)
{
	size_t strtab_off = 64 + modinfo_len, shoff = 512;

	memset(o, 0, sizeof(*o));
	memcpy(o->b, "\177ELF", 4);
	o->b[4] = 2;
	o->b[5] = 1;
	o->b[6] = 1;
	w16(o->b + 16, 1); /* ET_REL */
	w16(o->b + 18, 62);
	w64(o->b + 40, shoff);
	w16(o->b + 58, 64);
	w16(o->b + 60, SECTIONS);
	w16(o->b + 62, 2);
	memcpy(o->b + 64, modinfo, modinfo_len);
	memcpy(o->b + strtab_off, SHSTRTAB, sizeof(SHSTRTAB));
	put_section(o->b + shoff + 64, 1, 1, 64, modinfo_len);
	put_section(o->b + shoff + 128, 10, 3, strtab_off, sizeof(SHSTRTAB));
	put_section(o->b + shoff + 192, 20, 8, 0, 4096);
	o->len = shoff + SECTIONS * 64;
}

static void test_synthetic(void)
{
	struct object o;
	struct strlist names = { 0 };
	size_t off = 0, size = 0;

	build(&o, MODINFO_TEXT, sizeof(MODINFO_TEXT) - 1);
	is_int(elf_section(o.b, o.len, ".modinfo", &off, &size), 0, "section .modinfo found");
	ok(off == 64 && size == sizeof(MODINFO_TEXT) - 1, "... at its offset, with its size");
	is_int(elf_section(o.b, o.len, ".bss", &off, &size), -ENOENT, "a NOBITS section has no bytes");
	is_int(elf_section(o.b, o.len, ".text", &off, &size), -ENOENT, "no such section");
	is_int(elf_section(o.b, o.len, ".modinf", &off, &size), -ENOENT, "a name's prefix is no match");
	is_int(modinfo_values(o.b, o.len, "firmware", &names), 0, "firmware values read");
	is_int(names.count, 3, "three distinct names, the empty one and firmware2= left out");
	ok(names.count == 3 && !strcmp(names.items[0], "a.bin") && !strcmp(names.items[1], "b/c.bin") &&
	   !strcmp(names.items[2], "last.bin"), "in the file's order, once each, unterminated last");
	strlist_free(&names);
	is_int(modinfo_values(o.b, o.len, "license", &names), 0, "another key");
	ok(names.count == 1 && !strcmp(names.items[0], "GPL"), "... GPL");
	strlist_free(&names);
}

static void test_extended_numbering(void)
{
	struct object o;
	size_t off = 0, size = 0;

	build(&o, MODINFO_TEXT, sizeof(MODINFO_TEXT) - 1);
	w16(o.b + 60, 0);          /* e_shnum in section 0's sh_size */
	w64(o.b + 512 + 32, SECTIONS);
	w16(o.b + 62, 0xffff);     /* e_shstrndx in section 0's sh_link */
	w32(o.b + 512 + 40, 2);
	is_int(elf_section(o.b, o.len, ".modinfo", &off, &size), 0, "extended numbering followed");
	w32(o.b + 512 + 40, 9);
	is_int(elf_section(o.b, o.len, ".modinfo", &off, &size), -EBADMSG,
	       "a string table index past the table refused");
}

static void test_refusals(void)
{
	struct object o;
	struct strlist names = { 0 };
	size_t off, size;

	build(&o, MODINFO_TEXT, sizeof(MODINFO_TEXT) - 1);
	is_int(modinfo_values("#!/bin/sh\n", 10, "firmware", &names), -ENOEXEC, "no ELF file");
	o.b[4] = 1;
	is_int(elf_section(o.b, o.len, ".modinfo", &off, &size), -ENOEXEC, "ELF32 refused");
	build(&o, MODINFO_TEXT, sizeof(MODINFO_TEXT) - 1);
	w64(o.b + 512 + 64 + 32, 1u << 20);
	is_int(elf_section(o.b, o.len, ".modinfo", &off, &size), -EBADMSG, "a section past the end");
	build(&o, MODINFO_TEXT, sizeof(MODINFO_TEXT) - 1);
	w32(o.b + 512 + 64, 9999);
	is_int(elf_section(o.b, o.len, ".modinfo", &off, &size), -EBADMSG, "a name past the table");
	build(&o, MODINFO_TEXT, sizeof(MODINFO_TEXT) - 1);
	w16(o.b + 58, 40);
	is_int(elf_section(o.b, o.len, ".modinfo", &off, &size), -EBADMSG, "a bad e_shentsize");
	build(&o, MODINFO_TEXT, sizeof(MODINFO_TEXT) - 1);
	w64(o.b + 40, 0);
	is_int(modinfo_values(o.b, o.len, "firmware", &names), -ENOENT, "no section table");
	strlist_free(&names);
}

/* Each truncation and random damage: an answer, never a crash (ASan watches). */
static void test_damage(void)
{
	struct object o;
	int bad = 0;
	unsigned seed = 12345;

	build(&o, MODINFO_TEXT, sizeof(MODINFO_TEXT) - 1);
	for (size_t len = 0; len < o.len; len++) {
		unsigned char *copy = malloc(len ? len : 1);
		struct strlist names = { 0 };
		int err;

		memcpy(copy, o.b, len);
		err = modinfo_values(copy, len, "firmware", &names);
		bad += err != -ENOEXEC && err != -EBADMSG && err != -ENOENT;
		strlist_free(&names);
		free(copy);
	}
	is_int(bad, 0, "every truncation refused");
	for (int round = 0; round < 20000; round++) {
		struct object m = o;
		struct strlist names = { 0 };

		for (int k = 0; k < 4; k++) {
			seed = seed * 1103515245u + 12345u;
			m.b[(seed >> 8) % o.len] = (unsigned char)(seed >> 20);
		}
		(void)modinfo_values(m.b, m.len, "firmware", &names);
		strlist_free(&names);
	}
	ok(1, "20000 damaged objects read without a crash");
}

static void test_real_module(void)
{
	const char *tree = getenv("LIVEINIT_KERNEL_TREE");
	char kver[128] = "", path[4096];
	FILE *f;
	char *data = NULL;
	size_t len = 0;
	struct strlist names = { 0 };

	(void)snprintf(path, sizeof(path), "%s/KVER", tree ? tree : "build/kernel");
	f = fopen(path, "r");
	if (!f || !fgets(kver, sizeof(kver), f)) {
		ok(1, "# SKIP no kernel tree (LIVEINIT_KERNEL_TREE)");
		if (f)
			fclose(f);
		return;
	}
	fclose(f);
	kver[strcspn(kver, "\n")] = '\0';
	(void)snprintf(path, sizeof(path), "%s/lib/modules/%s/kernel/drivers/scsi/qla2xxx/qla2xxx.ko",
		       tree ? tree : "build/kernel", kver);
	is_int(read_whole_file(path, 64u << 20, &data, &len), 0, "qla2xxx.ko read");
	is_int(modinfo_values(data, len, "firmware", &names), 0, "its firmware list read");
	ok(strlist_contains(&names, "ql2500_fw.bin") && names.count == 6,
	   "six names, ql2500_fw.bin among them (as modinfo -F firmware says)");
	strlist_free(&names);
	free(data);
}

int main(void)
{
	test_synthetic();
	test_extended_numbering();
	test_refusals();
	test_damage();
	test_real_module();
	return done_testing();
}
