/* init/liveroot.c: see liveroot.h. */
#include "liveroot.h"
#include "fmt.h"
#include "log.h"
#include "loop.h"
#include "medium.h"
#include "persist.h"
#include "util.h"
#include "verity.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#define OVERLAY_OPTIONS_MAX 4096

/* Mounts image (below dirfd) read-only at mount_dir/image, through a loop
 * device (and dm-verity for live-verity='s image on the medium). */
static int mount_image(struct boot_state *st, struct modload *ml, int dirfd, const char *image, const char *mount_dir,
		       char *what, size_t whatsize)
{
	char loopdev[32], source[32], target[256];
	int fd, loopfd, err = 0;

	(void)fmt_snprintf(target, sizeof(target), "%s/%s", mount_dir, image);
	fd = open_beneath(dirfd, image, O_RDONLY);
	if (fd < 0) {
		(void)fmt_snprintf(what, whatsize, "opening the image %s (for %s)", image, target);
		return fd;
	}
	loopfd = loop_attach(fd, true, image, loopdev, sizeof(loopdev));
	(void)close(fd);
	if (loopfd < 0) {
		(void)fmt_snprintf(what, whatsize, "attaching %s to a loop device", image);
		return loopfd;
	}
	memcpy(source, loopdev, sizeof(source));
	if (st->opts.verity[0] && strcmp(image, LIVE_VERITY_IMAGE) == 0 && strcmp(mount_dir, LIVE_ROOTFS_DIR) == 0)
		err = verity_map(st, ml, dirfd, image, loopdev, source, sizeof(source), what, whatsize);
	if (!err && (mkdir_p(target, 0755) < 0 ||
		     mount(source, target, "squashfs", MS_RDONLY | MS_NODEV | MS_NOSUID, NULL) < 0)) {
		err = -errno;
		(void)fmt_snprintf(what, whatsize, "mounting %s (%s) as squashfs at %s", image, source, target);
	}
	(void)close(loopfd);
	if (!err)
		log_info("image %s: %s mounted read-only at %s", image, source, target);
	return err;
}

static int mount_upper(const struct boot_state *st, char *what, size_t whatsize)
{
	char options[64];

	(void)fmt_snprintf(options, sizeof(options), "size=%s,mode=0755", st->opts.overlay_size);
	if (mkdir_p(LIVE_OVERLAY_DIR, 0755) < 0 ||
	    mount("tmpfs", LIVE_OVERLAY_DIR, "tmpfs", MS_NODEV | MS_NOSUID, options) < 0 ||
	    mkdir(LIVE_OVERLAY_DIR "/upper", 0755) < 0 || mkdir(LIVE_OVERLAY_DIR "/work", 0755) < 0) {
		int err = -errno;

		(void)fmt_snprintf(what, whatsize, "preparing the tmpfs upper layer at %s (%s)", LIVE_OVERLAY_DIR,
				   options);
		return err;
	}
	return 0;
}

struct layers {
	char upper[160];
	char work[160];
	const char *extra_lower; /* a read-only persistence volume's rw/, above the images */
};

/* The writable layer: the "/ union" persistence volume's rw/ and work/, or
 * the tmpfs. */
static int choose_upper(struct boot_state *st, struct layers *l, char *what, size_t whatsize)
{
	const char *volume = persist_root_upper(st);
	const char *lower = persist_root_lower(st);
	int err;

	if (volume) {
		(void)fmt_snprintf(l->upper, sizeof(l->upper), "%s/rw", volume);
		(void)fmt_snprintf(l->work, sizeof(l->work), "%s/work", volume);
		log_notice("persistence: the root's changes are kept on %s", st->persist[st->persist_root].device);
		return 0;
	}
	if (lower) {
		static char extra[160];

		(void)fmt_snprintf(extra, sizeof(extra), "%s/rw", lower);
		l->extra_lower = extra;
		(void)fmt_snprintf(st->persist[st->persist_root].note, sizeof(st->persist[0].note),
				   "read-only: its rw/ is a lower layer");
	}
	err = mount_upper(st, what, whatsize);
	(void)fmt_snprintf(l->upper, sizeof(l->upper), "%s/upper", LIVE_OVERLAY_DIR);
	(void)fmt_snprintf(l->work, sizeof(l->work), "%s/work", LIVE_OVERLAY_DIR);
	return err;
}

/* overlayfs lists the top layer first: a read-only volume's rw/, the
 * volume's committed layers, then the medium's images (both lists are lowest
 * first). */
static int overlay_options(const struct boot_state *st, const struct layers *l, char *buf, size_t size)
{
	size_t used = 0;
	int n = fmt_snprintf(buf, size, "lowerdir=%s%s", l->extra_lower ? l->extra_lower : "",
			     l->extra_lower ? ":" : "");

	for (unsigned i = st->npersist_layers; n >= 0 && (size_t)n < size - used && i-- > 0;) {
		used += (size_t)n;
		n = fmt_snprintf(buf + used, size - used, "%s/%s:", LIVE_PERSIST_LAYERS_DIR, st->persist_layers[i]);
	}
	for (unsigned i = st->nimages; n >= 0 && (size_t)n < size - used && i-- > 0;) {
		used += (size_t)n;
		n = fmt_snprintf(buf + used, size - used, "%s/%s%s", LIVE_ROOTFS_DIR, st->images[i],
				 i ? ":" : "");
	}
	if (n < 0 || (size_t)n >= size - used)
		return -ENAMETOOLONG;
	used += (size_t)n;
	n = fmt_snprintf(buf + used, size - used, ",upperdir=%s,workdir=%s", l->upper, l->work);
	return n < 0 || (size_t)n >= size - used ? -ENAMETOOLONG : 0;
}

static int mount_overlay(struct boot_state *st, struct modload *ml, char *what, size_t whatsize)
{
	char options[OVERLAY_OPTIONS_MAX];
	struct layers layers = { .extra_lower = NULL };
	int err = choose_upper(st, &layers, what, whatsize);

	if (!err)
		err = overlay_options(st, &layers, options, sizeof(options));
	if (err)
		return err;
	(void)modload_alias(ml, "fs-overlay");
	if (mkdir_p(LIVE_NEWROOT, 0755) < 0 || mount("overlay", LIVE_NEWROOT, "overlay", 0, options) < 0) {
		err = -errno;
		(void)fmt_snprintf(what, whatsize, "mounting the overlay at %s (%.200s)", LIVE_NEWROOT, options);
		return err;
	}
	log_info("overlay mounted at %s: %s", LIVE_NEWROOT, options);
	return 0;
}

/* live-commit's layers on the persistence volume. One that cannot be
 * mounted stops the boot: without it, deletions it holds would come back. */
static int mount_persist_layers(struct boot_state *st, struct modload *ml, char *what, size_t whatsize)
{
	int layersfd = persist_layers_open(st), err = 0;

	for (unsigned i = 0; layersfd >= 0 && i < st->npersist_layers && !err; i++)
		err = mount_image(st, ml, layersfd, st->persist_layers[i], LIVE_PERSIST_LAYERS_DIR, what, whatsize);
	if (layersfd >= 0)
		(void)close(layersfd);
	if (err)
		(void)fmt_snprintf(what + strlen(what), whatsize - strlen(what),
			       " on the persistence volume (boot with nopersistence to leave it alone)");
	return err;
}

int liveroot_assemble(struct boot_state *st, struct modload *ml, char *what, size_t whatsize)
{
	int dirfd = medium_open_live_dir(st);
	int ramfd = open(LIVE_TORAM_DIR, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int err = 0;

	if (dirfd < 0) {
		(void)fmt_snprintf(what, whatsize, "opening %s on the medium", st->opts.media_path);
		if (ramfd >= 0)
			(void)close(ramfd);
		return dirfd;
	}
	(void)modload_alias(ml, "fs-squashfs");
	for (unsigned i = 0; i < st->nimages && !err; i++)
		err = mount_image(st, ml, st->image_in_ram[i] && ramfd >= 0 ? ramfd : dirfd, st->images[i],
				  LIVE_ROOTFS_DIR, what, whatsize);
	(void)close(dirfd);
	if (ramfd >= 0)
		(void)close(ramfd);
	if (!err)
		err = mount_persist_layers(st, ml, what, whatsize);
	if (!err)
		err = mount_overlay(st, ml, what, whatsize);
	return err;
}
