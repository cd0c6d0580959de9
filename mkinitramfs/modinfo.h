/* mkinitramfs/modinfo.h: a kernel module's .modinfo section, read from the
 * bytes of the .ko file (pure). The section is a sequence of NUL-terminated
 * "key=value" strings ("firmware=ql2500_fw.bin", "license=GPL"), with NUL
 * padding between some. */
#ifndef MKINITRAMFS_MODINFO_H
#define MKINITRAMFS_MODINFO_H
#include <stddef.h>

#include "strlist.h"

/* Appends the value of every entry with the given key to out, in the file's
 * order, each value once. Returns 0; -ENOEXEC (no ELF64 little-endian file),
 * -EBADMSG (malformed headers), -ENOENT (no .modinfo section), -ENOMEM. */
int modinfo_values(const void *buf, size_t len, const char *key, struct strlist *out);

#endif
