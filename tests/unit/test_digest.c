/* tests/unit/test_digest.c: init's SHA-256 and MD5 (blockhash.c, sha256.c,
 * md5.c) against the standards' vectors and sha256sum(1)/md5sum(1). */
#include <stdlib.h>

#include "../../init/blockhash.h"
#include "../tap.h"

static const char *hash_of(void (*init)(struct blockhash *), const void *data, size_t len, size_t piece)
{
	static char hex[BLOCKHASH_HEX_MAX];
	struct blockhash h;
	const char *p = data;

	init(&h);
	for (size_t done = 0; done < len; done += piece)
		blockhash_update(&h, p + done, len - done < piece ? len - done : piece);
	blockhash_final_hex(&h, hex);
	return hex;
}

static void test_sha256_vectors(void)
{
	const char *two_blocks = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";

	is_str(hash_of(sha256_init, "", 0, 1), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
	       "sha256: empty");
	is_str(hash_of(sha256_init, "abc", 3, 1), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
	       "sha256: abc");
	is_str(hash_of(sha256_init, two_blocks, strlen(two_blocks), 7),
	       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1", "sha256: 448 bits, in pieces");
}

/* RFC 1321's test suite. */
static void test_md5_vectors(void)
{
	static const char *const cases[][2] = {
		{ "", "d41d8cd98f00b204e9800998ecf8427e" },
		{ "a", "0cc175b9c0f1b6a831c399e269772661" },
		{ "abc", "900150983cd24fb0d6963f7d28e17f72" },
		{ "message digest", "f96b697d7cb7938d525a2f31aaf161d0" },
		{ "abcdefghijklmnopqrstuvwxyz", "c3fcd3d76192e4007dfb496cca67e13b" },
		{ "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
		  "d174ab98d277d9f5a5611c2c9f419d9f" },
		{ "12345678901234567890123456789012345678901234567890123456789012345678901234567890",
		  "57edf4a22be3c955ac49da2e2107b67a" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		is_str(hash_of(md5_init, cases[i][0], strlen(cases[i][0]), 5), cases[i][1], "md5(\"%s\")", cases[i][0]);
}

/* A million 'a': the long vectors, fed in odd pieces. */
static void test_million(void)
{
	char *a = malloc(1000000);

	memset(a, 'a', 1000000);
	is_str(hash_of(sha256_init, a, 1000000, 4093),
	       "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0", "sha256: a million a");
	is_str(hash_of(md5_init, a, 1000000, 4093), "7707d6ae4e027c70eea2a935c2296f21", "md5: a million a");
	free(a);
}

/* Every length around the padding boundaries, against the coreutils tool. */
static void test_against_tool(void (*init)(struct blockhash *), const char *tool)
{
	char data[200], cmd[64], want[BLOCKHASH_HEX_MAX] = "";
	int bad = 0;

	for (int i = 0; i < (int)sizeof(data); i++)
		data[i] = (char)(i * 7 + 3);
	for (size_t len = 0; len <= 130; len++) {
		FILE *f = fopen("build/test/digest-probe", "wb");
		FILE *p;

		if (!f)
			break;
		fwrite(data, 1, len, f);
		fclose(f);
		snprintf(cmd, sizeof(cmd), "%s build/test/digest-probe", tool);
		p = popen(cmd, "r");
		if (!p || fscanf(p, "%64s", want) != 1)
			bad++;
		if (p)
			pclose(p);
		bad += strcmp(hash_of(init, data, len, 13), want) != 0;
	}
	ok(bad == 0, "agrees with %s for every length from 0 to 130 bytes", tool);
}

int main(void)
{
	test_sha256_vectors();
	test_md5_vectors();
	test_million();
	test_against_tool(sha256_init, "sha256sum");
	test_against_tool(md5_init, "md5sum");
	return done_testing();
}
