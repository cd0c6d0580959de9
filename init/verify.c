/* init/verify.c: see verify.h. */
#include "verify.h"
#include "fatal.h"
#include "log.h"
#include "sha256.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SUMS_MAX (1u << 20)
#define READ_CHUNK (1u << 20)

static const char *const sum_files[] = { "sha256sums.txt", "SHA256SUMS", "sha256sum.txt" };

/* Hashes rel below rootfd, never following a link off the medium. */
static int hash_file(int rootfd, const char *rel, char hex[65], unsigned long long *size)
{
	static unsigned char buf[READ_CHUNK];
	int fd = open_beneath(rootfd, rel, O_RDONLY);
	struct sha256 h;
	ssize_t n;

	if (fd < 0)
		return fd;
	sha256_init(&h);
	*size = 0;
	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		sha256_update(&h, buf, (size_t)n);
		*size += (unsigned long long)n;
	}
	(void)close(fd);
	if (n < 0)
		return -errno;
	sha256_final_hex(&h, hex);
	return 0;
}

static bool is_hex64(const char *s)
{
	for (int i = 0; i < 64; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f') || (s[i] >= 'A' && s[i] <= 'F')))
			return false;
	return s[64] == ' ' || s[64] == '\t';
}

/* "HASH  ./path" or "HASH *path" (sha256sum's text and binary forms). */
static void check_line(struct boot_state *st, int rootfd, const char *list, unsigned lineno, char *line)
{
	char got[65];
	unsigned long long size;
	char *path;
	int err;

	if (!*line || *line == '#')
		return;
	if (!is_hex64(line))
		fatal(st, "verify-checksums: %s line %u is not a sha256sum line", list, lineno);
	path = line + 65;
	path += strspn(path, " \t*");
	if (path[0] == '.' && path[1] == '/')
		path += 2;
	line[64] = '\0';
	err = hash_file(rootfd, path, got, &size);
	if (err < 0)
		fatal(st, "verify-checksums: %s (listed in %s) cannot be read: %s", path, list, strerror(-err));
	if (strcasecmp(got, line) != 0)
		fatal(st, "verify-checksums: %s does not match %s: expected %s, read %s", path, list, line, got);
	log_notice("verify-checksums: %s ok (%llu MiB)", path, size >> 20);
}

/* Reads the first checksum list found at the medium's root, whole. */
static const char *read_list(int rootfd, char **text)
{
	for (size_t i = 0; rootfd >= 0 && i < sizeof(sum_files) / sizeof(sum_files[0]); i++) {
		int fd = open_beneath(rootfd, sum_files[i], O_RDONLY);
		char path[32];
		int err;

		if (fd < 0)
			continue;
		(void)snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
		err = read_file(path, SUMS_MAX, text, NULL);
		(void)close(fd);
		return err < 0 ? NULL : sum_files[i];
	}
	return NULL;
}

void verify_checksums(struct boot_state *st)
{
	int rootfd = open(LIVE_MEDIUM_DIR, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	char *text = NULL, *save = NULL;
	const char *list = read_list(rootfd, &text);
	unsigned lineno = 0;

	if (!list)
		fatal(st, "verify-checksums: the medium %s has no readable checksum list (looked for "
		      "sha256sums.txt, SHA256SUMS, sha256sum.txt)", st->medium_device);
	log_notice("verify-checksums: checking the files listed in %s", list);
	for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
		check_line(st, rootfd, list, ++lineno, line);
	free(text);
	(void)close(rootfd);
	log_notice("verify-checksums: every file listed in %s matches", list);
}
