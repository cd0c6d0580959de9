/* tests/unit/test_verity.c: init/verity_sb.c on a hash tree veritysetup made
 * (tests/unit/verity.mk: 40 data blocks, a known salt), and on truncated,
 * altered and garbage superblocks, which come from an untrusted medium. */
#include "../../init/verity.h"
#include "../tap.h"

#include <errno.h>
#include <stdlib.h>

#define SALT "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"

static size_t slurp(const char *path, unsigned char *buf, size_t size)
{
	FILE *f = fopen(path, "rb");
	size_t n = f ? fread(buf, 1, size, f) : 0;

	if (f)
		fclose(f);
	return n;
}

static void put_le32(unsigned char *p, unsigned v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

static void test_real(const unsigned char *sb_buf, size_t n)
{
	struct verity_sb sb;
	char table[1024], want[1024], roothash[80] = "";
	const char *why = verity_sb_parse(sb_buf, n, &sb);

	ok(why == NULL, "veritysetup's superblock is accepted%s%s", why ? ": " : "", why ? why : "");
	if (why)
		return;
	is_str(sb.algorithm, "sha256", "algorithm");
	is_int(sb.data_block_size, 4096, "data block size");
	is_int(sb.hash_block_size, 4096, "hash block size");
	is_int(sb.data_blocks, 40, "data blocks");
	is_int(sb.salt_size, 32, "salt size");
	(void)slurp(VERITY_FIXTURE ".roothash", (unsigned char *)roothash, 64);
	roothash[64] = '\0';
	is_int(verity_table(table, sizeof(table), &sb, "/dev/loop0", "/dev/loop1", roothash), 0, "the table fits");
	(void)snprintf(want, sizeof(want), "1 /dev/loop0 /dev/loop1 4096 4096 40 1 sha256 %s %s", roothash, SALT);
	is_str(table, want, "the table line: version, devices, sizes, blocks, hash start 1, sha256, root hash, salt");
	is_int(verity_table(table, 40, &sb, "/dev/loop0", "/dev/loop1", roothash), -ENAMETOOLONG,
	       "a buffer too small is refused, not overflowed");
}

static const char *altered(const unsigned char *orig, size_t off, unsigned v)
{
	unsigned char buf[VERITY_SB_SIZE];
	struct verity_sb sb;

	memcpy(buf, orig, sizeof(buf));
	put_le32(buf + off, v);
	return verity_sb_parse(buf, sizeof(buf), &sb);
}

static void test_hostile(const unsigned char *orig)
{
	unsigned char buf[VERITY_SB_SIZE];
	struct verity_sb sb;

	for (size_t len = 0; len < VERITY_SB_SIZE; len += 37)
		ok(verity_sb_parse(orig, len, &sb) != NULL, "truncated to %zu bytes: refused", len);
	memset(buf, 0, sizeof(buf));
	ok(verity_sb_parse(buf, sizeof(buf), &sb) != NULL, "zeros (no superblock): refused");
	srand(1);
	for (size_t i = 0; i < sizeof(buf); i++)
		buf[i] = (unsigned char)rand();
	ok(verity_sb_parse(buf, sizeof(buf), &sb) != NULL, "random bytes: refused");
	ok(altered(orig, 8, 2) != NULL, "version 2: refused");
	ok(altered(orig, 12, 0) != NULL, "hash type 0 (Chrome OS): refused");
	ok(altered(orig, 32, 0x31616873) != NULL, "algorithm sha1: refused");
	ok(altered(orig, 64, 512) != NULL, "data block size 512: refused");
	ok(altered(orig, 68, 1024) != NULL, "hash block size 1024: refused");
	ok(altered(orig, 72, 0) != NULL, "zero data blocks: refused");
	ok(altered(orig, 76, 0x7fffffff) != NULL, "an impossible number of data blocks: refused");
	ok(altered(orig, 80, 257) != NULL, "a salt over 256 bytes: refused");
	ok(altered(orig, 80, 256) == NULL, "a salt of exactly 256 bytes: accepted");
	memcpy(buf, orig, sizeof(buf));
	memset(buf + 32, 'a', 32);
	ok(verity_sb_parse(buf, sizeof(buf), &sb) != NULL, "an algorithm name without NUL: refused");
}

int main(void)
{
	unsigned char buf[8192];
	size_t n = slurp(VERITY_FIXTURE ".verity", buf, sizeof(buf));

	ok(n >= VERITY_SB_SIZE, "the fixture %s.verity was read", VERITY_FIXTURE);
	if (n < VERITY_SB_SIZE)
		return done_testing();
	test_real(buf, n);
	test_hostile(buf);
	return done_testing();
}
