/* tests/unit/test_sha256.c: init/sha256.c against the standard's vectors and sha256sum(1). */
#include <stdlib.h>

#include "../../init/sha256.h"
#include "../tap.h"

static const char *hash_of(const void *data, size_t len, size_t piece)
{
	static char hex[65];
	struct sha256 h;
	const char *p = data;

	sha256_init(&h);
	for (size_t done = 0; done < len; done += piece)
		sha256_update(&h, p + done, len - done < piece ? len - done : piece);
	sha256_final_hex(&h, hex);
	return hex;
}

static void test_vectors(void)
{
	const char *abc = "abc";
	const char *two_blocks = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";

	is_str(hash_of("", 0, 1), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "empty");
	is_str(hash_of(abc, 3, 1), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", "abc");
	is_str(hash_of(two_blocks, strlen(two_blocks), 7),
	       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1", "448 bits, in pieces");
}

/* A million 'a': the long vector, fed in odd pieces. */
static void test_million(void)
{
	char *a = malloc(1000000);

	memset(a, 'a', 1000000);
	is_str(hash_of(a, 1000000, 4093), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
	       "a million a");
	free(a);
}

/* Every length around the padding boundaries, against sha256sum. */
static void test_against_sha256sum(void)
{
	char data[200], cmd[64], want[65] = "";
	int bad = 0;

	for (int i = 0; i < (int)sizeof(data); i++)
		data[i] = (char)(i * 7 + 3);
	for (size_t len = 0; len <= 130; len++) {
		FILE *f = fopen("build/test/sha256-probe", "wb");
		FILE *p;

		if (!f)
			break;
		fwrite(data, 1, len, f);
		fclose(f);
		snprintf(cmd, sizeof(cmd), "sha256sum build/test/sha256-probe");
		p = popen(cmd, "r");
		if (!p || fscanf(p, "%64s", want) != 1)
			bad++;
		if (p)
			pclose(p);
		bad += strcmp(hash_of(data, len, 13), want) != 0;
	}
	ok(bad == 0, "agrees with sha256sum for every length from 0 to 130 bytes");
}

int main(void)
{
	test_vectors();
	test_million();
	test_against_sha256sum();
	return done_testing();
}
