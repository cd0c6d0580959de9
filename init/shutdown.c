/* init/shutdown.c: see shutdown.h. */
#include "shutdown.h"
#include "log.h"
#include "util.h"

#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <unistd.h>

#define SHUTDOWN_DIR "/run/initramfs"
#define SHUTDOWN_PROGRAM SHUTDOWN_DIR "/shutdown"
#define OLDROOT "/oldroot"
#define MAX_MOUNTS 128

int shutdown_install(void)
{
	int in = open("/proc/self/exe", O_RDONLY | O_CLOEXEC), out, err = 0;
	struct stat sb;

	if (in < 0)
		return -errno;
	if (fstat(in, &sb) < 0 || mkdir_p(SHUTDOWN_DIR, 0755) < 0) {
		err = -errno;
		(void)close(in);
		return err;
	}
	out = open(SHUTDOWN_PROGRAM, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0755);
	if (out < 0) {
		err = -errno;
		(void)close(in);
		return err;
	}
	for (off_t done = 0; done < sb.st_size && !err;) {
		ssize_t n = sendfile(out, in, NULL, (size_t)(sb.st_size - done));

		if (n <= 0)
			err = n < 0 ? -errno : -EIO;
		done += n > 0 ? n : 0;
	}
	(void)close(in);
	if (close(out) < 0 && !err)
		err = -errno;
	return err;
}

/* mountinfo escapes blanks and backslashes as \ooo. */
static void unescape(char *s)
{
	char *out = s;

	for (; *s; s++) {
		if (s[0] == '\\' && s[1] >= '0' && s[1] <= '3' && s[2] >= '0' && s[2] <= '7' && s[3] >= '0' &&
		    s[3] <= '7') {
			*out++ = (char)((s[1] - '0') * 64 + (s[2] - '0') * 8 + (s[3] - '0'));
			s += 3;
		} else {
			*out++ = *s;
		}
	}
	*out = '\0';
}

/* The fifth field of a mountinfo line: the mount point. */
static const char *mount_point_field(char *line)
{
	char *save = NULL, *field = strtok_r(line, " ", &save);

	for (int i = 1; field && i < 5; i++)
		field = strtok_r(NULL, " ", &save);
	return field;
}

/* Mount points below /oldroot, in mount order (parents before children).
 * No stdio here: scanf alone would push /init over its size budget. */
static size_t list_old_mounts(char mounts[][256], size_t max)
{
	char *text, *save = NULL;
	size_t n = 0;

	if (read_file("/proc/self/mountinfo", 1 << 20, &text, NULL) < 0)
		return 0;
	for (char *line = strtok_r(text, "\n", &save); line && n < max; line = strtok_r(NULL, "\n", &save)) {
		char point[256];
		const char *field = mount_point_field(line);

		if (!field || strlen(field) >= sizeof(point))
			continue;
		memcpy(point, field, strlen(field) + 1);
		unescape(point);
		if (strncmp(point, OLDROOT, strlen(OLDROOT)) == 0)
			memcpy(mounts[n++], point, strlen(point) + 1);
	}
	free(text);
	return n;
}

/* Every file system of the old root is first made read-only, the last
 * mounted first: a persistence volume under the overlay cannot be unmounted
 * while the overlay lives (and the overlay lives while the medium's loop
 * device holds it), but read-only it is clean, journal committed. Then all
 * are unmounted, and what is left is detached. */
static void unmount_old_root(void)
{
	static char mounts[MAX_MOUNTS][256];
	static bool made_read_only[MAX_MOUNTS];
	size_t n = list_old_mounts(mounts, MAX_MOUNTS);
	unsigned unmounted = 0, read_only = 0;

	sync();
	for (size_t i = n; i-- > 0;) {
		made_read_only[i] = mount(NULL, mounts[i], NULL, MS_REMOUNT | MS_RDONLY, NULL) == 0;
		read_only += made_read_only[i];
	}
	for (int pass = 0; pass < 3; pass++)
		for (size_t i = n; i-- > 0;)
			if (mounts[i][0] && umount2(mounts[i], 0) == 0) {
				unmounted++;
				mounts[i][0] = '\0';
			}
	/* the old root, its /run (which holds this program) and the medium under
	 * the overlay stay busy as a rule: read-only, they are safe to detach */
	for (size_t i = n; i-- > 0;)
		if (mounts[i][0] && made_read_only[i])
			log_info("shutdown: %s stayed busy; it is read-only and detached", mounts[i]);
		else if (mounts[i][0])
			log_warn("shutdown: %s stayed busy and read-write: its last writes may need recovery",
				 mounts[i]);
	if (umount2(OLDROOT, MNT_DETACH) < 0 && errno != EINVAL && errno != ENOENT)
		log_err("shutdown: detaching %s failed: %s", OLDROOT, strerror(errno));
	log_notice("shutdown: %u file systems made read-only, %u of %zu unmounted", read_only, unmounted, n);
}

static int reboot_command(const char *verb)
{
	if (verb && strcmp(verb, "reboot") == 0)
		return RB_AUTOBOOT;
	if (verb && strcmp(verb, "halt") == 0)
		return RB_HALT_SYSTEM;
	if (verb && strcmp(verb, "kexec") == 0)
		return RB_KEXEC;
	return RB_POWER_OFF;
}

_Noreturn void shutdown_main(int argc, char **argv)
{
	const char *verb = argc > 1 ? argv[1] : "poweroff";

	(void)mkdir("/proc", 0755);
	(void)mkdir("/dev", 0755);
	(void)mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL);
	(void)mount("devtmpfs", "/dev", "devtmpfs", MS_NOSUID, "mode=0755");
	log_open();
	log_notice("shutdown: back in the initramfs to %s", verb);
	sync();
	unmount_old_root();
	sync();
	(void)reboot(reboot_command(verb));
	log_err("shutdown: reboot(%s) failed: %s", verb, strerror(errno));
	exit(1);
}
