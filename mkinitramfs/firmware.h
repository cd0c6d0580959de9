/* mkinitramfs/firmware.h: the firmware files the image's modules ask for.
 *
 * Each module of the set names its firmware in its .modinfo section
 * ("firmware=qlogic/1040.bin", also what `modinfo -F firmware` prints). Each
 * name is looked for in the firmware directories in order (as NAME, then
 * NAME.zst and NAME.xz, which the kernel can load compressed; a name with
 * wildcards as a pattern) and the first found goes to /lib/firmware/NAME in
 * the image, links included. A missing firmware file is a note, not an
 * error: the Debian kernel package ships none, and most devices work or
 * fail later without it. Compressed modules (.ko.xz, .ko.zst, .ko.gz) are
 * read through xz, zstd or gzip.
 */
#ifndef MKINITRAMFS_FIRMWARE_H
#define MKINITRAMFS_FIRMWARE_H
#include "manifest.h"
#include "modset.h"
#include "strlist.h"

#define FIRMWARE_IMAGE_DIR "/lib/firmware"

struct firmware_problem {
	const char *action; /* "cannot read", "cannot add the firmware" ... */
	char path[4096];
};

/* Adds the firmware of every module in the image (set->in_image; the files
 * under modules_dir). Notes (firmware not found, a module whose firmware
 * list cannot be read) go to notes. Returns 0 or -errno, problem saying what
 * was attempted on which path. */
int firmware_add(struct manifest *m, const struct modset *set, const char *modules_dir,
		 const struct strlist *dirs, struct strlist *notes, struct firmware_problem *problem);

#endif
