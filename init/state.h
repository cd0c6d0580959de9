/* init/state.h: what the stages learn and pass on, and what the fatal path reports. */
#ifndef LIVEINIT_STATE_H
#define LIVEINIT_STATE_H
#include <stdbool.h>
#include <stdint.h>

#include "cmdline.h"
#include "config.h"
#include "layer_names.h"
#include "persistconf.h"
#include "probe.h"

struct block_device {
	char name[32];          /* "sr0", "sda1" */
	uint64_t size_bytes;
	bool removable;
	bool has_partitions;    /* a whole disk whose partitions the kernel found */
	char parent[32];        /* a partition's disk ("sda" for "sda2"), else "" */
	bool probed;
	int probe_err;          /* 0, -ENOENT (no known file system) or a read error */
	struct probe_result fs;
	bool tried;             /* considered as the medium already */
	bool removed;           /* the kernel said "remove"; an "add" makes it new */
	char verdict[384];       /* why it was not the medium */
};

struct failed_module {
	char name[64];
	int err;
};

#define LIVE_MAX_PERSIST 8

struct persist_volume {
	char name[112];           /* "vdb", or "sdb1-persistence" for an image file */
	char device[40];          /* what is mounted: /dev/vdb, /dev/loop1 */
	char mountpoint[160];     /* LIVE_PERSIST_DIR/NAME */
	char host_mountpoint[112]; /* an image file's partition, or "" */
	bool mounted;             /* checked, mounted, has persistence.conf */
	bool read_only;
	bool root_union;          /* its persistence.conf has "/ union" */
	char note[192];           /* what became of it, for the status file */
	struct persist_conf conf;
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
	bool image_in_ram[LIVE_MAX_IMAGES]; /* copied to LIVE_TORAM_DIR by toram */
	char kernel_release[65];
	struct persist_volume persist[LIVE_MAX_PERSIST];
	unsigned npersist;
	int persist_root;               /* index of the "/ union" volume, or -1 */
	char persist_summary[192];      /* one line: what persistence there is */
	char persist_layers[LIVE_MAX_IMAGES][LAYER_NAME_MAX]; /* live-commit's layers, lowest first */
	unsigned npersist_layers;
};

#endif
