/* mkinitramfs/fileio.c: reading a whole file (see fileio.h). */
#include "fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static int read_fully(int fd, char *buf, size_t size)
{
	size_t done = 0;

	while (done < size) {
		ssize_t n = read(fd, buf + done, size - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if (n == 0)
			return -EIO; /* the file shrank while being read */
		done += (size_t)n;
	}
	return 0;
}

static int read_open_file(int fd, size_t max, char **data, size_t *size)
{
	struct stat st;
	char *buf;
	int err;

	if (fstat(fd, &st) < 0)
		return -errno;
	if (!S_ISREG(st.st_mode))
		return S_ISDIR(st.st_mode) ? -EISDIR : -EINVAL;
	if ((unsigned long long)st.st_size > max)
		return -EFBIG;
	buf = malloc((size_t)st.st_size + 1);
	if (!buf)
		return -ENOMEM;
	err = read_fully(fd, buf, (size_t)st.st_size);
	if (err) {
		free(buf);
		return err;
	}
	buf[st.st_size] = '\0';
	*data = buf;
	*size = (size_t)st.st_size;
	return 0;
}

int read_whole_file(const char *path, size_t max, char **data, size_t *size)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	int err;

	if (fd < 0)
		return -errno;
	err = read_open_file(fd, max, data, size);
	if (close(fd) < 0 && err == 0) {
		err = -errno;
		free(*data);
		*data = NULL;
	}
	return err;
}

int read_fd_to_eof(int fd, size_t max, char **data, size_t *size)
{
	size_t used = 0, capacity = 4096;
	char *buf = malloc(capacity + 1);
	int err = buf ? 0 : -ENOMEM;

	while (!err) {
		ssize_t n;

		if (used == capacity) {
			char *grown = capacity >= max ? NULL : realloc(buf, capacity * 2 + 1);

			err = capacity >= max ? -EFBIG : grown ? 0 : -ENOMEM;
			if (err)
				break;
			buf = grown;
			capacity *= 2;
		}
		n = read(fd, buf + used, capacity - used);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			err = n < 0 ? -errno : used > max ? -EFBIG : 0;
			break;
		}
		used += (size_t)n;
	}
	if (err) {
		free(buf);
		return err;
	}
	buf[used] = '\0';
	*data = buf;
	*size = used;
	return 0;
}

int read_file_to_eof(const char *path, size_t max, char **data, size_t *size)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	int err;

	if (fd < 0)
		return -errno;
	err = read_fd_to_eof(fd, max, data, size);
	close(fd);
	return err;
}
