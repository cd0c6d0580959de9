/* init/hooks.h: runtime hooks. Scripts a build hook placed in the image under
 * LIVE_HOOKS_DIR/STAGE/ run at that stage (top, premount, bottom), in name
 * order, through the image's shell, with the live state in their environment:
 *   LIVE_STAGE, LIVE_MEDIUM_DEVICE, LIVE_MEDIUM_DIR, LIVE_MEDIA_PATH,
 *   LIVE_NEWROOT, LIVE_PERSISTENCE (the first line of the status: on/off...)
 * A hook's failure is logged with its exit status and output and the boot
 * goes on, unless it exits with HOOK_EXIT_FATAL, which stops the boot through
 * the fatal path with the hook's output as the reason. */
#ifndef LIVEINIT_HOOKS_H
#define LIVEINIT_HOOKS_H
#include "state.h"

#define HOOK_EXIT_FATAL 99
#define HOOK_TIMEOUT_S 60

void hooks_run(struct boot_state *st, const char *stage);
/* Whether the stage has any hook in the image. */
bool hooks_exist(const char *stage);
#endif
