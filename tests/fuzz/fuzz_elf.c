/* tests/fuzz/fuzz_elf.c: libFuzzer target for mkinitramfs/elf.c.
 *
 * mkinitramfs reads the headers of every program and library it is given or
 * finds: a damaged or hostile file must be refused, never read past. libFuzzer
 * hands over a heap copy of exactly size bytes, so ASan reports any read past
 * it. Beyond "no crash", check the promises of elf.h a sanitizer cannot see:
 * the return codes, and on success an ELF64 little-endian header, non-empty
 * interpreter and names, at most ELF_MAX_NEEDED of them; on failure nothing
 * left to free.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "elf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_success(const uint8_t *data, size_t size, const struct elf_info *info)
{
	if (size < 64 || memcmp(data, "\177ELF\2\1", 6) != 0)
		abort();
	if (info->kind != ELF_EXEC && info->kind != ELF_DYN)
		abort();
	if ((info->interp && !info->interp[0]) || info->nneeded > ELF_MAX_NEEDED)
		abort();
	if (info->nneeded && !info->needed)
		abort();
	for (size_t i = 0; i < info->nneeded; i++)
		if (!info->needed[i] || !info->needed[i][0] || strlen(info->needed[i]) >= size)
			abort();
	if ((info->rpath && strlen(info->rpath) >= size) ||
	    (info->runpath && strlen(info->runpath) >= size) ||
	    (info->soname && strlen(info->soname) >= size))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct elf_info info;
	int err = elf_parse(data, size, &info);

	if (err == 0) {
		check_success(data, size, &info);
		elf_info_free(&info);
	} else if (err != -ENOEXEC && err != -EBADMSG && err != -E2BIG && err != -ENOMEM) {
		abort();
	} else if (info.interp || info.needed || info.nneeded || info.rpath || info.runpath ||
		   info.soname) {
		abort(); /* a failure leaves nothing behind */
	}
	return 0;
}
