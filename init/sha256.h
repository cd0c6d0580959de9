/* init/sha256.h: SHA-256 (FIPS 180-4), for verify-checksums. Pure code. */
#ifndef LIVEINIT_SHA256_H
#define LIVEINIT_SHA256_H
#include <stddef.h>
#include <stdint.h>

struct sha256 {
	uint32_t state[8];
	uint64_t length;      /* bytes hashed so far */
	uint8_t block[64];
	size_t used;          /* bytes waiting in block */
};

void sha256_init(struct sha256 *h);
void sha256_update(struct sha256 *h, const void *data, size_t len);
/* Writes the digest as 64 lowercase hex digits and a NUL. */
void sha256_final_hex(struct sha256 *h, char hex[65]);
#endif
