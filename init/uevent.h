/* init/uevent.h: the kernel's uevent netlink socket and coldplug. */
#ifndef LIVEINIT_UEVENT_H
#define LIVEINIT_UEVENT_H
#include "modload.h"
#include "uevent_parse.h"

/* Opens and binds the socket (non-blocking). Returns the fd or -errno. */
int uevent_open(void);
/* Loads the modules matching the modalias of every device on a bus the
 * image has drivers for (/sys/bus/BUS/devices): the hardware present before
 * the socket was bound. Returns how many modaliases matched. */
unsigned coldplug_modaliases(struct modload *ml);
/* Reads one pending message into buf (size bufsize) and parses it.
 * Returns 1 with *ev filled, 0 when nothing is pending, -ENOBUFS when the
 * kernel dropped messages (rescan), or another -errno. */
int uevent_receive(int fd, char *buf, size_t bufsize, struct uevent *ev);
#endif
