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

/* exFAT keeps its label only in the root directory, and FAT's that matters
 * (blkid's LABEL: Windows relabels only there) is in the root directory too;
 * both may lie past the first read. Given the same buffer and its result,
 * returns 0 with where to read the directory's start: the byte offset on the
 * device and a size of at most PROBE_LABEL_READ_SIZE (not past its first
 * cluster, or FAT12/16's fixed directory); -ENOENT when the label is settled
 * (any other type, or the directory was inside the buffer). */
#define PROBE_LABEL_READ_SIZE 4096
int probe_label_location(const uint8_t *buf, size_t len, const struct probe_result *r,
			 uint64_t *offset, size_t *size);

/* Sets r->label from the label entry among the directory entries read there
 * (blkid's notation; exFAT's UTF-16 as UTF-8). With no such entry before the
 * entries end, exFAT's stays empty and FAT's becomes empty (the boot sector's
 * copy is not the label); when the bytes run out first, r is left as it is.
 * Formatting tools write the label first. */
void probe_label_from_dir(const uint8_t *dir, size_t len, struct probe_result *r);

#endif
