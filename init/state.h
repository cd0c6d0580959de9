/* init/state.h: what the stages learn and pass on, and what the fatal path reports. */
#ifndef LIVEINIT_STATE_H
#define LIVEINIT_STATE_H
#include <stdbool.h>
#include <stdint.h>

#include "cmdline.h"
#include "config.h"
#include "probe.h"

struct block_device {
	char name[32];          /* "sr0", "sda1" */
	uint64_t size_bytes;
	bool removable;
	bool probed;
	int probe_err;          /* 0, -ENOENT (no known file system) or a read error */
	struct probe_result fs;
	bool tried;             /* considered as the medium already */
	char verdict[384];       /* why it was not the medium */
};

struct failed_module {
	char name[64];
	int err;
};

struct boot_state {
	struct live_options opts;
	struct block_device devices[LIVE_MAX_DEVICES];
	unsigned ndevices;
	struct failed_module failed[LIVE_MAX_FAILED_MODULES];
	unsigned nfailed;
	char medium_device[48];         /* "/dev/sr0" once found */
	char images[LIVE_MAX_IMAGES][128]; /* image file names, lowest layer first */
	unsigned nimages;
	char kernel_release[65];
};

#endif
