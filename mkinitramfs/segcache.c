/* mkinitramfs/segcache.c: the cache of compressed segments (see segcache.h). */
#include "segcache.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "blockhash.h"
#include "fileio.h"

#define KEY_MAGIC "liveinit-initramfs-segment 1\n"
#define HEADER_MAGIC "liveinit-segment 1 "
#define ENTRY_MAX_BYTES (1ull << 31)

int segcache_default_dir(char **dir)
{
	const char *xdg = getenv("XDG_CACHE_HOME");
	const char *home = getenv("HOME");
	int len;

	*dir = NULL;
	if (xdg && xdg[0] == '/')
		len = asprintf(dir, "%s/liveinit/initramfs", xdg);
	else if (home && home[0] == '/')
		len = asprintf(dir, "%s/.cache/liveinit/initramfs", home);
	else
		return -ENOENT;
	if (len < 0) {
		*dir = NULL;
		return -ENOMEM;
	}
	return 0;
}

int segcache_make_dir(const char *dir)
{
	char path[4096];
	size_t len = strlen(dir);
	struct stat st;

	if (len == 0 || len >= sizeof(path))
		return -ENAMETOOLONG;
	memcpy(path, dir, len + 1);
	for (char *p = path + 1; p <= path + len; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		*p = '\0';
		if (mkdir(path, 0755) < 0 && errno != EEXIST)
			return -errno;
		*p = p == path + len ? '\0' : '/';
	}
	if (stat(dir, &st) < 0)
		return -errno;
	return S_ISDIR(st.st_mode) ? 0 : -ENOTDIR;
}

static void sha256_hex(const void *data, size_t len, char hex[BLOCKHASH_HEX_MAX])
{
	struct blockhash h;

	sha256_init(&h);
	blockhash_update(&h, data, len);
	blockhash_final_hex(&h, hex);
}

void segcache_key(const char *const *argv, const char *version, const void *cpio, size_t len,
		  char key[SEGCACHE_KEY_SIZE])
{
	char content[BLOCKHASH_HEX_MAX];
	struct blockhash h;

	sha256_hex(cpio, len, content);
	sha256_init(&h);
	blockhash_update(&h, KEY_MAGIC, strlen(KEY_MAGIC));
	for (size_t i = 0; argv[i]; i++)
		blockhash_update(&h, argv[i], strlen(argv[i]) + 1);
	blockhash_update(&h, "\n", 1);
	blockhash_update(&h, version, strlen(version) + 1);
	blockhash_update(&h, content, 64);
	blockhash_final_hex(&h, key);
}

static char *entry_path(const char *dir, const char *key)
{
	char *path = NULL;

	return asprintf(&path, "%s/%s", dir, key) < 0 ? NULL : path;
}

/* Checks the header of text (len bytes); *body and *size the bytes it vouches for. */
static int check_entry(const char *text, size_t len, size_t *body, size_t *size)
{
	char want[BLOCKHASH_HEX_MAX], got[BLOCKHASH_HEX_MAX];
	const char *nl = memchr(text, '\n', len < 128 ? len : 128);
	unsigned long long n;
	int used = 0;

	if (!nl || strncmp(text, HEADER_MAGIC, strlen(HEADER_MAGIC)) != 0 ||
	    sscanf(text + strlen(HEADER_MAGIC), "%llu %64[0-9a-f]%n", &n, want, &used) != 2 ||
	    text + strlen(HEADER_MAGIC) + used != nl || strlen(want) != 64)
		return -EBADMSG;
	*body = (size_t)(nl + 1 - text);
	if (n != len - *body)
		return -EBADMSG;
	sha256_hex(text + *body, (size_t)n, got);
	if (strcmp(got, want) != 0)
		return -EBADMSG;
	*size = (size_t)n;
	return 0;
}

int segcache_lookup(const char *dir, const char *key, char **data, size_t *len)
{
	char *path = entry_path(dir, key);
	char *text = NULL;
	size_t size = 0, body = 0, n = 0;
	int err = path ? read_whole_file(path, ENTRY_MAX_BYTES, &text, &size) : -ENOMEM;

	free(path);
	if (err == -EFBIG)
		err = -EBADMSG;
	if (!err)
		err = check_entry(text, size, &body, &n);
	if (!err) {
		memmove(text, text + body, n);
		*data = text;
		*len = n;
		return 0;
	}
	free(text);
	return err;
}

static int write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;

	while (len) {
		ssize_t done = write(fd, p, len);

		if (done < 0 && errno == EINTR)
			continue;
		if (done < 0)
			return -errno;
		p += done;
		len -= (size_t)done;
	}
	return 0;
}

int segcache_store(const char *dir, const char *key, const void *data, size_t len)
{
	char header[128], hex[BLOCKHASH_HEX_MAX];
	char *path = entry_path(dir, key);
	char *tmp = NULL;
	int fd = -1, err = -ENOMEM;

	if (path && asprintf(&tmp, "%s/.%s.XXXXXX", dir, key) >= 0) {
		fd = mkstemp(tmp);
		err = fd < 0 ? -errno : 0;
	} else {
		tmp = NULL;
	}
	if (!err) {
		sha256_hex(data, len, hex);
		(void)snprintf(header, sizeof(header), HEADER_MAGIC "%zu %s\n", len, hex);
		err = fchmod(fd, 0644) < 0 ? -errno : write_all(fd, header, strlen(header));
	}
	if (!err)
		err = write_all(fd, data, len);
	if (fd >= 0 && close(fd) < 0 && !err)
		err = -errno;
	if (!err && rename(tmp, path) < 0)
		err = -errno;
	if (err && fd >= 0)
		(void)unlink(tmp);
	free(tmp);
	free(path);
	return err;
}
