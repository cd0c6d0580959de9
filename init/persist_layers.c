/* init/persist_layers.c: the layers live-commit wrote to the "/ union"
 * persistence volume (layers/, see layer_names.h): a pending commit is
 * finished (its upper emptied, crash-safe at every step), leftovers of an
 * interrupted one removed, and the layers listed for the overlay, lowest
 * first, above the medium's images. */
#include "layer_names.h"
#include "fmt.h"
#include "log.h"
#include "persist.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h> /* renameat only: formatting is fmt.h's */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define LAYERS_DIR "layers"
#define UPPER_DIR "rw"
#define OLD_UPPER_DIR "rw.committed" /* the emptied upper, until it is removed */
#define TREE_DEPTH_MAX 64

/* Removes name below dirfd with everything in it, never following a link. */
static int remove_tree(int dirfd, const char *name, int depth)
{
	int fd, err = 0;
	DIR *dir;
	struct dirent *de;

	if (unlinkat(dirfd, name, 0) == 0 || errno == ENOENT)
		return 0;
	if (errno != EISDIR || depth > TREE_DEPTH_MAX)
		return errno == EISDIR ? -ELOOP : -errno;
	fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	dir = fd < 0 ? NULL : fdopendir(fd);
	if (!dir)
		return fd < 0 ? -errno : (close(fd), -ENOMEM);
	while (!err && (de = readdir(dir)))
		if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0)
			err = remove_tree(fd, de->d_name, depth + 1);
	(void)closedir(dir);
	if (!err && unlinkat(dirfd, name, AT_REMOVEDIR) < 0)
		err = -errno;
	return err;
}

/* Every step can be repeated after a power loss: the old upper is moved
 * aside, a new empty one made, the layer renamed to its stacked name (the
 * point after which the commit is complete), the old upper removed. */
static int finish_commit(int volfd, int layersfd, const char *pending, char *stacked, size_t size)
{
	int err = remove_tree(volfd, OLD_UPPER_DIR, 0);

	if (!layer_name_stacked(pending, stacked, size))
		return -ENAMETOOLONG;
	if (!err && renameat(volfd, UPPER_DIR, volfd, OLD_UPPER_DIR) < 0 && errno != ENOENT)
		err = -errno;
	if (!err && (mkdirat(volfd, UPPER_DIR, 0755) < 0 || fsync(volfd) < 0))
		err = -errno;
	if (!err && (renameat(layersfd, pending, layersfd, stacked) < 0 || fsync(layersfd) < 0))
		err = -errno;
	if (!err)
		err = remove_tree(volfd, OLD_UPPER_DIR, 0);
	return err;
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(a, b);
}

/* Lists the layers (stacked and pending); on a writable volume removes
 * leftovers. Regular files only. */
static void list_layers(struct boot_state *st, int layersfd, bool writable)
{
	int fd = dup(layersfd);
	DIR *dir = fd < 0 ? NULL : fdopendir(fd);
	struct dirent *de;
	struct stat sb;

	while (dir && (de = readdir(dir))) {
		enum layer_name_kind kind = layer_name_kind(de->d_name);

		if (kind == LAYER_LEFTOVER && writable) {
			log_notice("persistence: removing %s/%s, left by a commit that did not finish", LAYERS_DIR,
				   de->d_name);
			(void)remove_tree(layersfd, de->d_name, 0);
		}
		if (kind != LAYER_STACKED && kind != LAYER_PENDING)
			continue;
		if (fstatat(layersfd, de->d_name, &sb, AT_SYMLINK_NOFOLLOW) < 0 || !S_ISREG(sb.st_mode)) {
			log_err("persistence: %s/%s is not a regular file; not stacked", LAYERS_DIR, de->d_name);
			continue;
		}
		if (st->npersist_layers == LIVE_MAX_IMAGES) {
			log_err("persistence: more than %d layers in %s/; the rest are not stacked", LIVE_MAX_IMAGES,
				LAYERS_DIR);
			break;
		}
		/* layer_name_kind() accepted only names shorter than LAYER_NAME_MAX */
		memcpy(st->persist_layers[st->npersist_layers++], de->d_name, strlen(de->d_name) + 1);
	}
	if (dir)
		(void)closedir(dir);
	else if (fd >= 0)
		(void)close(fd);
	qsort(st->persist_layers, st->npersist_layers, sizeof(st->persist_layers[0]), compare_names);
}

static void finish_pending(struct boot_state *st, int volfd, int layersfd)
{
	for (unsigned i = 0; i < st->npersist_layers; i++) {
		char *name = st->persist_layers[i], stacked[sizeof(st->persist_layers[0])];
		int err;

		if (layer_name_kind(name) != LAYER_PENDING)
			continue;
		err = finish_commit(volfd, layersfd, name, stacked, sizeof(stacked));
		if (err < 0) {
			log_err("persistence: finishing the commit of %s/%s failed: %s; it is stacked as it is",
				LAYERS_DIR, name, strerror(-err));
			continue;
		}
		log_notice("persistence: %s/%s committed: stacked from now on, and the upper starts empty",
			   LAYERS_DIR, stacked);
		memcpy(name, stacked, sizeof(stacked));
	}
}

int persist_layers_open(struct boot_state *st)
{
	const struct persist_volume *v = st->persist_root >= 0 ? &st->persist[st->persist_root] : NULL;
	int volfd, layersfd;

	st->npersist_layers = 0;
	if (!v || !v->mounted)
		return -ENOENT;
	volfd = open(v->mountpoint, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	layersfd = volfd < 0 ? -1 : openat(volfd, LAYERS_DIR, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (layersfd < 0) {
		int err = errno == ENOENT ? -ENOENT : -errno;

		if (err != -ENOENT)
			log_err("persistence: %s/%s cannot be opened: %s; no layers stacked", v->mountpoint,
				LAYERS_DIR, strerror(-err));
		if (volfd >= 0)
			(void)close(volfd);
		return err;
	}
	list_layers(st, layersfd, !v->read_only);
	if (!v->read_only)
		finish_pending(st, volfd, layersfd);
	(void)close(volfd);
	return layersfd;
}
