/* mkinitramfs/hostfile.c: host files and their links into the manifest (see hostfile.h). */
#include "hostfile.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pathname.h"

static int add_regular(struct manifest *m, const char *image, const char *host,
		       const struct stat *st)
{
	char *real = realpath(host, NULL);
	int err;

	if (!real)
		return -errno;
	err = manifest_add_file_once(m, image, (st->st_mode & 0111) ? 0755 : 0644, real);
	free(real);
	return err;
}

static int read_link(const char *path, char *out, size_t size)
{
	ssize_t n = readlink(path, out, size);

	if (n < 0)
		return -errno;
	if ((size_t)n >= size)
		return -ENAMETOOLONG;
	out[n] = '\0';
	return n ? 0 : -EINVAL;
}

/* Moves image and host on to where the link text target points. */
static int follow(char *image, char *host, const char *target)
{
	char dir[PATH_MAX];
	int err = pathname_dirname(image, dir, sizeof(dir));

	if (!err)
		err = pathname_resolve(dir, target, image, PATH_MAX);
	if (err)
		return err;
	if (target[0] == '/') {
		if (strlen(target) >= PATH_MAX)
			return -ENAMETOOLONG;
		strcpy(host, target);
		return 0;
	}
	/* The kernel resolves host's directory, its links and the target's "..". */
	*strrchr(host, '/') = '\0';
	if (strlen(host) + 1 + strlen(target) >= PATH_MAX)
		return -ENAMETOOLONG;
	strcat(strcat(host, "/"), target);
	return 0;
}

int hostfile_add(struct manifest *m, const char *image_path, const char *host_path)
{
	char image[PATH_MAX], host[PATH_MAX], target[PATH_MAX];

	if (!image_path || !host_path || host_path[0] != '/' || !manifest_path_ok(image_path))
		return -EINVAL;
	if (snprintf(image, sizeof(image), "%s", image_path) >= (int)sizeof(image) ||
	    snprintf(host, sizeof(host), "%s", host_path) >= (int)sizeof(host))
		return -ENAMETOOLONG;
	for (int links = 0; links <= HOSTFILE_MAX_LINKS; links++) {
		struct stat st;
		int err;

		if (lstat(host, &st) < 0)
			return -errno;
		if (S_ISREG(st.st_mode))
			return add_regular(m, image, host, &st);
		if (!S_ISLNK(st.st_mode))
			return S_ISDIR(st.st_mode) ? -EISDIR : -EINVAL;
		err = read_link(host, target, sizeof(target));
		if (!err)
			err = manifest_add_slink_once(m, image, target);
		if (!err)
			err = follow(image, host, target);
		if (err)
			return err;
	}
	return -ELOOP;
}
