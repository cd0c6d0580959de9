/* init/shell.h: the emergency shell on the console. */
#ifndef LIVEINIT_SHELL_H
#define LIVEINIT_SHELL_H
#include <stdbool.h>
/* Is there a shell in this initramfs? */
bool shell_available(void);
/* Runs LIVE_SHELL interactively on the console (its own session, the console
 * as its controlling terminal) and waits for it. Returns its exit status or -errno. */
int shell_run(const char *why);
#endif
