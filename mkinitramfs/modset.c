/* mkinitramfs/modset.c: the image's module set (see modset.h). */
#include "modset.h"

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fileio.h"

#define INDEX_MAX_BYTES (64u << 20)
#define CONFIG_NAME_MAX 256

static void set_problem(struct modset_problem *p, const char *path, size_t line,
			const char *format, ...) __attribute__((format(printf, 4, 5)));

static void set_problem(struct modset_problem *p, const char *path, size_t line,
			const char *format, ...)
{
	va_list args;

	(void)snprintf(p->path, sizeof(p->path), "%s", path);
	p->line = line;
	va_start(args, format);
	(void)vsnprintf(p->detail, sizeof(p->detail), format, args);
	va_end(args);
}

static int add_note(struct modset *set, const char *format, ...)
	__attribute__((format(printf, 2, 3)));

static int add_note(struct modset *set, const char *format, ...)
{
	char **grown = realloc(set->notes, (set->nnotes + 1) * sizeof(*grown));
	va_list args;
	int n;

	if (!grown)
		return -ENOMEM;
	set->notes = grown;
	va_start(args, format);
	n = vasprintf(&grown[set->nnotes], format, args);
	va_end(args);
	if (n < 0)
		return -ENOMEM;
	set->nnotes++;
	return 0;
}

/* ---------- the kernel's indexes ---------- */

typedef int (*index_parser)(struct moddb *, const char *, size_t, size_t *);

static int read_index(struct modset *set, const char *dir, const char *file, index_parser parse,
		      bool required, struct modset_problem *problem)
{
	char path[4096];
	char *text = NULL;
	size_t len = 0, bad_line = 0;
	int err;

	if (snprintf(path, sizeof(path), "%s/%s", dir, file) >= (int)sizeof(path))
		return -ENAMETOOLONG;
	set_problem(problem, path, 0, "%s", "");
	err = read_whole_file(path, INDEX_MAX_BYTES, &text, &len);
	if (err == -ENOENT && !required)
		return 0;
	if (err)
		return err;
	err = parse(&set->db, text, len, &bad_line);
	free(text);
	if (!err && bad_line)
		err = add_note(set, "%s:%zu: malformed line skipped (the first such line)", path, bad_line);
	return err;
}

static int add_builtin_line(struct modset *set, const char *line, size_t len)
{
	char (*grown)[MODDB_NAME_MAX];
	char *copy = strndup(line, len);

	if (!copy)
		return -ENOMEM;
	grown = realloc(set->builtin, (set->nbuiltin + 1) * sizeof(*grown));
	if (grown) {
		set->builtin = grown;
		moddb_normalise(copy, grown[set->nbuiltin++]);
	}
	free(copy);
	return grown ? 0 : -ENOMEM;
}

/* modules.builtin: one path a line, "kernel/lib/crc32.ko". Same parser shape as moddb's. */
static int parse_builtin(struct modset *set, const char *text, size_t len)
{
	size_t pos = 0;

	while (pos < len) {
		const char *line = text + pos;
		const char *newline = memchr(line, '\n', len - pos);
		size_t n = newline ? (size_t)(newline - line) : len - pos;
		int err = n && line[0] != '#' ? add_builtin_line(set, line, n) : 0;

		if (err)
			return err;
		pos += n + 1;
	}
	return 0;
}

static int read_builtin(struct modset *set, const char *dir, struct modset_problem *problem)
{
	char path[4096];
	char *text = NULL;
	size_t len = 0;
	int err;

	if (snprintf(path, sizeof(path), "%s/modules.builtin", dir) >= (int)sizeof(path))
		return -ENAMETOOLONG;
	set_problem(problem, path, 0, "%s", "");
	err = read_whole_file(path, INDEX_MAX_BYTES, &text, &len);
	if (err == -ENOENT)
		return 0;
	if (!err)
		err = parse_builtin(set, text, len);
	free(text);
	return err;
}

static int allocate_orders(struct modset *set)
{
	size_t n = set->db.nmodules ? set->db.nmodules : 1;

	set->in_image = calloc(n, 1);
	set->in_boot = calloc(n, 1);
	set->image_order = calloc(n, sizeof(*set->image_order));
	set->boot_order = calloc(n, sizeof(*set->boot_order));
	if (!set->in_image || !set->in_boot || !set->image_order || !set->boot_order)
		return -ENOMEM;
	return 0;
}

int modset_read_indexes(struct modset *set, const char *dir, struct modset_problem *problem)
{
	int err;

	memset(set, 0, sizeof(*set));
	err = read_index(set, dir, "modules.dep", moddb_parse_dep, true, problem);
	if (!err)
		err = read_index(set, dir, "modules.alias", moddb_parse_alias, false, problem);
	if (!err)
		err = read_index(set, dir, "modules.softdep", moddb_parse_softdep, false, problem);
	if (!err)
		err = read_builtin(set, dir, problem);
	if (!err)
		err = allocate_orders(set);
	if (!err)
		set_problem(problem, "", 0, "%s", "");
	return err;
}

/* ---------- configuration files ---------- */

static bool is_builtin(const struct modset *set, const char *name)
{
	char wanted[MODDB_NAME_MAX];

	moddb_normalise(name, wanted);
	for (size_t i = 0; i < set->nbuiltin; i++)
		if (strcmp(set->builtin[i], wanted) == 0)
			return true;
	return false;
}

static int add_module(struct modset *set, size_t module, bool boot)
{
	long n = moddb_load_order(&set->db, module, set->in_image, set->image_order, set->nimage,
				  set->db.nmodules);

	if (n < 0)
		return (int)n;
	set->nimage = (size_t)n;
	if (!boot)
		return 0;
	n = moddb_load_order(&set->db, module, set->in_boot, set->boot_order, set->nboot,
			     set->db.nmodules);
	if (n < 0)
		return (int)n;
	set->nboot = (size_t)n;
	return 0;
}

/* Adds every module an alias matches; 0 matched: -ENOENT. */
static int add_alias_matches(struct modset *set, const char *name, bool boot)
{
	size_t count = moddb_match(&set->db, name, NULL, 0), *matches;
	int err = 0;

	if (count == 0)
		return -ENOENT;
	matches = calloc(count, sizeof(*matches));
	if (!matches)
		return -ENOMEM;
	count = moddb_match(&set->db, name, matches, count);
	for (size_t i = 0; i < count && !err; i++)
		err = add_module(set, matches[i], boot);
	free(matches);
	return err;
}

/* Adds the modules a selector (dir:, host:) stands for; none is a note. */
static int add_selected(struct modset *set, const char *selector, bool boot, const char *path,
			size_t line_no, struct modset_problem *problem)
{
	unsigned char *picked = calloc(set->db.nmodules ? set->db.nmodules : 1, 1);
	char detail[sizeof(problem->detail)];
	size_t count = 0;
	int err = picked ? 0 : -ENOMEM;

	if (!err)
		err = modselect_pick(&set->db, &set->host, selector, picked, &count, detail,
				     sizeof(detail));
	if (err == -EINVAL)
		set_problem(problem, path, line_no, "%s", detail);
	else if (err && err != -ENOMEM)
		set_problem(problem, path, line_no, "%s: %s: %s", selector, detail, strerror(-err));
	for (size_t i = 0; i < set->db.nmodules && !err; i++)
		if (picked[i])
			err = add_module(set, i, boot);
	if (!err && count == 0)
		err = add_note(set, "%s:%zu: %s: no module of this kernel", path, line_no, selector);
	free(picked);
	return err;
}

int modset_add_name(struct modset *set, const char *name, int boot, const char *path,
		    size_t line_no, struct modset_problem *problem)
{
	long module = moddb_find(&set->db, name);
	int err;

	if (modselect_is_selector(name))
		return add_selected(set, name, boot, path, line_no, problem);
	if (module >= 0)
		return add_module(set, (size_t)module, boot);
	if (is_builtin(set, name))
		return add_note(set, "%s:%zu: %s is built into the kernel: skipped", path, line_no, name);
	err = add_alias_matches(set, name, boot);
	if (err == -ENOENT)
		set_problem(problem, path, line_no, "no module or alias named '%s' in this kernel", name);
	return err;
}

static bool name_ok(const char *name)
{
	if (strlen(name) >= CONFIG_NAME_MAX)
		return false;
	for (; *name; name++)
		if ((unsigned char)*name < 0x21 || *name == 0x7f)
			return false;
	return true;
}

/* One line, already cut at '#' and NUL-terminated: "", "NAME" or "NAME boot". */
static int add_config_line(struct modset *set, char *line, const char *path, size_t line_no,
			   struct modset_problem *problem)
{
	const char *blanks = " \t\r";
	char *save = NULL;
	char *name = strtok_r(line, blanks, &save);
	char *flag = name ? strtok_r(NULL, blanks, &save) : NULL;
	char *extra = flag ? strtok_r(NULL, blanks, &save) : NULL;

	if (!name)
		return 0;
	if (extra || (flag && strcmp(flag, "boot") != 0) || !name_ok(name)) {
		set_problem(problem, path, line_no, "expected 'NAME' or 'NAME boot'");
		return -EINVAL;
	}
	return modset_add_name(set, name, flag != NULL, path, line_no, problem);
}

int modset_add_config(struct modset *set, const char *path, const char *text, size_t len,
		      struct modset_problem *problem)
{
	size_t pos = 0, line_no = 0;
	int err = 0;

	while (pos < len && !err) {
		const char *start = text + pos;
		const char *newline = memchr(start, '\n', len - pos);
		size_t n = newline ? (size_t)(newline - start) : len - pos;
		char *line = strndup(start, n);

		line_no++;
		pos += n + 1;
		if (!line)
			return -ENOMEM;
		if (strlen(line) != n) {
			set_problem(problem, path, line_no, "a NUL byte in the line");
			err = -EINVAL;
		} else {
			line[strcspn(line, "#")] = '\0';
			err = add_config_line(set, line, path, line_no, problem);
		}
		free(line);
	}
	return err;
}

/* ---------- soft dependencies that resolve to nothing ---------- */

static int note_unresolved(struct modset *set, const struct moddb_module *m, char **names,
			   size_t n)
{
	int err = 0;

	for (size_t i = 0; i < n && !err; i++)
		if (moddb_match(&set->db, names[i], NULL, 0) == 0)
			err = add_note(set, "soft dependency '%s' of %s is no module of this kernel "
				       "(built in, or absent): skipped", names[i], m->name);
	return err;
}

int modset_note_unresolved_softdeps(struct modset *set)
{
	int err = 0;

	for (size_t i = 0; i < set->nimage && !err; i++) {
		const struct moddb_module *m = &set->db.modules[set->image_order[i]];

		err = note_unresolved(set, m, m->softdep_pre, m->nsoftdep_pre);
		if (!err)
			err = note_unresolved(set, m, m->softdep_post, m->nsoftdep_post);
	}
	return err;
}

void modset_free(struct modset *set)
{
	moddb_free(&set->db);
	for (size_t i = 0; i < set->nnotes; i++)
		free(set->notes[i]);
	free(set->notes);
	free(set->builtin);
	free(set->in_image);
	free(set->in_boot);
	free(set->image_order);
	free(set->boot_order);
	memset(set, 0, sizeof(*set));
}
