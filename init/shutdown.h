/* init/shutdown.h: the way back into an initramfs at poweroff (systemd's
 * /run/initramfs/shutdown interface), so the overlay and the persistence
 * volumes are unmounted cleanly after the real root is let go. */
#ifndef LIVEINIT_SHUTDOWN_H
#define LIVEINIT_SHUTDOWN_H

/* Copies this very program to /run/initramfs/shutdown. Returns 0 or -errno. */
int shutdown_install(void);
/* The program's other life: run as PID 1 inside /run/initramfs (old root at
 * /oldroot) with argv[1] = poweroff | reboot | halt | kexec. Unmounts every
 * mount below /oldroot, deepest first, remounts read-only whatever stays
 * busy, syncs, and ends the machine the way it was asked. Never returns. */
_Noreturn void shutdown_main(int argc, char **argv);
#endif
