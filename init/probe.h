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
	char type[16];  /* "iso9660", "ext2", "ext3", "ext4", "exfat", "vfat", "squashfs" */
	char label[64]; /* printable, trailing blanks trimmed; "" when none */
	char uuid[40];  /* in blkid's notation for the type; "" when none */
};

/* Returns 0 and fills *out when a file system is recognised, -ENOENT when
 * none is (out is then untouched), -EINVAL on a NULL argument. */
int probe_buffer(const uint8_t *buf, size_t len, struct probe_result *out);

/* exFAT keeps its label only in the root directory, which lies past the
 * first read. Given the same buffer and its exfat result, returns 0 and the
 * byte offset on the device of the root directory's start, where the caller
 * reads PROBE_LABEL_READ_SIZE bytes (fewer near the end) for
 * probe_label_from_dir(); -ENOENT for any other result. */
#define PROBE_LABEL_READ_SIZE 4096
int probe_label_location(const uint8_t *buf, size_t len, const struct probe_result *r,
			 uint64_t *offset);

/* Fills r->label from the volume label entry among the directory entries in
 * dir (blkid's notation: UTF-8, trailing blanks trimmed); leaves it as it is
 * when the entries end, or the bytes do, before such an entry. The 4 KiB read
 * hold the first 128 entries: formatting tools write the label first. */
void probe_label_from_dir(const uint8_t *dir, size_t len, struct probe_result *r);

#endif
