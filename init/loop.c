/* init/loop.c: see loop.h. */
#include "loop.h"
#include "fmt.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/loop.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

static void fill_info(struct loop_info64 *info, bool read_only, const char *name)
{
	memset(info, 0, sizeof(*info));
	info->lo_flags = LO_FLAGS_AUTOCLEAR | (read_only ? LO_FLAGS_READ_ONLY : 0);
	(void)fmt_snprintf((char *)info->lo_file_name, sizeof(info->lo_file_name), "%s", name);
}

static int configure(int loopfd, int fd, bool read_only, const char *name)
{
	struct loop_config config;

	memset(&config, 0, sizeof(config));
	config.fd = (unsigned)fd;
	fill_info(&config.info, read_only, name);
	if (ioctl(loopfd, LOOP_CONFIGURE, &config) == 0)
		return 0;
	if (errno != EINVAL && errno != ENOTTY)
		return -errno;
	/* before Linux 5.8: two steps */
	if (ioctl(loopfd, LOOP_SET_FD, fd) < 0)
		return -errno;
	if (ioctl(loopfd, LOOP_SET_STATUS64, &config.info) < 0) {
		int err = -errno;

		(void)ioctl(loopfd, LOOP_CLR_FD, 0);
		return err;
	}
	return 0;
}

int loop_attach(int fd, bool read_only, const char *name, char *dev, size_t devsize)
{
	int control = open("/dev/loop-control", O_RDWR | O_CLOEXEC);
	int err = -EBUSY;

	if (control < 0)
		return -errno;
	/* another process may take the free device between the two calls: retry */
	for (int attempt = 0; attempt < 8 && err == -EBUSY; attempt++) {
		int number = ioctl(control, LOOP_CTL_GET_FREE);
		int loopfd;

		if (number < 0) {
			err = -errno;
			break;
		}
		(void)fmt_snprintf(dev, devsize, "/dev/loop%d", number);
		loopfd = open(dev, (read_only ? O_RDONLY : O_RDWR) | O_CLOEXEC);
		if (loopfd < 0) {
			err = -errno;
			break;
		}
		err = configure(loopfd, fd, read_only, name);
		if (err == 0) {
			(void)close(control);
			return loopfd;
		}
		(void)close(loopfd);
	}
	(void)close(control);
	return err;
}
