/* init/persist_apply.c: putting the persistence volumes to use: the root's
 * upper layer, the bind/link/union entries, and the status file. */
#include "fmt.h"
#include "log.h"
#include "persist.h"
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <unistd.h>

#define TREE_DEPTH_MAX 32

/* Opens rel below rootfd as a directory, creating missing components, never
 * following a symbolic link (one on the volume cannot lead out of it).
 * *created tells whether the last component is new. Returns fd or -errno. */
static int open_dir_creating(int rootfd, const char *rel, bool *created)
{
	char path[PERSIST_PATH_MAX], *save = NULL;
	int fd = dup(rootfd);

	*created = false;
	if (fd < 0 || strlen(rel) >= sizeof(path))
		return fd < 0 ? -errno : (close(fd), -ENAMETOOLONG);
	memcpy(path, rel, strlen(rel) + 1);
	for (char *part = strtok_r(path, "/", &save); part; part = strtok_r(NULL, "/", &save)) {
		int next;

		*created = mkdirat(fd, part, 0755) == 0;
		next = openat(fd, part, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		(void)close(fd);
		if (next < 0)
			return errno == ENOTDIR || errno == ELOOP ? -ELOOP : -errno;
		fd = next;
	}
	return fd;
}

static int copy_file(int from, int to, const char *name, const struct stat *sb)
{
	int in = openat(from, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	int out = in < 0 ? -1 : openat(to, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, sb->st_mode & 07777);
	int err = 0;

	if (in < 0 || out < 0)
		err = -errno;
	for (off_t done = 0; !err && done < sb->st_size;) {
		ssize_t n = sendfile(out, in, NULL, (size_t)(sb->st_size - done));

		if (n <= 0)
			err = n < 0 ? -errno : 0;
		if (n <= 0)
			break;
		done += n;
	}
	if (out >= 0 && fchown(out, sb->st_uid, sb->st_gid) < 0 && !err)
		err = -errno;
	if (in >= 0)
		(void)close(in);
	if (out >= 0 && close(out) < 0 && !err)
		err = -errno;
	return err;
}

static int copy_tree(int from, int to, int depth);

static int copy_entry(int from, int to, const char *name, int depth)
{
	struct stat sb;
	char target[4096];
	ssize_t n;

	if (fstatat(from, name, &sb, AT_SYMLINK_NOFOLLOW) < 0)
		return -errno;
	if (S_ISREG(sb.st_mode))
		return copy_file(from, to, name, &sb);
	if (S_ISLNK(sb.st_mode)) {
		n = readlinkat(from, name, target, sizeof(target) - 1);
		if (n < 0)
			return -errno;
		target[n] = '\0';
		if (symlinkat(target, to, name) < 0 && errno != EEXIST)
			return -errno;
		return fchownat(to, name, sb.st_uid, sb.st_gid, AT_SYMLINK_NOFOLLOW) < 0 ? -errno : 0;
	}
	if (!S_ISDIR(sb.st_mode))
		return 0; /* device nodes, sockets, fifos: not seeded */
	if (mkdirat(to, name, sb.st_mode & 07777) < 0 && errno != EEXIST)
		return -errno;
	{
		int sub_from = openat(from, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		int sub_to = openat(to, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		int err = sub_from < 0 || sub_to < 0 ? -errno : copy_tree(sub_from, sub_to, depth + 1);

		if (sub_to >= 0 && fchown(sub_to, sb.st_uid, sb.st_gid) < 0 && !err)
			err = -errno;
		if (sub_from >= 0)
			(void)close(sub_from);
		if (sub_to >= 0)
			(void)close(sub_to);
		return err;
	}
}

/* Copies what from holds into to (both directories), keeping owners and modes. */
static int copy_tree(int from, int to, int depth)
{
	int fd = dup(from), err = 0;
	DIR *dir = fd < 0 ? NULL : fdopendir(fd);
	struct dirent *de;

	if (!dir) {
		if (fd >= 0)
			(void)close(fd);
		return -errno;
	}
	if (depth > TREE_DEPTH_MAX)
		err = -ELOOP;
	while (!err && (de = readdir(dir)))
		if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, ".."))
			err = copy_entry(from, to, de->d_name, depth);
	(void)closedir(dir);
	return err;
}

/* live-boot's "link": each file of the source gets a symbolic link of the
 * same relative path under the directory; directories are created. */
static int link_tree(int from, int to, const char *abs_source, int depth)
{
	int fd = dup(from), err = 0;
	DIR *dir = fd < 0 ? NULL : fdopendir(fd);
	struct dirent *de;

	if (!dir) {
		if (fd >= 0)
			(void)close(fd);
		return -errno;
	}
	while (!err && depth <= TREE_DEPTH_MAX && (de = readdir(dir))) {
		char path[PATH_MAX];
		struct stat sb;

		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0 ||
		    fstatat(from, de->d_name, &sb, AT_SYMLINK_NOFOLLOW) < 0)
			continue;
		if (fmt_snprintf(path, sizeof(path), "%s/%s", abs_source, de->d_name) >= (int)sizeof(path))
			continue;
		if (S_ISDIR(sb.st_mode)) {
			bool created;
			int sub_from = openat(from, de->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
			int sub_to = open_dir_creating(to, de->d_name, &created);

			err = sub_from < 0 ? -errno : sub_to < 0 ? sub_to : link_tree(sub_from, sub_to, path, depth + 1);
			if (sub_from >= 0)
				(void)close(sub_from);
			if (sub_to >= 0)
				(void)close(sub_to);
		} else if (symlinkat(path, to, de->d_name) < 0 && errno != EEXIST) {
			err = -errno;
		}
	}
	(void)closedir(dir);
	return err;
}

static int mount_fd(int source, int target, const char *type, unsigned long flags, const char *options)
{
	char from[32], to[32];

	(void)fmt_snprintf(from, sizeof(from), "/proc/self/fd/%d", source);
	(void)fmt_snprintf(to, sizeof(to), "/proc/self/fd/%d", target);
	return mount(source >= 0 ? from : type, to, type, flags, options) < 0 ? -errno : 0;
}

static int union_mount(const struct persist_volume *v, const struct persist_entry *e, int target, int volfd)
{
	char options[1024], work[PERSIST_PATH_MAX + 16], lower[32];
	bool created;
	int workfd, n;

	/* overlay wants its work directory on the upper's file system, outside the upper */
	n = fmt_snprintf(work, sizeof(work), ".liveinit-work/%s", e->source[0] ? e->source : "_root");
	for (char *c = work + strlen(".liveinit-work/"); n > 0 && *c; c++)
		*c = *c == '/' ? '_' : *c;
	workfd = open_dir_creating(volfd, work, &created);
	if (workfd < 0)
		return workfd;
	(void)close(workfd);
	(void)fmt_snprintf(lower, sizeof(lower), "/proc/self/fd/%d", target);
	n = fmt_snprintf(options, sizeof(options), "lowerdir=%s,upperdir=%s/%s,workdir=%s/%s", lower,
			 v->mountpoint, e->source, v->mountpoint, work);
	if (n < 0 || (size_t)n >= sizeof(options))
		return -ENAMETOOLONG;
	return mount_fd(-1, target, "overlay", 0, options);
}

static int apply_entry(const struct persist_volume *v, const struct persist_entry *e, int rootfd, int volfd)
{
	bool source_new, target_new;
	int source = open_dir_creating(volfd, e->source, &source_new);
	int target = source < 0 ? -1 : open_dir_creating(rootfd, e->dir, &target_new);
	char abs_source[PATH_MAX];
	int err = source < 0 ? source : target < 0 ? target : 0;

	if (!err && e->kind == PERSIST_BIND && source_new)
		err = copy_tree(target, source, 0); /* first use: start from the image's content */
	if (!err && e->kind == PERSIST_BIND)
		err = mount_fd(source, target, NULL, MS_BIND, NULL);
	if (!err && e->kind == PERSIST_LINK) {
		(void)fmt_snprintf(abs_source, sizeof(abs_source), "%s%s%s", v->mountpoint, e->source[0] ? "/" : "",
				   e->source);
		err = link_tree(source, target, abs_source, 0);
	}
	if (!err && e->kind == PERSIST_UNION)
		err = union_mount(v, e, target, volfd);
	if (source >= 0)
		(void)close(source);
	if (target >= 0)
		(void)close(target);
	return err;
}

struct entry_ref {
	const struct persist_volume *volume;
	const struct persist_entry *entry;
};

static int compare_entries(const void *a, const void *b)
{
	const struct entry_ref *x = a, *y = b;

	/* a parent's path is a prefix of its child's, so it sorts first */
	return strcmp(x->entry->dir, y->entry->dir);
}

static size_t collect_entries(const struct boot_state *st, struct entry_ref *refs, size_t max)
{
	size_t n = 0;

	for (unsigned i = 0; i < st->npersist; i++) {
		const struct persist_volume *v = &st->persist[i];

		for (size_t j = 0; v->mounted && j < v->conf.nentries && n < max; j++)
			if (strcmp(v->conf.entries[j].dir, "/") != 0) {
				refs[n].volume = v;
				refs[n++].entry = &v->conf.entries[j];
			}
	}
	qsort(refs, n, sizeof(refs[0]), compare_entries);
	return n;
}

void persist_apply(struct boot_state *st, const char *newroot)
{
	static struct entry_ref refs[LIVE_MAX_PERSIST * PERSIST_MAX_ENTRIES];
	size_t n = collect_entries(st, refs, sizeof(refs) / sizeof(refs[0]));
	int rootfd = n ? open(newroot, O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1;

	for (size_t i = 0; i < n && rootfd >= 0; i++) {
		const struct persist_volume *v = refs[i].volume;
		const struct persist_entry *e = refs[i].entry;
		int volfd = open(v->mountpoint, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		int err = volfd < 0 ? -errno : apply_entry(v, e, rootfd, volfd);

		if (volfd >= 0)
			(void)close(volfd);
		if (err == -ELOOP)
			log_err("persistence: %s line %u (%s): a symbolic link on the way would leave the volume "
				"or the root; refused", v->name, e->line, e->dir);
		else if (err < 0)
			log_err("persistence: %s line %u: %s %s from %s/%s failed: %s", v->name, e->line,
				persistconf_kind_name(e->kind), e->dir, v->mountpoint, e->source, strerror(-err));
		else
			log_info("persistence: %s %s from %s/%s", persistconf_kind_name(e->kind), e->dir,
				 v->mountpoint, e->source);
	}
	if (rootfd >= 0)
		(void)close(rootfd);
}

/* The root union's upper and work directories, made and checked to be real
 * directories on the volume (not links out of it). */
static bool root_dirs_ready(const struct persist_volume *v)
{
	int volfd = open(v->mountpoint, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	bool created, ok = volfd >= 0;

	for (const char *const *d = (const char *const[]){ "rw", "work", NULL }; ok && *d; d++) {
		int fd = open_dir_creating(volfd, *d, &created);

		ok = fd >= 0;
		if (fd >= 0)
			(void)close(fd);
		else
			log_err("persistence: %s/%s is not a directory on the volume: %s", v->mountpoint, *d,
				strerror(-fd));
	}
	if (volfd >= 0)
		(void)close(volfd);
	return ok;
}

const char *persist_root_upper(const struct boot_state *st)
{
	const struct persist_volume *v = st->persist_root >= 0 ? &st->persist[st->persist_root] : NULL;

	return v && !v->read_only && root_dirs_ready(v) ? v->mountpoint : NULL;
}

const char *persist_root_lower(const struct boot_state *st)
{
	const struct persist_volume *v = st->persist_root >= 0 ? &st->persist[st->persist_root] : NULL;

	return v && v->read_only ? v->mountpoint : NULL;
}

void persist_write_status(const struct boot_state *st)
{
	char text[4096];
	size_t used = 0;
	int fd;

	used += (size_t)fmt_snprintf(text, sizeof(text), "persistence=%s\nroot=%s\n",
				 st->persist_summary[0] ? st->persist_summary : "on",
				 st->persist_root >= 0 ? st->persist[st->persist_root].mountpoint : "tmpfs");
	for (unsigned i = 0; i < st->npersist_layers && used < sizeof(text); i++)
		used += (size_t)fmt_snprintf(text + used, sizeof(text) - used, "layer %s/%s\n", LIVE_PERSIST_LAYERS_DIR,
					 st->persist_layers[i]);
	for (unsigned i = 0; i < st->npersist && used < sizeof(text); i++) {
		const struct persist_volume *v = &st->persist[i];

		used += (size_t)fmt_snprintf(text + used, sizeof(text) - used,
					     "volume %s device=%s mountpoint=%s state=%s%s%s\n", v->name, v->device,
					     v->mounted ? v->mountpoint : "-",
					     !v->mounted ? "unused" : v->read_only ? "read-only" : "read-write",
					     v->note[0] ? " note=" : "", v->note);
	}
	if (mkdir_p(LIVE_PERSIST_DIR, 0755) < 0)
		return;
	fd = open(LIVE_PERSIST_STATUS, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0644);
	if (fd < 0 || write(fd, text, used < sizeof(text) ? used : sizeof(text) - 1) < 0)
		log_err("writing %s failed: %s", LIVE_PERSIST_STATUS, strerror(errno));
	if (fd >= 0)
		(void)close(fd);
}
