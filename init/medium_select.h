/* init/medium_select.h: which block devices may be the live medium, and in what order.
 * Pure code over what probing found. */
#ifndef LIVEINIT_MEDIUM_SELECT_H
#define LIVEINIT_MEDIUM_SELECT_H
#include <stdbool.h>

#include "state.h"

/* Does the device satisfy live-media= (empty hint: any device)?
 * Hints: /dev/NAME, LABEL=..., UUID=..., removable, removable-usb (taken as removable). */
bool medium_hint_matches(const char *hint, const struct block_device *d);
/* Can this file system type hold a live directory we can mount? */
bool medium_type_can_hold_images(const char *type);
/* Lower sorts first: removable devices, then optical, then the rest. */
int medium_priority(const struct block_device *d);
/* Is name a safe image file name ("*.squashfs", no '/', not hidden)? */
bool medium_is_image_name(const char *name);
#endif
