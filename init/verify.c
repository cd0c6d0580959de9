/* init/verify.c: see verify.h. */
#include "verify.h"
#include "fatal.h"
#include "fmt.h"
#include "log.h"
#include "blockhash.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SUMS_MAX (1u << 20)
#define READ_CHUNK (1u << 20)

/* The lists looked for at the medium's root, the SHA-256 ones first. */
static const struct sum_list {
	const char *name;
	void (*init)(struct blockhash *);
	unsigned hex_digits;
} sum_lists[] = {
	{ "sha256sums.txt", sha256_init, 64 }, { "SHA256SUMS", sha256_init, 64 },
	{ "sha256sum.txt", sha256_init, 64 },  { "md5sum.txt", md5_init, 32 },
	{ "MD5SUMS", md5_init, 32 },
};

/* Hashes rel below rootfd, never following a link off the medium. */
static int hash_file(const struct sum_list *list, int rootfd, const char *rel, char hex[BLOCKHASH_HEX_MAX],
		     unsigned long long *size)
{
	static unsigned char buf[READ_CHUNK];
	int fd = open_beneath(rootfd, rel, O_RDONLY);
	struct blockhash h;
	ssize_t n;

	if (fd < 0)
		return fd;
	list->init(&h);
	*size = 0;
	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		blockhash_update(&h, buf, (size_t)n);
		*size += (unsigned long long)n;
	}
	(void)close(fd);
	if (n < 0)
		return -errno;
	blockhash_final_hex(&h, hex);
	return 0;
}

static bool is_hex_digest(const char *s, unsigned digits)
{
	for (unsigned i = 0; i < digits; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f') || (s[i] >= 'A' && s[i] <= 'F')))
			return false;
	return s[digits] == ' ' || s[digits] == '\t';
}

/* "HASH  ./path" or "HASH *path" (the text and binary forms of sha256sum and md5sum). */
static void check_line(struct boot_state *st, int rootfd, const struct sum_list *list, unsigned lineno, char *line)
{
	char got[BLOCKHASH_HEX_MAX];
	unsigned long long size;
	char *path;
	int err;

	if (!*line || *line == '#')
		return;
	if (!is_hex_digest(line, list->hex_digits))
		fatal(st, "verify-checksums: %s line %u is not a checksum line (%u hex digits, blanks, a path)",
		      list->name, lineno, list->hex_digits);
	path = line + list->hex_digits + 1;
	path += strspn(path, " \t*");
	if (path[0] == '.' && path[1] == '/')
		path += 2;
	line[list->hex_digits] = '\0';
	err = hash_file(list, rootfd, path, got, &size);
	if (err < 0)
		fatal(st, "verify-checksums: %s (listed in %s) cannot be read: %s", path, list->name, strerror(-err));
	if (strcasecmp(got, line) != 0)
		fatal(st, "verify-checksums: %s does not match %s: expected %s, read %s", path, list->name, line, got);
	log_notice("verify-checksums: %s ok (%llu MiB)", path, size >> 20);
}

/* Reads the first checksum list found at the medium's root, whole. */
static const struct sum_list *read_list(int rootfd, char **text)
{
	for (size_t i = 0; rootfd >= 0 && i < sizeof(sum_lists) / sizeof(sum_lists[0]); i++) {
		int fd = open_beneath(rootfd, sum_lists[i].name, O_RDONLY);
		char path[32];
		int err;

		if (fd < 0)
			continue;
		(void)fmt_snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
		err = read_file(path, SUMS_MAX, text, NULL);
		(void)close(fd);
		return err < 0 ? NULL : &sum_lists[i];
	}
	return NULL;
}

void verify_checksums(struct boot_state *st)
{
	int rootfd = open(LIVE_MEDIUM_DIR, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	char *text = NULL, *save = NULL;
	const struct sum_list *list = read_list(rootfd, &text);
	unsigned lineno = 0;

	if (!list)
		fatal(st, "verify-checksums: the medium %s has no readable checksum list (looked for "
		      "sha256sums.txt, SHA256SUMS, sha256sum.txt, md5sum.txt, MD5SUMS)", st->medium_device);
	log_notice("verify-checksums: checking the files listed in %s", list->name);
	for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
		check_line(st, rootfd, list, ++lineno, line);
	free(text);
	(void)close(rootfd);
	log_notice("verify-checksums: every file listed in %s matches", list->name);
}
