/* init/blockhash.h: what MD5 and SHA-256 share, for verify-checksums: 64-byte
 * blocks fed to a compression function, the padding with the message's bit
 * length, the digest as hex. Each algorithm supplies its init (which fills in
 * compress, words and big_endian) and its compression function. Pure code. */
#ifndef LIVEINIT_BLOCKHASH_H
#define LIVEINIT_BLOCKHASH_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define BLOCKHASH_HEX_MAX 65 /* SHA-256's 64 digits and a NUL */

struct blockhash {
	uint32_t state[8];
	uint64_t length;      /* bytes hashed so far */
	uint8_t block[64];
	size_t used;          /* bytes waiting in block */
	void (*compress)(uint32_t state[8], const uint8_t block[64]);
	unsigned words;       /* state words in the digest: 8 for SHA-256, 4 for MD5 */
	bool big_endian;      /* byte order of the length and the digest words */
};

void blockhash_update(struct blockhash *h, const void *data, size_t len);
/* Pads, then writes the digest as 8 * words lowercase hex digits and a NUL. */
void blockhash_final_hex(struct blockhash *h, char hex[BLOCKHASH_HEX_MAX]);

void sha256_init(struct blockhash *h); /* FIPS 180-4 */
void md5_init(struct blockhash *h);    /* RFC 1321, for live-boot's md5sum.txt */
#endif
