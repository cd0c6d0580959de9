/* init/toram.h: copy the live images into RAM (toram, toram=FILE, toram=auto)
 * so the medium can be released: unmounted, and a CD ejected. */
#ifndef LIVEINIT_TORAM_H
#define LIVEINIT_TORAM_H
#include <stdbool.h>

#include "state.h"

/* Copies the chosen images into a tmpfs at LIVE_TORAM_DIR when they fit in
 * MemAvailable with LIVE_TORAM_MARGIN_MB to spare (otherwise it says so and
 * the images stay on the medium), with a progress line about once a second.
 * Marks st->image_in_ram[]. */
void toram_copy(struct boot_state *st);
/* Once the images are mounted: unmounts the medium when nothing on it is
 * used any more. */
void toram_release_medium(struct boot_state *st);
#endif
