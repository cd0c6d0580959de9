/* init/log.c: see log.h. */
#include "log.h"
#include "config.h"
#include "fmt.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static int kmsg_fd = -1;
static int console_loglevel = 7; /* the kernel default until /proc says otherwise */
static bool quiet;
static bool debug;
static struct timespec started;
static bool started_set;
static char history[LIVE_LOG_BUFFER];
static size_t history_len;

static long ms_between(const struct timespec *a, const struct timespec *b)
{
	return (long)(b->tv_sec - a->tv_sec) * 1000 + (b->tv_nsec - a->tv_nsec) / 1000000;
}

long log_elapsed_ms(void)
{
	struct timespec now;

	if (!started_set) {
		(void)clock_gettime(CLOCK_MONOTONIC, &started);
		started_set = true;
	}
	(void)clock_gettime(CLOCK_MONOTONIC, &now);
	return ms_between(&started, &now);
}

/* The first field of /proc/sys/kernel/printk: messages below it reach the
 * console through the kernel, so writing them ourselves would print them twice. */
static void read_console_loglevel(void)
{
	char buf[32] = "";
	int fd = open("/proc/sys/kernel/printk", O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return;
	if (read(fd, buf, sizeof(buf) - 1) > 0 && buf[0] >= '0' && buf[0] <= '9') {
		/* one or two digits: `debug` on the command line makes it 10 */
		console_loglevel = buf[0] - '0';
		if (buf[1] >= '0' && buf[1] <= '9')
			console_loglevel = console_loglevel * 10 + buf[1] - '0';
	}
	(void)close(fd);
}

/* /dev/kmsg rate-limits writers to a burst of ten lines by default: lift it. */
static void allow_unlimited_kmsg(void)
{
	int fd = open("/proc/sys/kernel/printk_devkmsg", O_WRONLY | O_CLOEXEC);

	if (fd < 0)
		return;
	(void)!write(fd, "on\n", 3);
	(void)close(fd);
}

void log_open(void)
{
	(void)log_elapsed_ms();
	allow_unlimited_kmsg();
	read_console_loglevel();
	if (kmsg_fd < 0)
		kmsg_fd = open("/dev/kmsg", O_WRONLY | O_CLOEXEC | O_NOCTTY);
}

void log_set_quiet(bool q)
{
	quiet = q;
}

void log_set_debug(bool d)
{
	debug = d;
}

bool log_debug_enabled(void)
{
	return debug;
}

static void remember(const char *line, size_t len)
{
	char stamp[24];
	int n = fmt_snprintf(stamp, sizeof(stamp), "[%6ld ms] ", log_elapsed_ms());

	if (n < 0 || history_len + (size_t)n + len + 1 > sizeof(history))
		return;
	memcpy(history + history_len, stamp, (size_t)n);
	history_len += (size_t)n;
	memcpy(history + history_len, line, len);
	history_len += len;
	history[history_len++] = '\n';
}

static void write_all(int fd, const char *buf, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, buf, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return;
		buf += n;
		len -= (size_t)n;
	}
}

static bool kernel_echoes(enum log_level level)
{
	return kmsg_fd >= 0 && (int)level < console_loglevel;
}

void log_msg(enum log_level level, const char *fmt, ...)
{
	char text[1024];
	char line[1100];
	va_list ap;
	int len;

	if (level == LOG_DEBUG && !debug)
		return;
	va_start(ap, fmt);
	len = fmt_vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	if (len < 0)
		return;
	if ((size_t)len >= sizeof(text))
		len = sizeof(text) - 1;
	remember(text, (size_t)len);

	if (kmsg_fd >= 0) {
		/* debug lines are logged at info so the kernel keeps them in dmesg */
		int n = fmt_snprintf(line, sizeof(line), "<%d>liveinit: %s\n",
				     level == LOG_DEBUG ? LOG_INFO : level, text);
		write_all(kmsg_fd, line, (size_t)n < sizeof(line) ? (size_t)n : sizeof(line) - 1);
	}
	if (kernel_echoes(level == LOG_DEBUG ? LOG_INFO : level))
		return;
	if (quiet && level > LOG_ERR)
		return;
	len = fmt_snprintf(line, sizeof(line), "liveinit: %s\n", text);
	write_all(STDERR_FILENO, line, (size_t)len < sizeof(line) ? (size_t)len : sizeof(line) - 1);
}

int log_save(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0644);

	if (fd < 0)
		return -errno;
	write_all(fd, history, history_len);
	if (close(fd) < 0)
		return -errno;
	return 0;
}
