/* init/modparams.h: the parameter string /init hands finit_module for a
 * module. Pure code. */
#ifndef LIVEINIT_MODPARAMS_H
#define LIVEINIT_MODPARAMS_H
#include <stdbool.h>
#include <stddef.h>

/* Writes module's parameters into buf (size bytes): the live path's own
 * settings (usb_storage: delay_use=0) and, when async_probe is set, the
 * kernel's "async_probe": the module's devices are probed by the kernel in the
 * background, so the load returns before they (and their disks) are there,
 * and the next load need not wait for them. Returns 0, or -ENOSPC (buf then
 * holds ""). */
int modparams_for(const char *module, bool async_probe, char *buf, size_t size);
#endif
