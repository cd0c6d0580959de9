/* init/verity.c: see verity.h. The device mapper, through its ioctls. */
#include "verity.h"
#include "config.h"
#include "fatal.h"
#include "fmt.h"
#include "log.h"
#include "loop.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/dm-ioctl.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#define DM_BUF 2048

/* A request: struct dm_ioctl, then (for a table) one target and its line. */
static struct dm_ioctl *dm_init(void *buf, const char *name, unsigned flags)
{
	struct dm_ioctl *io = buf;

	memset(buf, 0, DM_BUF);
	io->version[0] = DM_VERSION_MAJOR;
	io->data_size = DM_BUF;
	io->data_start = sizeof(*io);
	io->flags = flags;
	(void)fmt_snprintf(io->name, sizeof(io->name), "%s", name);
	return io;
}

static int dm_call(int control, unsigned long request, struct dm_ioctl *io, const char *step, const char *name,
		   char *what, size_t whatsize)
{
	int err = ioctl(control, request, io) == 0 ? 0 : -errno;

	if (err)
		(void)fmt_snprintf(what, whatsize, "device-mapper %s of %s", step, name);
	return err;
}

static int dm_verity_create(const char *name, const char *table, uint64_t sectors, unsigned *minor, char *what,
			    size_t whatsize)
{
	static _Alignas(8) unsigned char buf[DM_BUF];
	int control = open("/dev/mapper/control", O_RDWR | O_CLOEXEC);
	struct dm_ioctl *io;
	struct dm_target_spec *t;
	int err;

	if (control < 0) {
		err = -errno;
		(void)fmt_snprintf(what, whatsize, "opening /dev/mapper/control (is dm_mod loaded?)");
		return err;
	}
	io = dm_init(buf, name, 0);
	err = dm_call(control, DM_DEV_CREATE, io, "DM_DEV_CREATE", name, what, whatsize);
	*minor = (unsigned)((io->dev & 0xff) | ((io->dev >> 12) & 0xfff00)); /* huge_encode_dev */
	io = dm_init(buf, name, DM_READONLY_FLAG);
	io->target_count = 1;
	t = (struct dm_target_spec *)(io + 1);
	t->length = sectors;
	(void)fmt_snprintf(t->target_type, sizeof(t->target_type), "verity");
	(void)fmt_snprintf((char *)(t + 1), DM_BUF - sizeof(*io) - sizeof(*t), "%s", table);
	if (!err)
		err = dm_call(control, DM_TABLE_LOAD, io, "DM_TABLE_LOAD (verity ...)", name, what, whatsize);
	if (!err)
		err = dm_call(control, DM_DEV_SUSPEND, dm_init(buf, name, 0), "DM_DEV_SUSPEND (resume)", name, what,
			      whatsize);
	(void)close(control);
	return err;
}

/* The superblock of IMAGE.verity, checked against the image's size. */
static int read_superblock(int hashfd, unsigned long long size, struct verity_sb *sb, const char *hashname,
			   char *what, size_t whatsize)
{
	unsigned char buf[VERITY_SB_SIZE];
	ssize_t n = pread(hashfd, buf, sizeof(buf), 0);
	const char *why = n < 0 ? strerror(errno) : verity_sb_parse(buf, (size_t)n, sb);

	if (!why && sb->data_blocks * sb->data_block_size != size)
		why = "it covers a different size than the image's (not padded to 4 KiB?)";
	if (!why)
		return 0;
	(void)fmt_snprintf(what, whatsize, "reading the dm-verity superblock of %s (%s)", hashname, why);
	return -EINVAL;
}

/* The first block through the mapping: a wrong root hash fails every read. */
static void check_first_block(struct boot_state *st, const char *image, const char *dev)
{
	static unsigned char block[4096];
	int fd = open(dev, O_RDONLY | O_CLOEXEC);
	ssize_t n = fd < 0 ? -1 : pread(fd, block, sizeof(block), 0);
	int err = n < 0 ? errno : n != (ssize_t)sizeof(block) ? EIO : 0;

	if (fd >= 0)
		(void)close(fd);
	if (err)
		fatal(st, "live-verity: %s does not match the root hash given by live-verity= (reading %s: %s)", image,
		      dev, strerror(err));
}

int verity_map(struct boot_state *st, struct modload *ml, int dirfd, const char *image, const char *datadev,
	       char *dev, size_t devsize, char *what, size_t whatsize)
{
	char hashname[160], hashdev[32], name[DM_NAME_LEN], table[2 * VERITY_SALT_MAX + 256];
	struct verity_sb sb;
	struct stat img;
	unsigned minor = 0;
	int hashfd, loopfd, err;

	(void)fmt_snprintf(hashname, sizeof(hashname), "%s.verity", image);
	hashfd = fstatat(dirfd, image, &img, AT_SYMLINK_NOFOLLOW) < 0 ? -errno : open_beneath(dirfd, hashname, O_RDONLY);
	if (hashfd < 0) {
		(void)fmt_snprintf(what, whatsize, "live-verity: opening %s and %s", image, hashname);
		return hashfd;
	}
	err = read_superblock(hashfd, (unsigned long long)img.st_size, &sb, hashname, what, whatsize);
	loopfd = err ? err : loop_attach(hashfd, true, hashname, hashdev, sizeof(hashdev));
	(void)close(hashfd);
	if (loopfd < 0) {
		if (!err)
			(void)fmt_snprintf(what, whatsize, "attaching %s to a loop device", hashname);
		return loopfd;
	}
	(void)modload_alias(ml, "dm_verity");
	(void)fmt_snprintf(name, sizeof(name), "live-%s", image);
	err = verity_table(table, sizeof(table), &sb, datadev, hashdev, st->opts.verity);
	if (!err)
		err = dm_verity_create(name, table, sb.data_blocks * (sb.data_block_size / 512), &minor, what, whatsize);
	(void)close(loopfd);
	if (err)
		return err;
	(void)fmt_snprintf(dev, devsize, "/dev/dm-%u", minor);
	check_first_block(st, image, dev);
	log_notice("verity: %s is verified by dm-verity (root hash %.8s...) on %s", image, st->opts.verity, dev);
	return 0;
}
