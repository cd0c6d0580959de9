/* init/fatal.h: the one way /init gives up. */
#ifndef LIVEINIT_FATAL_H
#define LIVEINIT_FATAL_H
#include "state.h"

/* Says what failed and everything that was searched and seen (every block
 * device with type, label and size, and the modules that failed to load),
 * saves the log, then opens the emergency shell when `debug` or `break` asked
 * for it and a shell exists; finally exits so the kernel panics (and
 * `panic=N` reboots). Never returns, never hangs. */
_Noreturn void fatal(struct boot_state *st, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
#endif
