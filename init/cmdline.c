/* init/cmdline.c: see cmdline.h. */
#include "cmdline.h"
#include "config.h"
#include "fmt.h"

#include <stdlib.h>
#include <string.h>

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

bool cmdline_next(const char *text, size_t len, size_t *pos, char *buf, size_t bufsize,
		  const char **name, const char **value)
{
	size_t i = *pos, out = 0;
	bool in_quote = false;
	long equals = -1;

	while (i < len && is_blank(text[i]))
		i++;
	if (i >= len || text[i] == '\0' || bufsize == 0)
		return false;
	for (; i < len && text[i] != '\0' && (in_quote || !is_blank(text[i])); i++) {
		if (text[i] == '"') {
			in_quote = !in_quote;
			continue;
		}
		if (out + 1 >= bufsize)
			continue; /* an over-long token is cut, never overflows */
		if (text[i] == '=' && equals < 0)
			equals = (long)out;
		buf[out++] = text[i];
	}
	buf[out] = '\0';
	*pos = i;
	*name = buf;
	*value = NULL;
	if (equals >= 0) {
		buf[equals] = '\0';
		*value = buf + equals + 1;
	}
	return true;
}

static void warn(struct live_options *o, const char *name, const char *value, const char *why)
{
	if (o->nwarnings >= CMDLINE_MAX_WARNINGS)
		return;
	(void)fmt_snprintf(o->warnings[o->nwarnings++], CMDLINE_VALUE_MAX, "ignoring %s=%s: %s", name,
			   value ? value : "", why);
}

static bool copy_value(struct live_options *o, const char *name, const char *value, char *dst,
		       size_t dstsize)
{
	if (!value || !*value) {
		warn(o, name, value, "it needs a value");
		return false;
	}
	if (strlen(value) >= dstsize) {
		warn(o, name, value, "the value is too long");
		return false;
	}
	memcpy(dst, value, strlen(value) + 1);
	return true;
}

/* A path on the medium or in the new root: absolute, no "..", no blanks. */
static bool is_safe_absolute_path(const char *p)
{
	if (p[0] != '/')
		return false;
	for (const char *s = p; *s; s++)
		if (s[0] == '.' && s[1] == '.' && (s == p || s[-1] == '/') &&
		    (s[2] == '/' || s[2] == '\0'))
			return false;
	return true;
}

static void set_media(struct live_options *o, const char *name, const char *value)
{
	(void)copy_value(o, name, value, o->media, sizeof(o->media));
}

static void set_media_path(struct live_options *o, const char *name, const char *value)
{
	char tmp[CMDLINE_VALUE_MAX];

	if (!copy_value(o, name, value, tmp, sizeof(tmp)))
		return;
	if (!is_safe_absolute_path(tmp)) {
		warn(o, name, value, "it must be an absolute path without '..'");
		return;
	}
	memcpy(o->media_path, tmp, sizeof(tmp));
}

/* Strict: decimal digits only, 1..3600. */
static void set_timeout(struct live_options *o, const char *name, const char *value)
{
	char *end = NULL;
	unsigned long v;

	if (!value || !*value || value[0] < '0' || value[0] > '9') {
		warn(o, name, value, "expected whole seconds");
		return;
	}
	v = strtoul(value, &end, 10);
	if (*end != '\0' || v < 1 || v > 3600) {
		warn(o, name, value, "expected whole seconds from 1 to 3600");
		return;
	}
	o->media_timeout_s = (unsigned)v;
}

/* What tmpfs accepts for size=: digits with an optional k/m/g/% suffix. */
static bool is_tmpfs_size(const char *v)
{
	size_t digits = strspn(v, "0123456789");

	if (digits == 0)
		return false;
	if (v[digits] == '\0')
		return true;
	return strchr("kKmMgG%", v[digits]) && v[digits + 1] == '\0';
}

static void set_overlay_size(struct live_options *o, const char *name, const char *value)
{
	if (!value || !is_tmpfs_size(value) || strlen(value) >= sizeof(o->overlay_size)) {
		warn(o, name, value, "expected a size such as 2G, 512M or 50%");
		return;
	}
	memcpy(o->overlay_size, value, strlen(value) + 1);
}

static void set_init(struct live_options *o, const char *name, const char *value)
{
	char tmp[CMDLINE_VALUE_MAX];

	if (!copy_value(o, name, value, tmp, sizeof(tmp)))
		return;
	if (tmp[0] != '/') {
		warn(o, name, value, "it must be an absolute path");
		return;
	}
	memcpy(o->init, tmp, sizeof(tmp));
}

static void set_break(struct live_options *o, const char *name, const char *value)
{
	const char *stage = value && *value ? value : "premount";

	if (strlen(stage) >= sizeof(o->break_stage)) {
		warn(o, name, value, "unknown stage");
		return;
	}
	memcpy(o->break_stage, stage, strlen(stage) + 1);
}

static void set_boot(struct live_options *o, const char *name, const char *value)
{
	(void)name;
	o->boot_live = value && strcmp(value, "live") == 0;
}

static void set_debug(struct live_options *o, const char *name, const char *value)
{
	(void)name;
	(void)value;
	o->debug = true;
}

/* module=NAME: a plain file name stem, as live-boot takes it. */
static void set_module(struct live_options *o, const char *name, const char *value)
{
	char tmp[64];

	if (!copy_value(o, name, value, tmp, sizeof(tmp)))
		return;
	if (strchr(tmp, '/') || tmp[0] == '.') {
		warn(o, name, value, "expected a name, not a path");
		return;
	}
	memcpy(o->module, tmp, sizeof(tmp));
}

static void set_verify(struct live_options *o, const char *name, const char *value)
{
	(void)name;
	(void)value;
	o->verify_checksums = true;
}

/* live-verity=ROOTHASH: exactly 64 hex digits (sha256), kept in lower case. */
static void set_verity(struct live_options *o, const char *name, const char *value)
{
	size_t n = value ? strspn(value, "0123456789abcdefABCDEF") : 0;

	if (!value || n != 64 || value[n] != '\0') {
		warn(o, name, value, "expected a sha256 root hash: 64 hexadecimal digits");
		return;
	}
	for (size_t i = 0; i <= n; i++)
		o->verity[i] = (char)(value[i] >= 'A' && value[i] <= 'F' ? value[i] + 32 : value[i]);
}

static void set_quiet(struct live_options *o, const char *name, const char *value)
{
	(void)name;
	(void)value;
	o->quiet = true;
}

/* toram, toram=auto, toram=FILE (one image of the live directory). */
static void set_toram(struct live_options *o, const char *name, const char *value)
{
	const char *what = value && *value ? value : "all";

	if (strchr(what, '/') || strcmp(what, "..") == 0 || strlen(what) >= sizeof(o->toram)) {
		warn(o, name, value, "expected auto or the name of an image in the live directory");
		return;
	}
	memcpy(o->toram, what, strlen(what) + 1);
}

static void set_persistence(struct live_options *o, const char *name, const char *value)
{
	(void)value;
	if (strcmp(name, "persistence") == 0)
		o->persistence = true;
	else if (strcmp(name, "nopersistence") == 0)
		o->nopersistence = true;
	else
		o->persistence_read_only = true;
}

static void set_persistence_label(struct live_options *o, const char *name, const char *value)
{
	if (value && strchr(value, '/')) {
		warn(o, name, value, "a label cannot contain '/'");
		return;
	}
	(void)copy_value(o, name, value, o->persistence_label, sizeof(o->persistence_label));
}

/* persistence-storage=filesystem,file: a comma-separated subset. */
static void set_persistence_storage(struct live_options *o, const char *name, const char *value)
{
	bool filesystems = false, files = false;
	char list[64];

	if (!copy_value(o, name, value, list, sizeof(list)))
		return;
	for (char *save = NULL, *word = strtok_r(list, ",", &save); word; word = strtok_r(NULL, ",", &save)) {
		if (strcmp(word, "filesystem") == 0)
			filesystems = true;
		else if (strcmp(word, "file") == 0)
			files = true;
		else {
			warn(o, name, value, "expected filesystem, file or both");
			return;
		}
	}
	o->persistence_in_filesystems = filesystems;
	o->persistence_in_files = files;
}

static void set_persistence_media(struct live_options *o, const char *name, const char *value)
{
	if (!value || (strcmp(value, "removable") != 0 && strcmp(value, "removable-usb") != 0)) {
		warn(o, name, value, "expected removable or removable-usb");
		return;
	}
	memcpy(o->persistence_media, value, strlen(value) + 1);
}

static const struct {
	const char *name;
	void (*handle)(struct live_options *o, const char *name, const char *value);
} parameters[] = {
	{ "boot", set_boot },
	{ "live-media", set_media },
	{ "live-media-path", set_media_path },
	{ "live-media-timeout", set_timeout },
	{ "overlay-size", set_overlay_size },
	{ "init", set_init },
	{ "break", set_break },
	{ "debug", set_debug },
	{ "quiet", set_quiet },
	{ "toram", set_toram },
	{ "verify-checksums", set_verify },
	{ "live-verity", set_verity },
	{ "module", set_module },
	{ "persistence", set_persistence },
	{ "nopersistence", set_persistence },
	{ "persistence-read-only", set_persistence },
	{ "persistence-label", set_persistence_label },
	{ "persistence-storage", set_persistence_storage },
	{ "persistence-media", set_persistence_media },
};

bool cmdline_wants_persistence(const struct live_options *o)
{
	return o->persistence && !o->nopersistence;
}

void cmdline_defaults(struct live_options *o)
{
	memset(o, 0, sizeof(*o));
	memcpy(o->media_path, LIVE_DEFAULT_MEDIA_PATH, sizeof(LIVE_DEFAULT_MEDIA_PATH));
	o->media_timeout_s = LIVE_DEFAULT_TIMEOUT_S;
	memcpy(o->overlay_size, LIVE_DEFAULT_OVERLAY_SIZE, sizeof(LIVE_DEFAULT_OVERLAY_SIZE));
	memcpy(o->persistence_label, "persistence", sizeof("persistence"));
	memcpy(o->module, "filesystem", sizeof("filesystem"));
	o->persistence_in_filesystems = true;
	o->persistence_in_files = true;
}

void cmdline_parse(struct live_options *o, const char *text, size_t len)
{
	char buf[CMDLINE_VALUE_MAX * 2];
	const char *name, *value;
	size_t pos = 0;

	while (cmdline_next(text, len, &pos, buf, sizeof(buf), &name, &value)) {
		if (strcmp(name, "--") == 0 && !value)
			return;
		for (size_t i = 0; i < sizeof(parameters) / sizeof(parameters[0]); i++)
			if (strcmp(name, parameters[i].name) == 0)
				parameters[i].handle(o, name, value);
	}
}
