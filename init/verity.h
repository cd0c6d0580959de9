/* init/verity.h: live-verity=ROOTHASH, the image mounted through dm-verity.
 *
 * boot/mkiso --verity writes veritysetup's hash tree (with its superblock) to
 * LIVE_VERITY_IMAGE.verity; /init maps the image through a "verity" target
 * set up with the device-mapper ioctls, so every block read later is checked
 * against the root hash. verity_sb.c is the pure part (the superblock of an
 * untrusted medium, the table line), verity.c the device mapper. */
#ifndef LIVEINIT_VERITY_H
#define LIVEINIT_VERITY_H
#include <stddef.h>
#include <stdint.h>

#include "modload.h"
#include "state.h"

#define VERITY_SB_SIZE 512
#define VERITY_SALT_MAX 256

struct verity_sb {
	uint32_t hash_type;
	char algorithm[32];
	uint32_t data_block_size, hash_block_size;
	uint64_t data_blocks;
	uint16_t salt_size;
	unsigned char salt[VERITY_SALT_MAX];
};

/* Parses and checks veritysetup's superblock (the first VERITY_SB_SIZE bytes
 * of the hash file): signature, version 1, hash type 1, sha256, 4096-byte
 * blocks, a salt that fits. Returns NULL or why it is refused. */
const char *verity_sb_parse(const unsigned char *buf, size_t len, struct verity_sb *sb);

/* The "verity" target's parameters. Returns 0 or -ENAMETOOLONG. */
int verity_table(char *buf, size_t size, const struct verity_sb *sb, const char *datadev, const char *hashdev,
		 const char *roothash);

/* Maps datadev (a read-only loop device on image, size bytes) through dm-verity
 * with image.verity from dirfd; writes "/dev/dm-N" into dev. A read the root
 * hash refuses is fatal. Returns 0 or -errno with what filled in. */
int verity_map(struct boot_state *st, struct modload *ml, int dirfd, const char *image, const char *datadev,
	       char *dev, size_t devsize, char *what, size_t whatsize);
#endif
