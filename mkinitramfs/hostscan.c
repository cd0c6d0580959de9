/* mkinitramfs/hostscan.c: the build machine's devices, mounts and modules
 * (see hostscan.h). */
#include "hostscan.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_DEPTH 64 /* deeper than any device path in sysfs */

/* The first line of the modalias file at dirfd, added to out; a file that
 * cannot be read is skipped (some devices refuse). */
static int add_modalias(int dirfd, struct strlist *out)
{
	char line[4096];
	int fd = openat(dirfd, "modalias", O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return 0;
	n = read(fd, line, sizeof(line) - 1);
	close(fd);
	if (n <= 0)
		return 0;
	line[n] = '\0';
	line[strcspn(line, "\n")] = '\0';
	return line[0] ? strlist_add_unique(out, line) : 0;
}

/* The entry's type, asking the file system when readdir did not say. */
static unsigned char entry_type(int dirfd, const struct dirent *e)
{
	struct stat st;

	if (e->d_type != DT_UNKNOWN)
		return e->d_type;
	if (fstatat(dirfd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0)
		return DT_UNKNOWN;
	return S_ISDIR(st.st_mode) ? DT_DIR : S_ISREG(st.st_mode) ? DT_REG : DT_UNKNOWN;
}

static int walk(int dirfd, int depth, struct strlist *out)
{
	DIR *dir = fdopendir(dirfd);
	struct dirent *e;
	int err = 0;

	if (!dir) {
		close(dirfd);
		return 0;
	}
	while (!err && (e = readdir(dir)) != NULL) {
		unsigned char type;
		int sub;

		if (e->d_name[0] == '.')
			continue;
		type = entry_type(dirfd, e);
		if (strcmp(e->d_name, "modalias") == 0 && type == DT_REG)
			err = add_modalias(dirfd, out);
		if (type != DT_DIR || depth >= MAX_DEPTH)
			continue;
		sub = openat(dirfd, e->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (sub >= 0)
			err = walk(sub, depth + 1, out);
	}
	closedir(dir);
	return err;
}

int hostscan_modaliases(const char *sysfs, struct strlist *out)
{
	char path[4096];
	int fd, err;

	if (snprintf(path, sizeof(path), "%s/devices", sysfs) >= (int)sizeof(path))
		return -ENAMETOOLONG;
	fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	err = walk(fd, 0, out);
	strlist_sort(out);
	return err;
}

/* Adds field number `field` (0-based) of each line, cut at cut_at when it has one. */
static int add_fields(const char *text, int field, char cut_at, struct strlist *out)
{
	while (*text) {
		size_t line_len = strcspn(text, "\n");
		const char *p = text;
		int err = 0;

		for (int i = 0; i < field && p < text + line_len; i++) {
			p += strcspn(p, " \t\n");
			p += strspn(p, " \t");
		}
		if (p < text + line_len) {
			size_t n = strcspn(p, " \t\n");
			const char *cut = cut_at ? memchr(p, cut_at, n) : NULL;
			char word[256];

			n = cut ? (size_t)(cut - p) : n;
			if (n > 0 && n < sizeof(word)) {
				memcpy(word, p, n);
				word[n] = '\0';
				err = strlist_add_unique(out, word);
			}
		}
		if (err)
			return err;
		text += line_len + (text[line_len] == '\n');
	}
	strlist_sort(out);
	return 0;
}

int hostscan_mount_types(const char *text, struct strlist *out)
{
	return add_fields(text, 2, '.', out);
}

int hostscan_loaded_modules(const char *text, struct strlist *out)
{
	return add_fields(text, 0, '\0', out);
}
