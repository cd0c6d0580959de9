/* init/probe.h: identify a file system from the first bytes of a block device.
 *
 * Pure code: no syscalls, no allocation. The caller reads the first
 * PROBE_READ_SIZE bytes of the device once (fewer when the device is smaller)
 * and every known superblock is checked against that one buffer. Every field
 * read is bounds-checked against len: the bytes come from an untrusted disk.
 */
#ifndef LIVEINIT_PROBE_H
#define LIVEINIT_PROBE_H
#include <stddef.h>
#include <stdint.h>

#define PROBE_READ_SIZE (64 * 1024)

struct probe_result {
	char type[16];  /* "iso9660", "ext2", "ext3", "ext4", "vfat", "squashfs" */
	char label[64]; /* printable, trailing blanks trimmed; "" when none */
	char uuid[40];  /* in blkid's notation for the type; "" when none */
};

/* Returns 0 and fills *out when a file system is recognised, -ENOENT when
 * none is (out is then untouched), -EINVAL on a NULL argument. */
int probe_buffer(const uint8_t *buf, size_t len, struct probe_result *out);

#endif
