/* mkinitramfs/segcache.h: compressed segments kept by what they hold.
 *
 * An entry is DIR/KEY, KEY the SHA-256 (64 hex digits) of
 *     "liveinit-initramfs-segment 1\n"
 *     each word of the compressor's command, with a NUL after it
 *     "\n", what the compressor says its version is (compress_version), a NUL
 *     the SHA-256 of the uncompressed cpio bytes, in hex
 * so the same archive compressed by the same command of the same compressor
 * finds it, and any other misses. Its content is one header line,
 *     "liveinit-segment 1 SIZE SHA256\n"
 * (SIZE the compressed bytes' count in decimal, SHA256 their hash), then the
 * compressed bytes. A lookup takes an entry only when the header parses and
 * the bytes that follow are SIZE long and hash to SHA256: a short, damaged or
 * foreign file is a miss (and the next store replaces it). A store writes a
 * temporary file in DIR (mkstemp) and renames it to DIR/KEY: a reader sees the
 * whole old entry, the whole new one, or none, and runs storing the same KEY
 * at once store the same bytes. Nothing is ever evicted: the directory may be
 * removed at any time.
 */
#ifndef MKINITRAMFS_SEGCACHE_H
#define MKINITRAMFS_SEGCACHE_H
#include <stddef.h>

#define SEGCACHE_KEY_SIZE 65 /* 64 hex digits and a NUL */

/* The default directory, new (to free): $XDG_CACHE_HOME/liveinit/initramfs
 * when XDG_CACHE_HOME is an absolute path, else $HOME/.cache/liveinit/initramfs.
 * 0, -ENOENT (neither is set), or -ENOMEM. */
int segcache_default_dir(char **dir);

/* Makes dir and its missing parents (0755). 0 or -errno. */
int segcache_make_dir(const char *dir);

/* The entry's key (see above) for cpio compressed by argv (NULL-terminated)
 * whose version text is version. */
void segcache_key(const char *const *argv, const char *version, const void *cpio, size_t len,
		  char key[SEGCACHE_KEY_SIZE]);

/* Reads DIR/KEY's compressed bytes into *data (malloc'd), *len. 0, -ENOENT
 * (no entry), -EBADMSG (an entry that fails the checks above), or -errno. */
int segcache_lookup(const char *dir, const char *key, char **data, size_t *len);

/* Stores data as DIR/KEY, atomically. 0 or -errno (nothing is left behind). */
int segcache_store(const char *dir, const char *key, const void *data, size_t len);

#endif
