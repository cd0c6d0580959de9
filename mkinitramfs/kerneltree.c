/* mkinitramfs/kerneltree.c: finding and indexing the modules (see kerneltree.h). */
#include "kerneltree.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include "runcmd.h"

static const char *const module_bases[] = { "lib/modules", "usr/lib/modules" };

static int fail(struct kerneltree_problem *p, int err, const char *action, const char *path,
		const char *format, ...) __attribute__((format(printf, 5, 6)));

static int fail(struct kerneltree_problem *p, int err, const char *action, const char *path,
		const char *format, ...)
{
	va_list args;

	p->action = action;
	(void)snprintf(p->path, sizeof(p->path), "%s", path);
	va_start(args, format);
	(void)vsnprintf(p->detail, sizeof(p->detail), format, args);
	va_end(args);
	return err;
}

static bool is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* ROOT's path with a base appended ("ROOT/lib/modules", "/lib/modules" for "/"). */
static int join(char *out, const char *root, const char *rest)
{
	size_t len = strlen(root);
	const char *sep = len && root[len - 1] == '/' ? "" : "/";

	return snprintf(out, PATH_MAX, "%s%s%s", root, sep, rest) >= PATH_MAX ? -ENAMETOOLONG : 0;
}

/* The kernel releases under ROOT's module directories, each once. */
static int list_kernels(const char *root, struct strlist *found)
{
	char base[PATH_MAX];
	int err = 0;

	for (size_t b = 0; b < 2 && !err; b++) {
		DIR *dir = join(base, root, module_bases[b]) == 0 ? opendir(base) : NULL;
		struct dirent *e;

		while (dir && !err && (e = readdir(dir)) != NULL) {
			char path[PATH_MAX];

			if (e->d_name[0] == '.' || snprintf(path, sizeof(path), "%s/%s", base,
							    e->d_name) >= (int)sizeof(path))
				continue;
			if (is_dir(path))
				err = strlist_add_unique(found, e->d_name);
		}
		if (dir)
			closedir(dir);
	}
	strlist_sort(found);
	return err;
}

static int choose_kver(struct kerneltree *t, const char *root, struct kerneltree_problem *p)
{
	struct strlist found = { 0 };
	struct utsname uts;
	int err = list_kernels(root, &found);

	if (!err && found.count == 1)
		(void)snprintf(t->kver, sizeof(t->kver), "%s", found.items[0]);
	else if (!err && strcmp(root, "/") == 0 && uname(&uts) == 0)
		(void)snprintf(t->kver, sizeof(t->kver), "%s", uts.release);
	else if (!err) {
		char names[256] = "";

		for (size_t i = 0; i < found.count && strlen(names) < 200; i++)
			(void)snprintf(names + strlen(names), sizeof(names) - strlen(names), " %s",
				       found.items[i]);
		err = fail(p, -EINVAL, "cannot choose a kernel in", root,
			   "%zu kernels there (%s): name one with --kver", found.count,
			   found.count ? names + 1 : "no lib/modules/VERSION directory");
	}
	strlist_free(&found);
	return err;
}

static int locate_in_root(struct kerneltree *t, const char *root, struct kerneltree_problem *p)
{
	char base[PATH_MAX];

	(void)snprintf(t->root, sizeof(t->root), "%s", root);
	for (size_t b = 0; b < 2; b++) {
		if (join(base, root, module_bases[b]) != 0 ||
		    snprintf(t->modules_dir, sizeof(t->modules_dir), "%s/%s", base, t->kver) >=
			    (int)sizeof(t->modules_dir))
			return fail(p, -ENAMETOOLONG, "cannot use", root, "%s", "path too long");
		if (is_dir(t->modules_dir))
			return 0;
	}
	return fail(p, -ENOENT, "cannot find the modules of", t->kver,
		    "neither %s/lib/modules/%s nor %s/usr/lib/modules/%s is a directory", root,
		    t->kver, root, t->kver);
}

/* The root a modules directory is in: DIR's part before /usr/lib/modules/KVER
 * or /lib/modules/KVER, or "" when it is in neither. */
static void root_of_modules_dir(struct kerneltree *t)
{
	size_t len = strlen(t->modules_dir);

	for (size_t b = 2; b-- > 0;) {
		char suffix[300];
		size_t n = (size_t)snprintf(suffix, sizeof(suffix), "/%s/%s", module_bases[b], t->kver);

		if (n < sizeof(suffix) && len > n && strcmp(t->modules_dir + len - n, suffix) == 0) {
			(void)snprintf(t->root, sizeof(t->root), "%.*s", (int)(len - n), t->modules_dir);
			return;
		}
	}
}

/* --modules-tree DIR: KVER from its name unless given. */
static int locate_modules_tree(struct kerneltree *t, const char *dir, const char *kver,
			       struct kerneltree_problem *p)
{
	size_t len = strlen(dir);
	const char *name;

	while (len > 1 && dir[len - 1] == '/')
		len--;
	if (len >= sizeof(t->modules_dir))
		return fail(p, -ENAMETOOLONG, "cannot use", dir, "%s", "path too long");
	memcpy(t->modules_dir, dir, len);
	t->modules_dir[len] = '\0';
	name = strrchr(t->modules_dir, '/') ? strrchr(t->modules_dir, '/') + 1 : t->modules_dir;
	if (snprintf(t->kver, sizeof(t->kver), "%s", kver ? kver : name) >= (int)sizeof(t->kver))
		return fail(p, -ENAMETOOLONG, "cannot use", dir, "%s", "not a kernel release");
	if (!is_dir(t->modules_dir))
		return fail(p, -ENOENT, "cannot use the modules directory", dir, "%s",
			    "not a directory");
	root_of_modules_dir(t);
	return 0;
}

int kerneltree_locate(struct kerneltree *t, const char *root, const char *modules_tree,
		      const char *kver, struct kerneltree_problem *problem)
{
	int err = 0;

	memset(t, 0, sizeof(*t));
	problem->detail[0] = '\0';
	if (modules_tree)
		return locate_modules_tree(t, modules_tree, kver, problem);
	if (!root)
		root = "/";
	if (kver)
		(void)snprintf(t->kver, sizeof(t->kver), "%s", kver);
	else
		err = choose_kver(t, root, problem);
	return err ? err : locate_in_root(t, root, problem);
}

/* ---------- depmod into a scratch copy ---------- */

/* Whether an entry of the modules directory goes into the scratch copy:
 * everything but the indexes depmod makes (stale ones would be overwritten
 * through the link, in the tree). */
static bool link_into_scratch(const char *name)
{
	return name[0] != '.' && (strncmp(name, "modules.", 8) != 0 ||
				  strcmp(name, "modules.order") == 0 ||
				  strcmp(name, "modules.builtin") == 0 ||
				  strcmp(name, "modules.builtin.modinfo") == 0);
}

/* SCRATCH/lib/modules/KVER with a link to each entry of the real directory. */
static int make_scratch_links(struct kerneltree *t, struct kerneltree_problem *p)
{
	char *real = realpath(t->modules_dir, NULL);
	DIR *dir = real ? opendir(real) : NULL;
	struct dirent *e;
	int err = 0;

	if (!dir) {
		err = fail(p, -errno, "cannot read", t->modules_dir, "%s", "");
		free(real);
		return err;
	}
	while (!err && (e = readdir(dir)) != NULL) {
		char target[PATH_MAX], link[PATH_MAX];

		if (!link_into_scratch(e->d_name))
			continue;
		if (snprintf(target, sizeof(target), "%s/%s", real, e->d_name) >= (int)sizeof(target) ||
		    snprintf(link, sizeof(link), "%s/%s", t->index_dir, e->d_name) >= (int)sizeof(link))
			err = fail(p, -ENAMETOOLONG, "cannot link", e->d_name, "%s", "");
		else if (symlink(target, link) < 0)
			err = fail(p, -errno, "cannot make the link", link, "%s", "");
	}
	closedir(dir);
	free(real);
	return err;
}

static int make_dir(const char *path, struct kerneltree_problem *p)
{
	return mkdir(path, 0755) < 0 ? fail(p, -errno, "cannot make", path, "%s", "") : 0;
}

/* SCRATCH/lib/modules/KVER, in a new directory of $TMPDIR (or /tmp). */
static int make_scratch(struct kerneltree *t, struct kerneltree_problem *p)
{
	const char *tmp = getenv("TMPDIR") && *getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	char lib[PATH_MAX], modules[PATH_MAX];
	int err;

	if (snprintf(t->scratch, sizeof(t->scratch), "%s/mkinitramfs.XXXXXX", tmp) >=
	    (int)sizeof(t->scratch)) {
		t->scratch[0] = '\0';
		return fail(p, -ENAMETOOLONG, "cannot make a scratch directory in", tmp, "%s", "");
	}
	if (!mkdtemp(t->scratch)) {
		err = -errno;
		t->scratch[0] = '\0';
		return fail(p, err, "cannot make a scratch directory in", tmp, "%s", "");
	}
	if (snprintf(lib, sizeof(lib), "%s/lib", t->scratch) >= (int)sizeof(lib) ||
	    snprintf(modules, sizeof(modules), "%s/modules", lib) >= (int)sizeof(modules) ||
	    snprintf(t->index_dir, sizeof(t->index_dir), "%s/%s", modules, t->kver) >=
		    (int)sizeof(t->index_dir))
		return fail(p, -ENAMETOOLONG, "cannot make a scratch directory in", tmp, "%s", "");
	err = make_dir(lib, p);
	if (!err)
		err = make_dir(modules, p);
	if (!err)
		err = make_dir(t->index_dir, p);
	return err ? err : make_scratch_links(t, p);
}

/* depmod is in /sbin, which may not be in PATH. */
static int run_depmod(struct kerneltree *t, struct kerneltree_problem *p)
{
	static const char *const programs[] = { "depmod", "/sbin/depmod", "/usr/sbin/depmod" };
	int err = -ENOENT, status = 0;

	for (size_t i = 0; i < 3 && err == -ENOENT; i++) {
		char *argv[] = { (char *)programs[i], "-b", t->scratch, t->kver, NULL };
		struct runcmd cmd = { .argv = argv };

		err = runcmd_run(&cmd, NULL, NULL, &status);
	}
	if (err)
		return fail(p, err, "cannot run depmod -b", t->scratch, "%s", "");
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		char how[128];

		runcmd_describe_status(status, how, sizeof(how));
		return fail(p, -EIO, "depmod -b failed on a copy of", t->modules_dir, "%s", how);
	}
	return 0;
}

int kerneltree_index(struct kerneltree *t, int *ran_depmod, struct kerneltree_problem *problem)
{
	char dep[PATH_MAX];
	int err;

	*ran_depmod = 0;
	if (snprintf(dep, sizeof(dep), "%s/modules.dep", t->modules_dir) >= (int)sizeof(dep))
		return fail(problem, -ENAMETOOLONG, "cannot use", t->modules_dir, "%s", "");
	if (access(dep, F_OK) == 0) {
		(void)snprintf(t->index_dir, sizeof(t->index_dir), "%s", t->modules_dir);
		return 0;
	}
	if (errno != ENOENT)
		return fail(problem, -errno, "cannot look at", dep, "%s", "");
	*ran_depmod = 1;
	err = make_scratch(t, problem);
	return err ? err : run_depmod(t, problem);
}

/* ---------- firmware directories and cleanup ---------- */

static int add_dir_once(struct strlist *dirs, const char *path)
{
	char *real = realpath(path, NULL);
	int err = 0;

	if (real && is_dir(real) && !strlist_contains(dirs, real))
		err = strlist_add(dirs, real);
	free(real);
	return err;
}

int kerneltree_firmware_dirs(const struct kerneltree *t, struct strlist *dirs)
{
	static const char *const bases[] = { "lib/firmware", "usr/lib/firmware" };
	char path[PATH_MAX];
	int err = 0;

	for (size_t i = 0; i < 2 && t->root[0] && !err; i++)
		if (join(path, t->root, bases[i]) == 0)
			err = add_dir_once(dirs, path);
	if (!err)
		err = add_dir_once(dirs, "/lib/firmware");
	return err;
}

void kerneltree_cleanup(struct kerneltree *t)
{
	char path[PATH_MAX];
	DIR *dir;
	struct dirent *e;

	if (!t->scratch[0])
		return;
	dir = opendir(t->index_dir);
	while (dir && (e = readdir(dir)) != NULL)
		if (e->d_name[0] != '.' &&
		    snprintf(path, sizeof(path), "%s/%s", t->index_dir, e->d_name) < (int)sizeof(path))
			(void)unlink(path);
	if (dir)
		closedir(dir);
	(void)rmdir(t->index_dir);
	if (snprintf(path, sizeof(path), "%s/lib/modules", t->scratch) < (int)sizeof(path))
		(void)rmdir(path);
	if (snprintf(path, sizeof(path), "%s/lib", t->scratch) < (int)sizeof(path))
		(void)rmdir(path);
	(void)rmdir(t->scratch);
	t->scratch[0] = '\0';
}
