/* init/cmdline.h: the kernel command line, read the way the kernel reads it.
 *
 * Pure code. Tokens are split on blanks; double quotes group blanks into a
 * token and are removed ("a b"=c, a="b c"); a bare word is a flag; when a
 * parameter appears twice the last one wins; everything after a lone "--"
 * belongs to the real init and is not read. Unknown parameters are ignored.
 * Names follow Debian's live-boot so existing boot menus keep working. */
#ifndef LIVEINIT_CMDLINE_H
#define LIVEINIT_CMDLINE_H
#include <stdbool.h>
#include <stddef.h>

#define CMDLINE_VALUE_MAX 256
#define CMDLINE_MAX_WARNINGS 8

struct live_options {
	bool boot_live;                         /* boot=live: accepted, not required */
	char media[CMDLINE_VALUE_MAX];          /* live-media=: /dev/..., LABEL=, UUID=, removable */
	char media_path[CMDLINE_VALUE_MAX];     /* live-media-path=, default /live */
	unsigned media_timeout_s;               /* live-media-timeout=, default 30 */
	char overlay_size[32];                  /* overlay-size=, a tmpfs size= value */
	char init[CMDLINE_VALUE_MAX];           /* init=, "" for the default list */
	char break_stage[32];                   /* break / break=STAGE; "" when absent */
	bool debug;
	bool quiet;
	bool verify_checksums;                  /* verify-checksums */
	char verity[65];                        /* live-verity=: the image's dm-verity root hash (sha256, hex), or "" */
	char module[64];                        /* module=NAME: the live directory's NAME.module lists the layers */
	char toram[128];                        /* toram: "all", "auto", an image name, or "" */
	/* persistence: opt-in, live-boot's names; nopersistence wins */
	bool persistence;
	bool nopersistence;
	bool persistence_read_only;
	char persistence_label[64];             /* persistence-label=, default "persistence" */
	bool persistence_in_filesystems;        /* persistence-storage=filesystem */
	bool persistence_in_files;              /* persistence-storage=file */
	char persistence_media[16];             /* persistence-media=removable|removable-usb, "" any */
	/* why a value was refused, for the caller to log */
	char warnings[CMDLINE_MAX_WARNINGS][CMDLINE_VALUE_MAX];
	size_t nwarnings;
};

void cmdline_defaults(struct live_options *opts);

/* Is persistence asked for (persistence, and no nopersistence)? */
bool cmdline_wants_persistence(const struct live_options *opts);

/* Parses text (need not be NUL-terminated) into opts, over its defaults or
 * previous values. Never fails: refused values leave the previous value and
 * add a warning. */
void cmdline_parse(struct live_options *opts, const char *text, size_t len);

/* The next token of text[*pos..len): name and value (NULL for a bare flag)
 * point into buf (size bufsize), quotes removed. Returns false at the end. */
bool cmdline_next(const char *text, size_t len, size_t *pos, char *buf, size_t bufsize,
		  const char **name, const char **value);

#endif
