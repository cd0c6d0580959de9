/* init/config.h: every path and tunable of /init in one place.
 * Each is an overridable macro so host tests can point them elsewhere. */
#ifndef LIVEINIT_CONFIG_H
#define LIVEINIT_CONFIG_H

#ifndef LIVE_NEWROOT
#define LIVE_NEWROOT "/root" /* where the overlay is stacked before switch_root */
#endif
#ifndef LIVE_RUN_DIR
#define LIVE_RUN_DIR "/run/live"
#endif
#define LIVE_MEDIUM_DIR LIVE_RUN_DIR "/medium"
#define LIVE_ROOTFS_DIR LIVE_RUN_DIR "/rootfs"
#define LIVE_OVERLAY_DIR LIVE_RUN_DIR "/overlay"
#define LIVE_BOOT_LOG LIVE_RUN_DIR "/boot.log"
#define LIVE_TORAM_DIR LIVE_RUN_DIR "/toram"
#define LIVE_TORAM_MARGIN_MB 256 /* left free for the running system after a copy */
#define LIVE_PERSIST_DIR LIVE_RUN_DIR "/persistence"
#define LIVE_PERSIST_STATUS LIVE_PERSIST_DIR "/status"
#define LIVE_PERSIST_LAYERS_DIR LIVE_RUN_DIR "/persistence-layers" /* live-commit's layers, mounted */
#define LIVE_PERSIST_CONF "persistence.conf"

#ifndef LIVE_E2FSCK
#define LIVE_E2FSCK "/sbin/e2fsck"
#endif
/* With persistence asked for, devices are awaited until none appeared for
 * QUIET ms (USB mass storage announces its disk up to a second after the
 * controller), at most MAX ms. */
#define PERSIST_SETTLE_QUIET_MS 1500
#define PERSIST_SETTLE_MAX_MS 10000
#define LIVE_FSCK_TIMEOUT_S 600 /* a check of a big, damaged volume takes a while, but not forever */

#ifndef LIVE_MODULES_BOOT
#define LIVE_MODULES_BOOT "/etc/liveinit/modules.boot"
#endif
#ifndef LIVE_MODULES_ROOT
#define LIVE_MODULES_ROOT "/lib/modules"
#endif
#ifndef LIVE_HOOKS_DIR
#define LIVE_HOOKS_DIR "/lib/liveinit/hooks"
#endif
#ifndef LIVE_SHELL
#define LIVE_SHELL "/bin/sh"
#endif

#define LIVE_DEFAULT_MEDIA_PATH "/live"
#define LIVE_DEFAULT_TIMEOUT_S 30
#define LIVE_DEFAULT_OVERLAY_SIZE "50%"

#define LIVE_IMAGE_SUFFIX ".squashfs"
#define LIVE_VERITY_IMAGE "filesystem.squashfs" /* the image live-verity= checks, beside its .verity hash tree */

#define LIVE_MODULE_LANE_TIMEOUT_MS 60000 /* the background module loads, at most */
#define LIVE_FATAL_LANE_WAIT_MS 2000      /* ... before the fatal report lists failures */
/* Loaded once, without async_probe, to wait for the drivers' async probes
 * (modload_wait_for_probes): tiny, and used by nothing on the live path. */
#define LIVE_PROBE_BARRIER_MODULE "crc7"

#define LIVE_MAX_DEVICES 256
#define LIVE_MAX_IMAGES 32
#define LIVE_MAX_FAILED_MODULES 64
#define LIVE_LOG_BUFFER (64 * 1024)

#endif
