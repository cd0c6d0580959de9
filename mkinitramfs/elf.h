/* mkinitramfs/elf.h: what an ELF64 little-endian executable or shared object
 * needs to run, read from the bytes of the file (pure: no file system, no
 * loader; every offset, size and string is checked against the buffer).
 *
 *   interp    the program interpreter (PT_INTERP): "/lib64/ld-linux-x86-64.so.2"
 *   needed    the DT_NEEDED names, in the file's order: "libc.so.6"
 *   rpath, runpath, soname   DT_RPATH, DT_RUNPATH, DT_SONAME as written
 *                            (runpath: "$ORIGIN/../lib:/opt/lib")
 *
 * The dynamic section's strings are found through DT_STRTAB, an address,
 * mapped to a file offset by the PT_LOAD segment that holds it. A static
 * binary has no interpreter and no needs.
 *
 * elf_section finds a section by name in any ELF64 little-endian file,
 * relocatable objects (kernel modules) included, through the section headers.
 */
#ifndef MKINITRAMFS_ELF_H
#define MKINITRAMFS_ELF_H
#include <stddef.h>
#include <stdint.h>

#define ELF_MAX_NEEDED 1024 /* DT_NEEDED entries one object may have */

enum elf_kind { ELF_EXEC = 2, ELF_DYN = 3 }; /* e_type: executable, PIE or library */

struct elf_info {
	enum elf_kind kind;
	uint16_t machine;   /* e_machine: 62 for x86-64 */
	char *interp;       /* NULL when there is none */
	char *soname;       /* NULL when there is none */
	char *rpath;        /* NULL when there is none */
	char *runpath;      /* NULL when there is none */
	char **needed;
	size_t nneeded;
};

/* Parses the len bytes at buf into *info (which it zeroes first). Returns 0,
 * -ENOEXEC (not an ELF64 little-endian executable or shared object),
 * -EBADMSG (a header, segment, dynamic entry or string outside the buffer or
 * malformed: a truncated file), -E2BIG (more than ELF_MAX_NEEDED needs) or
 * -ENOMEM. On error *info holds nothing to free. */
int elf_parse(const void *buf, size_t len, struct elf_info *info);

void elf_info_free(struct elf_info *info);

/* The file range [*offset, *offset + *size) of the section called name (the
 * first one; a SHT_NOBITS section has no bytes: -ENOENT). Returns 0, -ENOEXEC
 * (not ELF64 little-endian), -EBADMSG (headers or names outside the buffer),
 * or -ENOENT (no such section). Handles extended section numbering. */
int elf_section(const void *buf, size_t len, const char *name, size_t *offset, size_t *size);

#endif
