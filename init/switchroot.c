/* init/switchroot.c: see switchroot.h. */
#include "switchroot.h"
#include "fmt.h"
#include "log.h"
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/magic.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <unistd.h>

#define RESOLVE_IN_ROOT_FLAG 0x10

struct open_how_in_root {
	unsigned long long flags, mode, resolve;
};

static int check_executable_in_root(int rootfd, const char *path)
{
	struct open_how_in_root how = { .flags = O_PATH | O_CLOEXEC, .resolve = RESOLVE_IN_ROOT_FLAG };
	struct stat sb;
	long fd = syscall(SYS_openat2, rootfd, path, &how, sizeof(how));
	int err = 0;

	if (fd < 0)
		return -errno;
	if (fstat((int)fd, &sb) < 0)
		err = -errno;
	else if (!S_ISREG(sb.st_mode))
		err = -EISDIR;
	else if (!(sb.st_mode & 0111))
		err = -EACCES;
	(void)close((int)fd);
	return err;
}

int switchroot_find_init(const char *newroot, const char *requested, char *out, size_t size)
{
	static const char *const defaults[] = { "/sbin/init", "/etc/init", "/bin/init", "/bin/sh" };
	int rootfd = open(newroot, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int err = -ENOENT;

	if (rootfd < 0)
		return -errno;
	for (size_t i = 0; i < sizeof(defaults) / sizeof(defaults[0]); i++) {
		const char *candidate = requested && *requested ? requested : defaults[i];

		err = check_executable_in_root(rootfd, candidate);
		if (err == 0) {
			(void)fmt_snprintf(out, size, "%s", candidate);
			break;
		}
		if (requested && *requested)
			break; /* an explicit init= is not silently replaced */
	}
	(void)close(rootfd);
	return err;
}

int switchroot_move_api_mounts(const char *newroot, const char **failed)
{
	static const char *const moved[] = { "/dev", "/proc", "/sys", "/run" };
	char target[256];

	for (size_t i = 0; i < sizeof(moved) / sizeof(moved[0]); i++) {
		(void)fmt_snprintf(target, sizeof(target), "%s%s", newroot, moved[i]);
		*failed = moved[i];
		if (mkdir(target, 0755) < 0 && errno != EEXIST)
			return -errno;
		if (mount(moved[i], target, NULL, MS_MOVE, NULL) < 0)
			return -errno;
	}
	return 0;
}

/* Deletes what dirfd holds on device rootdev; never descends into another mount. */
static void remove_tree(int dirfd, dev_t rootdev)
{
	DIR *dir = fdopendir(dirfd);
	struct dirent *de;

	if (!dir) {
		(void)close(dirfd);
		return;
	}
	while ((de = readdir(dir))) {
		struct stat sb;

		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		if (fstatat(dirfd, de->d_name, &sb, AT_SYMLINK_NOFOLLOW) < 0 || sb.st_dev != rootdev)
			continue;
		if (S_ISDIR(sb.st_mode)) {
			int child = openat(dirfd, de->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);

			if (child >= 0)
				remove_tree(child, rootdev);
			(void)unlinkat(dirfd, de->d_name, AT_REMOVEDIR);
		} else {
			(void)unlinkat(dirfd, de->d_name, 0);
		}
	}
	(void)closedir(dir);
}

static const char *refuse_unsafe(const char *newroot, dev_t *rootdev)
{
	struct statfs fs;
	struct stat root, target;

	if (getpid() != 1)
		return "not running as PID 1";
	if (statfs("/", &fs) < 0 || (fs.f_type != RAMFS_MAGIC && fs.f_type != TMPFS_MAGIC))
		return "/ is not the initramfs (ramfs or tmpfs)";
	if (stat("/", &root) < 0 || stat(newroot, &target) < 0)
		return "cannot stat / or the new root";
	if (root.st_dev == target.st_dev)
		return "the new root is not a separate mount";
	if (access("/init", F_OK) < 0)
		return "/init is missing: this is not an initramfs";
	*rootdev = root.st_dev;
	return NULL;
}

/* The initramfs's files are deleted (their memory freed) by a child at the
 * lowest priority, so that the new init starts at once; the new init, its
 * parent then, reaps it. The child holds the old root open: it never sees the
 * new root, which is another mount. Without a child, here. */
static void remove_initramfs(int rootfd, dev_t rootdev)
{
	pid_t pid = fork();

	if (pid == 0) {
		(void)prctl(PR_SET_NAME, "liveinit-free", 0, 0, 0);
		(void)setpriority(PRIO_PROCESS, 0, 19);
		remove_tree(rootfd, rootdev);
		_exit(0);
	}
	if (pid > 0) {
		(void)close(rootfd);
		return;
	}
	log_warn("starting a process to delete the initramfs failed: %s; deleting it before "
		 "switch_root", strerror(errno));
	remove_tree(rootfd, rootdev);
}

int switchroot_enter(const char *newroot, const char **why)
{
	dev_t rootdev;
	int rootfd;

	*why = refuse_unsafe(newroot, &rootdev);
	if (*why)
		return -EPERM;
	*why = "chdir into the new root";
	if (chdir(newroot) < 0)
		return -errno;
	rootfd = open("/", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (rootfd >= 0)
		remove_initramfs(rootfd, rootdev);
	*why = "moving the new root onto /";
	if (mount(".", "/", NULL, MS_MOVE, NULL) < 0)
		return -errno;
	*why = "chroot into the new root";
	if (chroot(".") < 0 || chdir("/") < 0)
		return -errno;
	*why = NULL;
	return 0;
}
