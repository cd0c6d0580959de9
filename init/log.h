/* init/log.h: the one logger. Lines go to /dev/kmsg as "<level>liveinit: ..."
 * so they interleave with the kernel's own, to the console when the kernel
 * would not echo them itself (unless quiet), and into a buffer that becomes
 * /run/live/boot.log. */
#ifndef LIVEINIT_LOG_H
#define LIVEINIT_LOG_H
#include <stdbool.h>

enum log_level { LOG_ERR = 3, LOG_WARNING = 4, LOG_NOTICE = 5, LOG_INFO = 6, LOG_DEBUG = 7 };

void log_open(void);                  /* after /dev and /proc exist */
void log_set_quiet(bool quiet);
void log_set_debug(bool debug);
bool log_debug_enabled(void);
void log_msg(enum log_level level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Writes every line logged so far to path (0644). Returns 0 or -errno. */
int log_save(const char *path);
/* Milliseconds since /init started (CLOCK_MONOTONIC). */
long log_elapsed_ms(void);

#define log_err(...) log_msg(LOG_ERR, __VA_ARGS__)
#define log_warn(...) log_msg(LOG_WARNING, __VA_ARGS__)
#define log_notice(...) log_msg(LOG_NOTICE, __VA_ARGS__)
#define log_info(...) log_msg(LOG_INFO, __VA_ARGS__)
#define log_debug(...) log_msg(LOG_DEBUG, __VA_ARGS__)

#endif
