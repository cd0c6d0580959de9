/* mkinitramfs/manifest.c: the image's entry list, its text form (see manifest.h). */
#include "manifest.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const char *const type_names[] = {
	[MANIFEST_DIR] = "dir", [MANIFEST_FILE] = "file",
	[MANIFEST_NOD] = "nod", [MANIFEST_SLINK] = "slink",
};

/* ---------- checks ---------- */

static bool has_blank_or_control(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s <= ' ' || *s == 0x7f)
			return true;
	return false;
}

bool manifest_path_ok(const char *path)
{
	return cpio_path_ok(path) && !has_blank_or_control(path);
}

static bool target_ok(const char *target)
{
	return target && *target && strlen(target) < CPIO_PATH_MAX && !has_blank_or_control(target);
}

long manifest_find(const struct manifest *m, const char *path)
{
	for (size_t i = 0; i < m->count; i++)
		if (strcmp(m->entries[i].path, path) == 0)
			return (long)i;
	return -1;
}

/* ---------- adding ---------- */

enum manifest_segment manifest_set_segment(struct manifest *m, enum manifest_segment s)
{
	enum manifest_segment before = m->adding;

	m->adding = s;
	return before;
}

/* A new zeroed entry for path, or an error: -EINVAL, -EEXIST, -ENOMEM. */
static int new_entry(struct manifest *m, const char *path, enum manifest_type type,
		     unsigned mode, struct manifest_entry **entry)
{
	struct manifest_entry *e;

	if (!manifest_path_ok(path) || mode > 07777)
		return -EINVAL;
	if (manifest_find(m, path) >= 0)
		return -EEXIST;
	if (m->count == m->capacity) {
		size_t capacity = m->capacity ? m->capacity * 2 : 64;
		struct manifest_entry *grown = realloc(m->entries, capacity * sizeof(*grown));

		if (!grown)
			return -ENOMEM;
		m->entries = grown;
		m->capacity = capacity;
	}
	e = &m->entries[m->count];
	memset(e, 0, sizeof(*e));
	e->path = strdup(path);
	if (!e->path)
		return -ENOMEM;
	e->type = type;
	e->mode = mode;
	e->segment = type == MANIFEST_DIR ? MANIFEST_HEAD : m->adding;
	m->count++;
	*entry = e;
	return 0;
}

int manifest_add_dir(struct manifest *m, const char *path, unsigned mode)
{
	struct manifest_entry *e;
	long existing = path ? manifest_find(m, path) : -1;

	if (existing >= 0 && m->entries[existing].type == MANIFEST_DIR &&
	    m->entries[existing].mode == mode)
		return 0;
	return new_entry(m, path, MANIFEST_DIR, mode, &e);
}

int manifest_add_file(struct manifest *m, const char *path, unsigned mode, const char *source)
{
	struct manifest_entry *e;
	int err;

	if (!source || !*source || strchr(source, '\n'))
		return -EINVAL;
	err = new_entry(m, path, MANIFEST_FILE, mode, &e);
	if (err)
		return err;
	e->source = strdup(source);
	return e->source ? 0 : -ENOMEM;
}

int manifest_add_generated(struct manifest *m, const char *path, unsigned mode,
			   const char *data, size_t size)
{
	struct manifest_entry *e;
	int err;

	if (!data && size)
		return -EINVAL;
	err = new_entry(m, path, MANIFEST_FILE, mode, &e);
	if (err)
		return err;
	e->data = malloc(size ? size : 1);
	if (!e->data)
		return -ENOMEM;
	if (size)
		memcpy(e->data, data, size);
	e->size = size;
	return 0;
}

int manifest_add_nod(struct manifest *m, const char *path, unsigned mode, char dev_type,
		     unsigned major, unsigned minor)
{
	struct manifest_entry *e;
	int err;

	if (dev_type != 'c' && dev_type != 'b')
		return -EINVAL;
	err = new_entry(m, path, MANIFEST_NOD, mode, &e);
	if (err)
		return err;
	e->dev_type = dev_type;
	e->major = major;
	e->minor = minor;
	return 0;
}

int manifest_add_slink(struct manifest *m, const char *path, const char *target)
{
	struct manifest_entry *e;
	int err;

	if (!target_ok(target))
		return -EINVAL;
	err = new_entry(m, path, MANIFEST_SLINK, 0777, &e);
	if (err)
		return err;
	e->target = strdup(target);
	return e->target ? 0 : -ENOMEM;
}

int manifest_add_parents(struct manifest *m, const char *path)
{
	char parent[CPIO_PATH_MAX];

	if (!manifest_path_ok(path))
		return -EINVAL;
	for (const char *slash = strchr(path + 1, '/'); slash; slash = strchr(slash + 1, '/')) {
		size_t len = (size_t)(slash - path);
		long existing;
		int err;

		memcpy(parent, path, len);
		parent[len] = '\0';
		existing = manifest_find(m, parent);
		if (existing >= 0 && m->entries[existing].type != MANIFEST_DIR)
			return -ENOTDIR;
		err = existing >= 0 ? 0 : manifest_add_dir(m, parent, 0755);
		if (err)
			return err;
	}
	return 0;
}

int manifest_add_file_once(struct manifest *m, const char *path, unsigned mode,
			   const char *source)
{
	long i = manifest_find(m, path);
	int err;

	if (i >= 0) {
		const struct manifest_entry *e = &m->entries[i];

		return e->type == MANIFEST_FILE && e->source && strcmp(e->source, source) == 0 &&
		       e->mode == mode ? 0 : -EEXIST;
	}
	err = manifest_add_parents(m, path);
	return err ? err : manifest_add_file(m, path, mode, source);
}

int manifest_add_slink_once(struct manifest *m, const char *path, const char *target)
{
	long i = manifest_find(m, path);
	int err;

	if (i >= 0)
		return m->entries[i].type == MANIFEST_SLINK && strcmp(m->entries[i].target, target) == 0
			       ? 0 : -EEXIST;
	err = manifest_add_parents(m, path);
	return err ? err : manifest_add_slink(m, path, target);
}

int manifest_add_dir_once(struct manifest *m, const char *path, unsigned mode)
{
	int err = manifest_add_parents(m, path);

	return err ? err : manifest_add_dir(m, path, mode);
}

/* ---------- order ---------- */

static int compare_entries(const void *a, const void *b)
{
	const struct manifest_entry *ea = a, *eb = b;

	return cpio_path_compare(ea->path, eb->path);
}

void manifest_sort(struct manifest *m)
{
	if (m->count)
		qsort(m->entries, m->count, sizeof(*m->entries), compare_entries);
}

/* ---------- text form ---------- */

#define MAX_FIELDS 9 /* one more than the longest line has: extra words are noticed */

struct fields {
	char *base; /* the line the words were cut from */
	char *word[MAX_FIELDS];
	size_t count;
};

static void split_fields(char *line, struct fields *f)
{
	char *p = line;

	f->base = line;
	f->count = 0;
	while (f->count < MAX_FIELDS) {
		p += strspn(p, " \t\r");
		if (!*p)
			break;
		f->word[f->count++] = p;
		p += strcspn(p, " \t\r");
		if (*p)
			*p++ = '\0';
	}
}

static bool parse_number(const char *text, int base, unsigned max, unsigned *value)
{
	char *end;
	unsigned long n;

	if (!text || !*text || *text == '-' || *text == '+')
		return false;
	errno = 0;
	n = strtoul(text, &end, base);
	if (errno || *end || n > max)
		return false;
	*value = (unsigned)n;
	return true;
}

static bool owner_is_root(const char *uid, const char *gid)
{
	return strcmp(uid, "0") == 0 && strcmp(gid, "0") == 0;
}

/* "file PATH MODE 0 0 SOURCE": SOURCE is the rest of the line, blanks included. */
static int parse_file_line(struct manifest *m, char *original, struct fields *f)
{
	unsigned mode;
	char *source;
	size_t len;

	if (f->count < 6 || !parse_number(f->word[2], 8, 07777, &mode) ||
	    !owner_is_root(f->word[3], f->word[4]))
		return -EINVAL;
	source = original + (f->word[5] - f->base);
	len = strcspn(source, "\r\n");
	while (len && (source[len - 1] == ' ' || source[len - 1] == '\t'))
		len--;
	source[len] = '\0';
	if (strcmp(source, MANIFEST_GENERATED) == 0)
		return -EINVAL;
	return manifest_add_file(m, f->word[1], mode, source);
}

static int parse_fields(struct manifest *m, char *original, struct fields *f)
{
	const char *type = f->word[0];
	unsigned mode, major, minor;

	if (strcmp(type, "file") == 0)
		return parse_file_line(m, original, f);
	if (strcmp(type, "dir") == 0 && f->count == 5 &&
	    parse_number(f->word[2], 8, 07777, &mode) && owner_is_root(f->word[3], f->word[4]))
		return manifest_add_dir(m, f->word[1], mode);
	if (strcmp(type, "nod") == 0 && f->count == 8 &&
	    parse_number(f->word[2], 8, 07777, &mode) && owner_is_root(f->word[3], f->word[4]) &&
	    strlen(f->word[5]) == 1 && parse_number(f->word[6], 10, 0xFFFFFFFFu, &major) &&
	    parse_number(f->word[7], 10, 0xFFFFFFFFu, &minor))
		return manifest_add_nod(m, f->word[1], mode, f->word[5][0], major, minor);
	if (strcmp(type, "slink") == 0 && f->count == 6 &&
	    parse_number(f->word[3], 8, 07777, &mode) && owner_is_root(f->word[4], f->word[5]))
		return manifest_add_slink(m, f->word[1], f->word[2]);
	return -EINVAL;
}

int manifest_parse_line(struct manifest *m, const char *line)
{
	char *copy = strdup(line), *original = strdup(line);
	struct fields f;
	int err = -ENOMEM;

	if (copy && original) {
		split_fields(copy, &f);
		err = f.count == 0 || f.word[0][0] == '#' ? 0 : parse_fields(m, original, &f);
	}
	free(copy);
	free(original);
	return err;
}

int manifest_parse(struct manifest *m, const char *text, size_t *bad_line)
{
	size_t line_no = 0;

	*bad_line = 0;
	while (*text) {
		size_t len = strcspn(text, "\n");
		char *line = strndup(text, len);
		int err = line ? manifest_parse_line(m, line) : -ENOMEM;

		free(line);
		line_no++;
		if (err) {
			*bad_line = line_no;
			return err;
		}
		text += len + (text[len] == '\n');
	}
	return 0;
}

static int print_entry(const struct manifest_entry *e, FILE *out)
{
	const char *type = type_names[e->type];

	switch (e->type) {
	case MANIFEST_DIR:
		return fprintf(out, "%-5s %s %04o 0 0\n", type, e->path, e->mode);
	case MANIFEST_NOD:
		return fprintf(out, "%-5s %s %04o 0 0 %c %u %u\n", type, e->path, e->mode,
			       e->dev_type, e->major, e->minor);
	case MANIFEST_FILE:
		return fprintf(out, "%-5s %s %04o 0 0 %s\n", type, e->path, e->mode,
			       e->source ? e->source : MANIFEST_GENERATED);
	case MANIFEST_SLINK:
		return fprintf(out, "%-5s %s %s 0777 0 0\n", type, e->path, e->target);
	}
	return -1;
}

int manifest_print(const struct manifest *m, FILE *out)
{
	for (size_t i = 0; i < m->count; i++)
		if (print_entry(&m->entries[i], out) < 0)
			return errno ? -errno : -EIO;
	return fflush(out) == 0 ? 0 : -errno;
}

/* ---------- conversion ---------- */

static struct cpio_entry to_cpio(const struct manifest_entry *e)
{
	struct cpio_entry c = { .path = e->path, .mode = e->mode, .segment = e->segment };

	switch (e->type) {
	case MANIFEST_DIR:
		c.type = CPIO_DIR;
		break;
	case MANIFEST_FILE:
		c.type = CPIO_FILE;
		c.data = e->data;
		c.size = e->size;
		break;
	case MANIFEST_NOD:
		c.type = e->dev_type == 'b' ? CPIO_BLOCK_DEV : CPIO_CHAR_DEV;
		c.major = e->major;
		c.minor = e->minor;
		break;
	case MANIFEST_SLINK:
		c.type = CPIO_SYMLINK;
		c.target = e->target;
		break;
	}
	return c;
}

int manifest_to_cpio(const struct manifest *m, struct cpio_entry **entries)
{
	*entries = malloc((m->count ? m->count : 1) * sizeof(**entries));
	if (!*entries)
		return -ENOMEM;
	for (size_t i = 0; i < m->count; i++)
		(*entries)[i] = to_cpio(&m->entries[i]);
	return 0;
}

void manifest_free(struct manifest *m)
{
	for (size_t i = 0; i < m->count; i++) {
		free(m->entries[i].path);
		free(m->entries[i].target);
		free(m->entries[i].source);
		free(m->entries[i].data);
	}
	free(m->entries);
	memset(m, 0, sizeof(*m));
}
