/* init/verity_sb.c: see verity.h. Pure code: no system calls. */
#include "verity.h"
#include "fmt.h"

#include <errno.h>
#include <string.h>

static uint32_t le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* struct verity_sb of cryptsetup (lib/verity/verity.c), little-endian:
 * signature[8] version@8 hash_type@12 uuid[16]@16 algorithm[32]@32
 * data_block_size@64 hash_block_size@68 data_blocks@72 salt_size@80 salt[256]@88 */
const char *verity_sb_parse(const unsigned char *buf, size_t len, struct verity_sb *sb)
{
	if (len < VERITY_SB_SIZE)
		return "the hash file is shorter than its superblock";
	if (memcmp(buf, "verity\0\0", 8) != 0)
		return "no verity superblock (made without veritysetup's superblock?)";
	if (le32(buf + 8) != 1 || le32(buf + 12) != 1)
		return "unsupported superblock version or hash type (expected 1 and 1)";
	memset(sb, 0, sizeof(*sb));
	sb->hash_type = 1;
	memcpy(sb->algorithm, buf + 32, sizeof(sb->algorithm) - 1);
	if (strcmp(sb->algorithm, "sha256") != 0)
		return "unsupported hash algorithm (expected sha256)";
	sb->data_block_size = le32(buf + 64);
	sb->hash_block_size = le32(buf + 68);
	if (sb->data_block_size != 4096 || sb->hash_block_size != 4096)
		return "unsupported block sizes (expected 4096 and 4096)";
	sb->data_blocks = (uint64_t)le32(buf + 72) | (uint64_t)le32(buf + 76) << 32;
	if (sb->data_blocks == 0 || sb->data_blocks > (UINT64_MAX >> 12) / 4096)
		return "impossible number of data blocks";
	sb->salt_size = (uint16_t)(buf[80] | buf[81] << 8);
	if (sb->salt_size > VERITY_SALT_MAX)
		return "the salt is longer than 256 bytes";
	memcpy(sb->salt, buf + 88, sb->salt_size);
	return NULL;
}

int verity_table(char *buf, size_t size, const struct verity_sb *sb, const char *datadev, const char *hashdev,
		 const char *roothash)
{
	char salt[2 * VERITY_SALT_MAX + 2] = "-";
	int n;

	for (unsigned i = 0; i < sb->salt_size; i++)
		(void)fmt_snprintf(salt + 2 * i, 3, "%02x", sb->salt[i]);
	/* version, devices, block sizes, data blocks, hash start (after the superblock) */
	n = fmt_snprintf(buf, size, "1 %s %s %u %u %llu 1 %s %s %s", datadev, hashdev, sb->data_block_size,
			 sb->hash_block_size, (unsigned long long)sb->data_blocks, sb->algorithm, roothash, salt);
	return n < 0 || (size_t)n >= size ? -ENAMETOOLONG : 0;
}
