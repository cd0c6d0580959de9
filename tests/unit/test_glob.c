/* tests/unit/test_glob.c: init/glob.c agrees with fnmatch(3) on the patterns
 * depmod writes (every alias of the real kernel, when present) and on random ones. */
#include <fnmatch.h>
#include <stdlib.h>

#include "../../init/glob.h"
#include "../tap.h"

static int disagreements;

static void check(const char *pattern, const char *s)
{
	bool want = fnmatch(pattern, s, 0) == 0;

	if (glob_match(pattern, s) != want && disagreements++ < 5)
		printf("# disagree: pattern '%s' string '%s': fnmatch says %d\n", pattern, s, want);
}

static void test_basics(void)
{
	ok(glob_match("pci:v00001AF4d*sv*sd*bc*sc*i*", "pci:v00001AF4d00001001sv00001AF4sd00000002bc01sc00i00"),
	   "a virtio PCI alias");
	ok(!glob_match("pci:v00008086d*", "pci:v00001AF4d00001001"), "another vendor");
	ok(glob_match("scsi:t-0x05*", "scsi:t-0x05") && !glob_match("scsi:t-0x05*", "scsi:t-0x00"), "scsi types");
	ok(glob_match("usb:v*p*d*dc*dsc*dp*ic08isc06ip50in*", "usb:v0781p5567d0100dc00dsc00dp00ic08isc06ip50in00"),
	   "usb mass storage");
	ok(glob_match("a[0-9]c", "a5c") && !glob_match("a[!0-9]c", "a5c") && glob_match("a[^0-9]c", "axc"),
	   "brackets, ranges, negation");
	ok(glob_match("a[b", "a[b") && glob_match("a\\*", "a*") && !glob_match("a\\*", "ab"), "literals");
	ok(glob_match("", "") && !glob_match("", "a") && glob_match("*", "") && glob_match("**a", "ba"), "edges");
}

static void test_real_aliases(const char *path)
{
	char line[1024];
	static const char *const samples[] = {
		"pci:v00008086d00002922sv00001AF4sd00001100bc01sc06i01", "pci:v00001AF4d00001001sv00001AF4sd00000002bc01sc00i00",
		"usb:v0781p5567d0100dc00dsc00dp00ic08isc06ip50in00", "scsi:t-0x05", "scsi:t-0x00", "fs-iso9660",
		"crypto-crc32c", "virtio:d00000002v00001AF4", "pci:v00008086d00007010sv00000000sd00000000bc01sc01i80",
		"acpi*:PNP0A03:", "input:b0011v0001p0001eAB41-e0,1,4,11,14,k71,72,73,",
	};
	FILE *f = fopen(path, "r");
	unsigned patterns = 0;

	if (!f) {
		ok(1, "# SKIP no %s", path);
		return;
	}
	while (fgets(line, sizeof(line), f)) {
		char pattern[1024];

		if (sscanf(line, "alias %1023s", pattern) != 1)
			continue;
		patterns++;
		for (size_t i = 0; i < sizeof(samples) / sizeof(samples[0]); i++)
			check(pattern, samples[i]);
		check(pattern, pattern);
	}
	fclose(f);
	ok(patterns > 1000 && disagreements == 0, "agrees with fnmatch on %u real alias patterns", patterns);
}

/* Random well-formed patterns (malformed ones, such as an unclosed '[',
 * are not written by depmod, and libcs disagree about them). */
static void test_random(void)
{
	static const char *const tokens[] = { "a", "b", "c", "-", "*", "?", "[a-c]", "[!b]", "[^a]", "[ab]",
					      "[]a]", "\\*", "[*]" };
	char p[64], s[10];

	srand(1);
	disagreements = 0;
	for (int i = 0; i < 200000; i++) {
		size_t sl = (size_t)rand() % sizeof(s), ntok = (size_t)rand() % 8;

		p[0] = '\0';
		for (size_t j = 0; j < ntok; j++)
			strcat(p, tokens[rand() % (int)(sizeof(tokens) / sizeof(tokens[0]))]);
		for (size_t j = 0; j < sl; j++)
			s[j] = "abc-*]"[rand() % 6];
		s[sl] = '\0';
		check(p, s);
	}
	ok(disagreements == 0, "agrees with fnmatch on 200000 random well-formed patterns");
}

int main(void)
{
	const char *kernel = getenv("LIVEINIT_KERNEL_TREE");
	char path[512];

	test_basics();
	snprintf(path, sizeof(path), "%s/lib/modules/%s/modules.alias", kernel ? kernel : "build/kernel",
		 getenv("LIVEINIT_KVER") ? getenv("LIVEINIT_KVER") : "6.1.0-57-amd64");
	test_real_aliases(path);
	test_random();
	return done_testing();
}
