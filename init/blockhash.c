/* init/blockhash.c: see blockhash.h. */
#include "blockhash.h"

#include <string.h>

void blockhash_update(struct blockhash *h, const void *data, size_t len)
{
	const uint8_t *p = data;

	h->length += len;
	while (len > 0) {
		size_t take = 64 - h->used < len ? 64 - h->used : len;

		memcpy(h->block + h->used, p, take);
		h->used += take;
		p += take;
		len -= take;
		if (h->used == 64) {
			h->compress(h->state, h->block);
			h->used = 0;
		}
	}
}

/* Byte i of a word in the algorithm's order. */
static uint8_t word_byte(const struct blockhash *h, uint64_t word, unsigned bytes, unsigned i)
{
	return (uint8_t)(word >> (h->big_endian ? 8 * (bytes - 1 - i) : 8 * i));
}

void blockhash_final_hex(struct blockhash *h, char hex[BLOCKHASH_HEX_MAX])
{
	static const char digits[] = "0123456789abcdef";
	uint64_t bits = h->length * 8;
	uint8_t pad = 0x80, zero = 0, length[8];

	blockhash_update(h, &pad, 1);
	while (h->used != 56)
		blockhash_update(h, &zero, 1);
	for (unsigned i = 0; i < 8; i++)
		length[i] = word_byte(h, bits, 8, i);
	blockhash_update(h, length, 8);
	for (unsigned i = 0; i < 4 * h->words; i++) {
		uint8_t byte = word_byte(h, h->state[i / 4], 4, i % 4);

		hex[2 * i] = digits[byte >> 4];
		hex[2 * i + 1] = digits[byte & 15];
	}
	hex[8 * h->words] = '\0';
}
