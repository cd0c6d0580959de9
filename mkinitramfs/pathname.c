/* mkinitramfs/pathname.c: lexical paths (see pathname.h). */
#include "pathname.h"

#include <errno.h>
#include <string.h>

/* Appends the components of path to out (len bytes used, at least "/"). */
static int append_components(const char *path, char *out, size_t size, size_t *len)
{
	while (*path) {
		size_t n = strcspn(path, "/");

		if (n == 2 && path[0] == '.' && path[1] == '.') {
			while (*len > 1 && out[*len - 1] != '/')
				(*len)--;
			if (*len > 1)
				(*len)--; /* the slash before the removed component */
		} else if (n > 0 && !(n == 1 && path[0] == '.')) {
			size_t sep = *len > 1;

			if (*len + sep + n >= size)
				return -ENAMETOOLONG;
			if (sep)
				out[(*len)++] = '/';
			memcpy(out + *len, path, n);
			*len += n;
		}
		path += n + (path[n] == '/');
	}
	return 0;
}

int pathname_resolve(const char *dir, const char *path, char *out, size_t size)
{
	size_t len = 1;
	int err = 0;

	if (!dir || dir[0] != '/' || !path || !*path)
		return -EINVAL;
	if (size < 2)
		return -ENAMETOOLONG;
	out[0] = '/';
	if (path[0] != '/')
		err = append_components(dir, out, size, &len);
	if (!err)
		err = append_components(path, out, size, &len);
	out[err ? 0 : len] = '\0';
	return err;
}

int pathname_dirname(const char *path, char *out, size_t size)
{
	const char *slash;
	size_t len;

	if (!path || path[0] != '/')
		return -EINVAL;
	slash = strrchr(path, '/');
	len = slash == path ? 1 : (size_t)(slash - path);
	if (len >= size)
		return -ENAMETOOLONG;
	memcpy(out, path, len);
	out[len] = '\0';
	return 0;
}
