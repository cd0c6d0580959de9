/* tests/unit/test_segcache.c: the cache of compressed segments
 * (mkinitramfs/segcache.c): keys, a store and a lookup, damaged entries. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "segcache.h"
#include "tap.h"

static const char *const zstd19[] = { "zstd", "-q", "-19", "--long=24", "-T1", "-c", NULL };
static const char *const zstd18[] = { "zstd", "-q", "-18", "--long=24", "-T1", "-c", NULL };
static const char *const joined[] = { "zstd", "-q", "-19 --long=24", "-T1", "-c", NULL };
static const char cpio[] = "070701...an archive";

static void test_keys(void)
{
	char a[SEGCACHE_KEY_SIZE], b[SEGCACHE_KEY_SIZE], c[SEGCACHE_KEY_SIZE];
	char d[SEGCACHE_KEY_SIZE], e[SEGCACHE_KEY_SIZE], f[SEGCACHE_KEY_SIZE];

	segcache_key(zstd19, "v1.5.4", cpio, sizeof(cpio), a);
	segcache_key(zstd19, "v1.5.4", cpio, sizeof(cpio), b);
	segcache_key(zstd18, "v1.5.4", cpio, sizeof(cpio), c);
	segcache_key(joined, "v1.5.4", cpio, sizeof(cpio), d);
	segcache_key(zstd19, "v1.5.5", cpio, sizeof(cpio), e);
	segcache_key(zstd19, "v1.5.4", cpio, sizeof(cpio) - 1, f);
	is_int(strlen(a), 64, "key: 64 hex digits");
	is_str(a, b, "key: the same archive and command, the same key");
	ok(strcmp(a, c) != 0, "key: another level, another key");
	ok(strcmp(a, d) != 0, "key: the same words split otherwise, another key");
	ok(strcmp(a, e) != 0, "key: another compressor version, another key");
	ok(strcmp(a, f) != 0, "key: another archive, another key");
}

static int write_text(const char *path, const char *text, size_t len)
{
	FILE *f = fopen(path, "wb");

	return f && fwrite(text, 1, len, f) == len && fclose(f) == 0 ? 0 : -1;
}

static int lookup(const char *dir, const char *key, char **data, size_t *len)
{
	*data = NULL;
	return segcache_lookup(dir, key, data, len);
}

static void test_store_and_damage(const char *dir)
{
	char key[SEGCACHE_KEY_SIZE], path[4200], *data = NULL, *text = NULL;
	static const char bytes[] = "\x28\xb5\x2f\xfd compressed\n\0 bytes";
	size_t len = 0, tlen;
	FILE *f;

	segcache_key(zstd19, "v", cpio, sizeof(cpio), key);
	(void)snprintf(path, sizeof(path), "%s/%s", dir, key);
	is_int(lookup(dir, key, &data, &len), -ENOENT, "lookup: no entry, a miss");
	is_int(segcache_store(dir, key, bytes, sizeof(bytes)), 0, "store: stored");
	ok(lookup(dir, key, &data, &len) == 0 && len == sizeof(bytes) &&
	   memcmp(data, bytes, len) == 0, "lookup: the bytes stored");
	free(data);
	f = fopen(path, "rb");
	text = malloc(4096);
	tlen = f ? fread(text, 1, 4096, f) : 0;
	if (f)
		(void)fclose(f);
	ok(tlen > sizeof(bytes), "store: header and bytes in %s", key);
	ok(write_text(path, text, tlen - 1) == 0 && lookup(dir, key, &data, &len) == -EBADMSG,
	   "lookup: a short entry is damaged");
	text[tlen - 3] ^= 1;
	ok(write_text(path, text, tlen) == 0 && lookup(dir, key, &data, &len) == -EBADMSG,
	   "lookup: a flipped bit is damaged");
	text[tlen - 3] ^= 1;
	text[20] = 'x';
	ok(write_text(path, text, tlen) == 0 && lookup(dir, key, &data, &len) == -EBADMSG,
	   "lookup: a bad header is damaged");
	ok(write_text(path, "", 0) == 0 && lookup(dir, key, &data, &len) == -EBADMSG,
	   "lookup: an empty file is damaged");
	ok(segcache_store(dir, key, bytes, sizeof(bytes)) == 0 &&
	   lookup(dir, key, &data, &len) == 0 && len == sizeof(bytes),
	   "store: replaces a damaged entry");
	free(data);
	free(text);
}

int main(void)
{
	char dir[] = "/tmp/test_segcache.XXXXXX", sub[64], command[128], *def = NULL;

	test_keys();
	ok(mkdtemp(dir) != NULL, "scratch directory %s", dir);
	(void)snprintf(sub, sizeof(sub), "%s/a/b", dir);
	is_int(segcache_make_dir(sub), 0, "make_dir: with its parents");
	is_int(segcache_make_dir(sub), 0, "make_dir: there already");
	test_store_and_damage(sub);
	(void)setenv("XDG_CACHE_HOME", "/x", 1);
	ok(segcache_default_dir(&def) == 0 && strcmp(def, "/x/liveinit/initramfs") == 0,
	   "default: under XDG_CACHE_HOME");
	free(def);
	(void)setenv("XDG_CACHE_HOME", "relative", 1);
	(void)setenv("HOME", "/home/u", 1);
	ok(segcache_default_dir(&def) == 0 && strcmp(def, "/home/u/.cache/liveinit/initramfs") == 0,
	   "default: ~/.cache when XDG_CACHE_HOME is not absolute");
	free(def);
	(void)unsetenv("XDG_CACHE_HOME");
	(void)unsetenv("HOME");
	is_int(segcache_default_dir(&def), -ENOENT, "default: none without HOME");
	(void)snprintf(command, sizeof(command), "rm -rf '%s'", dir);
	ok(system(command) == 0, "scratch directory removed");
	return done_testing();
}
