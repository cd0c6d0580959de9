/* init/moddb.c: the kernel module database read from depmod's text indexes.
 *
 * Pure code (see moddb.h): no syscalls, only malloc. Every byte of the input
 * is treated as untrusted: lines are bounded by the given length, tokens are
 * length-checked, names are validated, and dependency walks stop on cycles.
 */
#include "moddb.h"
#include "glob.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define MODDB_PATH_MAX 4096  /* longest module path accepted from modules.dep */
#define MODDB_TOKEN_MAX 1024 /* longest alias pattern or soft dependency entry */

/* ---------- scanning the text ---------- */

struct span {
	const char *p;
	size_t len;
};

struct scanner {
	const char *text;
	size_t len;
	size_t pos;
	size_t line_no;
};

static bool next_line(struct scanner *sc, struct span *line)
{
	const char *start, *newline;
	size_t left;

	if (sc->pos >= sc->len)
		return false;
	start = sc->text + sc->pos;
	left = sc->len - sc->pos;
	newline = memchr(start, '\n', left);
	line->p = start;
	line->len = newline ? (size_t)(newline - start) : left;
	sc->pos += line->len + (newline ? 1 : 0);
	sc->line_no++;
	return true;
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

/* Takes the next blank-separated token off the front of *rest. */
static bool next_token(struct span *rest, struct span *token)
{
	while (rest->len && is_blank(*rest->p)) {
		rest->p++;
		rest->len--;
	}
	if (!rest->len)
		return false;
	token->p = rest->p;
	while (rest->len && !is_blank(*rest->p)) {
		rest->p++;
		rest->len--;
	}
	token->len = (size_t)(rest->p - token->p);
	return true;
}

static bool is_comment_or_empty(struct span line)
{
	struct span token;

	return !next_token(&line, &token) || token.p[0] == '#';
}

static bool has_nul(struct span s)
{
	return memchr(s.p, '\0', s.len) != NULL;
}

static bool span_is(struct span s, const char *word)
{
	size_t n = strlen(word);

	return s.len == n && memcmp(s.p, word, n) == 0;
}

static char *span_dup(struct span s)
{
	char *copy = malloc(s.len + 1);

	if (copy) {
		memcpy(copy, s.p, s.len);
		copy[s.len] = '\0';
	}
	return copy;
}

static void note_bad_line(size_t *bad_line, size_t line_no)
{
	if (bad_line && *bad_line == 0)
		*bad_line = line_no;
}

/* ---------- names ---------- */

/* The module name inside a path or file name: after the last '/', before ".ko"
 * (and a compression suffix such as ".ko.xz"). */
static struct span module_base(struct span s)
{
	struct span base = s;

	for (size_t i = 0; i < s.len; i++) {
		if (s.p[i] == '/') {
			base.p = s.p + i + 1;
			base.len = s.len - i - 1;
		}
	}
	for (size_t i = 0; i + 3 <= base.len; i++) {
		if (memcmp(base.p + i, ".ko", 3) == 0 &&
		    (i + 3 == base.len || base.p[i + 3] == '.')) {
			base.len = i;
			break;
		}
	}
	return base;
}

/* Whether the last component names a module file: "x.ko", "x.ko.xz". */
static bool has_module_suffix(struct span path)
{
	struct span base = module_base(path);
	const char *end = base.p + base.len;

	return (size_t)(path.p + path.len - end) >= 3 && memcmp(end, ".ko", 3) == 0;
}

static bool is_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_' || c == '-';
}

/* Like moddb_normalise, but refuses (returns false for) a name that is empty,
 * too long or holds a character no module name has, instead of truncating. */
static bool normalise_checked(struct span s, char out[MODDB_NAME_MAX])
{
	struct span base = module_base(s);

	if (base.len == 0 || base.len >= MODDB_NAME_MAX)
		return false;
	for (size_t i = 0; i < base.len; i++) {
		if (!is_name_char(base.p[i]))
			return false;
		out[i] = base.p[i] == '-' ? '_' : base.p[i];
	}
	out[base.len] = '\0';
	return true;
}

void moddb_normalise(const char *name, char out[MODDB_NAME_MAX])
{
	struct span base;

	out[0] = '\0';
	if (!name)
		return;
	base = module_base((struct span){ name, strlen(name) });
	if (base.len >= MODDB_NAME_MAX)
		base.len = MODDB_NAME_MAX - 1;
	for (size_t i = 0; i < base.len; i++)
		out[i] = base.p[i] == '-' ? '_' : base.p[i];
	out[base.len] = '\0';
}

long moddb_find(const struct moddb *db, const char *name)
{
	char wanted[MODDB_NAME_MAX];

	if (!db || !name || !normalise_checked((struct span){ name, strlen(name) }, wanted))
		return -1;
	for (size_t i = 0; i < db->nmodules; i++)
		if (strcmp(db->modules[i].name, wanted) == 0)
			return (long)i;
	return -1;
}

/* ---------- growing arrays ---------- */

/* Arrays grow by doubling from 8, so the capacity follows from the count:
 * a new block is needed when the count is 0 or a power of two of 8 or more. */
static void *reserve_one_more(void *array, size_t count, size_t elem_size)
{
	size_t capacity;

	if (count != 0 && (count < 8 || (count & (count - 1)) != 0))
		return array;
	capacity = count ? count * 2 : 8;
	if (capacity > SIZE_MAX / elem_size)
		return NULL;
	return realloc(array, capacity * elem_size);
}

static int append_string(char ***array, size_t *count, struct span s)
{
	char **grown = reserve_one_more(*array, *count, sizeof(**array));
	char *copy;

	if (!grown)
		return -ENOMEM;
	*array = grown;
	copy = span_dup(s);
	if (!copy)
		return -ENOMEM;
	grown[(*count)++] = copy;
	return 0;
}

/* ---------- a sorted name index, built for the length of one parse ---------- */

struct name_index {
	const struct moddb_module **by_name;
	size_t count;
	const struct moddb_module *base;
};

static int compare_module_names(const void *a, const void *b)
{
	const struct moddb_module *const *ma = a, *const *mb = b;

	return strcmp((*ma)->name, (*mb)->name);
}

static int compare_name_to_module(const void *key, const void *elem)
{
	const struct moddb_module *const *m = elem;

	return strcmp(key, (*m)->name);
}

static int name_index_build(struct name_index *ix, const struct moddb *db)
{
	ix->count = db->nmodules;
	ix->base = db->modules;
	ix->by_name = malloc((ix->count ? ix->count : 1) * sizeof(*ix->by_name));
	if (!ix->by_name)
		return -ENOMEM;
	for (size_t i = 0; i < ix->count; i++)
		ix->by_name[i] = &db->modules[i];
	qsort(ix->by_name, ix->count, sizeof(*ix->by_name), compare_module_names);
	return 0;
}

/* Index of the module named by the (un-normalised) span, or -1. */
static long name_index_find(const struct name_index *ix, struct span name)
{
	char wanted[MODDB_NAME_MAX];
	const struct moddb_module *const *found;

	if (!normalise_checked(name, wanted))
		return -1;
	found = bsearch(wanted, ix->by_name, ix->count, sizeof(*ix->by_name),
			compare_name_to_module);
	return found ? (long)(*found - ix->base) : -1;
}

/* ---------- modules.dep ---------- */

/* A line "PATH: DEP DEP..." whose dependencies are resolved once every line is read. */
struct pending_deps {
	size_t module;
	struct span deps;
	size_t line_no;
};

/* Relative, no ".." component, bounded: a path /init and mkinitramfs may open. */
static bool is_safe_module_path(struct span path)
{
	size_t start = 0;

	if (path.len == 0 || path.len >= MODDB_PATH_MAX || path.p[0] == '/')
		return false;
	for (size_t i = 0; i <= path.len; i++) {
		if (i < path.len && path.p[i] != '/')
			continue;
		if (i - start == 2 && path.p[start] == '.' && path.p[start + 1] == '.')
			return false;
		start = i + 1;
	}
	return true;
}

/* Splits "PATH: DEPS" into the path and the rest; false when malformed. */
static bool split_dep_line(struct span line, struct span *path, struct span *deps)
{
	const char *colon = memchr(line.p, ':', line.len);
	struct span head, token, extra;

	if (!colon)
		return false;
	head = (struct span){ line.p, (size_t)(colon - line.p) };
	if (!next_token(&head, &token) || next_token(&head, &extra))
		return false;
	*path = token;
	deps->p = colon + 1;
	deps->len = line.len - (size_t)(colon + 1 - line.p);
	return true;
}

/* Adds the module of one modules.dep line: 1 when added, 0 when malformed or a
 * duplicate, -ENOMEM. */
static int add_module(struct moddb *db, struct span path)
{
	char name[MODDB_NAME_MAX];
	struct moddb_module *grown, *m;

	if (!is_safe_module_path(path) || !has_module_suffix(path) ||
	    !normalise_checked(path, name) || moddb_find(db, name) >= 0)
		return 0;
	grown = reserve_one_more(db->modules, db->nmodules, sizeof(*db->modules));
	if (!grown)
		return -ENOMEM;
	db->modules = grown;
	m = &grown[db->nmodules];
	memset(m, 0, sizeof(*m));
	memcpy(m->name, name, sizeof(name));
	m->path = span_dup(path);
	if (!m->path)
		return -ENOMEM;
	db->nmodules++;
	return 1;
}

static size_t count_tokens(struct span s)
{
	struct span token;
	size_t n = 0;

	while (next_token(&s, &token))
		n++;
	return n;
}

/* Resolves one module's dependency paths; unknown ones (and itself) are skipped
 * and reported as a bad line. */
static int resolve_deps(struct moddb *db, const struct name_index *ix,
			const struct pending_deps *pending, size_t *bad_line)
{
	struct moddb_module *m = &db->modules[pending->module];
	struct span rest = pending->deps, token;
	size_t n = count_tokens(rest);

	if (n == 0)
		return 0;
	m->deps = malloc(n * sizeof(*m->deps));
	if (!m->deps)
		return -ENOMEM;
	while (next_token(&rest, &token)) {
		long dep = name_index_find(ix, token);

		if (dep < 0 || (size_t)dep == pending->module) {
			note_bad_line(bad_line, pending->line_no);
			continue;
		}
		m->deps[m->ndeps++] = (size_t)dep;
	}
	return 0;
}

static int resolve_all_deps(struct moddb *db, const struct pending_deps *pending,
			    size_t npending, size_t *bad_line)
{
	struct name_index ix;
	int err = name_index_build(&ix, db);

	for (size_t i = 0; err == 0 && i < npending; i++)
		err = resolve_deps(db, &ix, &pending[i], bad_line);
	free(ix.by_name);
	return err;
}

/* First pass: adds a module for every well-formed line and remembers its deps. */
static int read_dep_lines(struct moddb *db, struct scanner *sc, struct pending_deps **pending,
			  size_t *npending, size_t *bad_line)
{
	struct span line, path, deps;

	while (next_line(sc, &line)) {
		struct pending_deps *grown;
		int added;

		if (is_comment_or_empty(line))
			continue;
		added = has_nul(line) || !split_dep_line(line, &path, &deps) ? 0 : add_module(db, path);
		if (added < 0)
			return added;
		if (added == 0) {
			note_bad_line(bad_line, sc->line_no);
			continue;
		}
		grown = reserve_one_more(*pending, *npending, sizeof(**pending));
		if (!grown)
			return -ENOMEM;
		*pending = grown;
		grown[(*npending)++] = (struct pending_deps){ db->nmodules - 1, deps, sc->line_no };
	}
	return 0;
}

int moddb_parse_dep(struct moddb *db, const char *text, size_t len, size_t *bad_line)
{
	struct scanner sc = { text, len, 0, 0 };
	struct pending_deps *pending = NULL;
	size_t npending = 0;
	int err;

	if (bad_line)
		*bad_line = 0;
	if (!db || (!text && len))
		return -EINVAL;
	err = read_dep_lines(db, &sc, &pending, &npending, bad_line);
	if (err == 0)
		err = resolve_all_deps(db, pending, npending, bad_line);
	free(pending);
	return err;
}

/* ---------- modules.alias ---------- */

/* "alias PATTERN MODULE": 1 when added, 0 when skipped (unknown module), -EINVAL
 * when malformed, -ENOMEM. */
static int add_alias_line(struct moddb *db, const struct name_index *ix, struct span line)
{
	struct span keyword, pattern, name, extra;
	struct moddb_alias *grown;
	char name_buf[MODDB_NAME_MAX];
	long module;

	if (has_nul(line) || !next_token(&line, &keyword) || !span_is(keyword, "alias") ||
	    !next_token(&line, &pattern) || !next_token(&line, &name) ||
	    next_token(&line, &extra) || pattern.len > MODDB_TOKEN_MAX ||
	    !normalise_checked(name, name_buf))
		return -EINVAL;
	module = name_index_find(ix, name);
	if (module < 0)
		return 0;
	grown = reserve_one_more(db->aliases, db->naliases, sizeof(*db->aliases));
	if (!grown)
		return -ENOMEM;
	db->aliases = grown;
	grown[db->naliases].pattern = span_dup(pattern);
	if (!grown[db->naliases].pattern)
		return -ENOMEM;
	grown[db->naliases++].module = (size_t)module;
	return 1;
}

int moddb_parse_alias(struct moddb *db, const char *text, size_t len, size_t *bad_line)
{
	struct scanner sc = { text, len, 0, 0 };
	struct name_index ix;
	struct span line;
	int err;

	if (bad_line)
		*bad_line = 0;
	if (!db || (!text && len))
		return -EINVAL;
	err = name_index_build(&ix, db);
	while (err == 0 && next_line(&sc, &line)) {
		if (is_comment_or_empty(line))
			continue;
		err = add_alias_line(db, &ix, line);
		if (err == -EINVAL)
			note_bad_line(bad_line, sc.line_no);
		if (err != -ENOMEM)
			err = 0;
	}
	free(ix.by_name);
	return err;
}

/* ---------- modules.softdep ---------- */

enum softdep_mode { SOFTDEP_NONE, SOFTDEP_PRE, SOFTDEP_POST };

/* Adds the entries after the module name; tokens before "pre:"/"post:" are
 * ignored, as kmod does. Returns 0, -EINVAL (an entry too long), -ENOMEM. */
static int add_softdep_entries(struct moddb_module *m, struct span rest)
{
	enum softdep_mode mode = SOFTDEP_NONE;
	struct span token;
	int result = 0;

	while (next_token(&rest, &token)) {
		int err = 0;

		if (span_is(token, "pre:"))
			mode = SOFTDEP_PRE;
		else if (span_is(token, "post:"))
			mode = SOFTDEP_POST;
		else if (token.len > MODDB_TOKEN_MAX)
			result = -EINVAL;
		else if (mode == SOFTDEP_PRE)
			err = append_string(&m->softdep_pre, &m->nsoftdep_pre, token);
		else if (mode == SOFTDEP_POST)
			err = append_string(&m->softdep_post, &m->nsoftdep_post, token);
		if (err)
			return err;
	}
	return result;
}

/* "softdep MODULE pre: A B post: C": 0 (also when the module is unknown),
 * -EINVAL when malformed, -ENOMEM. */
static int add_softdep_line(struct moddb *db, const struct name_index *ix, struct span line)
{
	struct span keyword, name;
	char name_buf[MODDB_NAME_MAX];
	long module;

	if (has_nul(line) || !next_token(&line, &keyword) || !span_is(keyword, "softdep") ||
	    !next_token(&line, &name) || !normalise_checked(name, name_buf))
		return -EINVAL;
	module = name_index_find(ix, name);
	if (module < 0)
		return 0;
	return add_softdep_entries(&db->modules[module], line);
}

int moddb_parse_softdep(struct moddb *db, const char *text, size_t len, size_t *bad_line)
{
	struct scanner sc = { text, len, 0, 0 };
	struct name_index ix;
	struct span line;
	int err;

	if (bad_line)
		*bad_line = 0;
	if (!db || (!text && len))
		return -EINVAL;
	err = name_index_build(&ix, db);
	while (err == 0 && next_line(&sc, &line)) {
		if (is_comment_or_empty(line))
			continue;
		err = add_softdep_line(db, &ix, line);
		if (err == -EINVAL) {
			note_bad_line(bad_line, sc.line_no);
			err = 0;
		}
	}
	free(ix.by_name);
	return err;
}

/* ---------- freeing ---------- */

static void free_strings(char **strings, size_t count)
{
	for (size_t i = 0; i < count; i++)
		free(strings[i]);
	free(strings);
}

void moddb_free(struct moddb *db)
{
	if (!db)
		return;
	for (size_t i = 0; i < db->nmodules; i++) {
		struct moddb_module *m = &db->modules[i];

		free(m->path);
		free(m->deps);
		free_strings(m->softdep_pre, m->nsoftdep_pre);
		free_strings(m->softdep_post, m->nsoftdep_post);
	}
	for (size_t i = 0; i < db->naliases; i++)
		free(db->aliases[i].pattern);
	free(db->modules);
	free(db->aliases);
	memset(db, 0, sizeof(*db));
}

/* ---------- matching ---------- */

/* The module a plain name (no directory, so no modalias with a '/') stands for, or -1. */
static long find_plain_name(const struct moddb *db, const char *name)
{
	return strchr(name, '/') ? -1 : moddb_find(db, name);
}

/* Whether module was already counted before alias number upto: as the name
 * itself, or through an earlier matching alias. */
static bool counted_before(const struct moddb *db, const char *alias, long self,
			   size_t module, size_t upto)
{
	if (self >= 0 && (size_t)self == module)
		return true;
	for (size_t i = 0; i < upto; i++)
		if (db->aliases[i].module == module &&
		    glob_match(db->aliases[i].pattern, alias))
			return true;
	return false;
}

static bool listed(const size_t *out, size_t n, size_t module)
{
	for (size_t i = 0; i < n; i++)
		if (out[i] == module)
			return true;
	return false;
}

/* Whether the part of pattern before its first ':' (head, head_len bytes)
 * matches bus as a glob: "acpi*" matches the bus "acpi", not "serio". */
static bool head_matches_bus(const char *head, size_t head_len, const char *bus, size_t bus_len)
{
	char copy[64];

	if (!memchr(head, '*', head_len) && !memchr(head, '?', head_len) && !memchr(head, '[', head_len))
		return head_len == bus_len && memcmp(head, bus, bus_len) == 0;
	if (head_len >= sizeof(copy))
		return true; /* cannot tell: read the bus */
	memcpy(copy, head, head_len);
	copy[head_len] = '\0';
	return glob_match(copy, bus);
}

bool moddb_bus_has_aliases(const struct moddb *db, const char *bus)
{
	size_t bus_len = bus ? strlen(bus) : 0;

	if (!db || bus_len == 0)
		return false;
	for (size_t i = 0; i < db->naliases; i++) {
		const char *pattern = db->aliases[i].pattern;
		const char *colon = strchr(pattern, ':');

		if (colon && head_matches_bus(pattern, (size_t)(colon - pattern), bus, bus_len))
			return true;
	}
	return false;
}

/* The buses whose devices announce the firmware's id ("acpi:HID:CID:") as
 * their modalias when the firmware describes them (the kernel's
 * acpi_device_uevent_modalias callers); on the "acpi" bus itself every
 * device does. */
static const char *const acpi_id_buses[] = { "platform", "i2c", "spi", "serial", "i3c" };

unsigned moddb_firmware_ids(const struct moddb *db)
{
	return (moddb_bus_has_aliases(db, "acpi") ? MODDB_FW_ACPI : 0) |
	       (moddb_bus_has_aliases(db, "of") ? MODDB_FW_OF : 0);
}

bool moddb_coldplug_bus(const struct moddb *db, unsigned firmware_ids, const char *bus)
{
	if (!bus || !*bus)
		return false;
	if (moddb_bus_has_aliases(db, bus) || (firmware_ids & MODDB_FW_OF))
		return true; /* device tree ids: on more buses than the list below */
	if (!(firmware_ids & MODDB_FW_ACPI))
		return false;
	for (size_t i = 0; i < sizeof(acpi_id_buses) / sizeof(acpi_id_buses[0]); i++)
		if (strcmp(bus, acpi_id_buses[i]) == 0)
			return true;
	return false;
}

size_t moddb_match(const struct moddb *db, const char *alias, size_t *out, size_t max)
{
	long self;
	size_t count = 0;

	if (!db || !alias)
		return 0;
	if (!out)
		max = 0;
	self = find_plain_name(db, alias);
	if (self >= 0) {
		if (max > 0)
			out[0] = (size_t)self;
		count = 1;
	}
	for (size_t i = 0; i < db->naliases; i++) {
		size_t module = db->aliases[i].module;

		if (!glob_match(db->aliases[i].pattern, alias))
			continue;
		/* While everything counted fits in out, out is the record of it. */
		if (count <= max ? listed(out, count, module)
				 : counted_before(db, alias, self, module, i))
			continue;
		if (count < max)
			out[count] = module;
		count++;
	}
	return count;
}

/* ---------- load order ---------- */

enum { MARK_NONE = 0, MARK_ADDED = 1, MARK_VISITING = 2 };

struct walk {
	const struct moddb *db;
	unsigned char *seen;
	size_t *order;
	size_t count;
	size_t max;
	bool too_big;
};

static void visit(struct walk *w, size_t module);

/* A soft dependency: the module of that name and every module an alias matches. */
static void visit_named(struct walk *w, const char *name)
{
	long self = find_plain_name(w->db, name);

	if (self >= 0)
		visit(w, (size_t)self);
	for (size_t i = 0; i < w->db->naliases && !w->too_big; i++)
		if (glob_match(w->db->aliases[i].pattern, name))
			visit(w, w->db->aliases[i].module);
}

static void append_to_order(struct walk *w, size_t module)
{
	if (w->too_big)
		return;
	if (w->count >= w->max) {
		w->too_big = true;
		return;
	}
	w->order[w->count++] = module;
}

/* Depth first: hard deps, soft pre deps, the module, soft post deps. A module
 * met again while it is being visited (a cycle) is skipped. */
static void visit(struct walk *w, size_t module)
{
	const struct moddb_module *m;

	if (w->too_big || module >= w->db->nmodules || w->seen[module] != MARK_NONE)
		return;
	m = &w->db->modules[module];
	w->seen[module] = MARK_VISITING;
	for (size_t i = 0; i < m->ndeps; i++)
		visit(w, m->deps[i]);
	for (size_t i = 0; i < m->nsoftdep_pre; i++)
		visit_named(w, m->softdep_pre[i]);
	append_to_order(w, module);
	w->seen[module] = w->too_big ? MARK_NONE : MARK_ADDED;
	for (size_t i = 0; i < m->nsoftdep_post; i++)
		visit_named(w, m->softdep_post[i]);
}

long moddb_load_order(const struct moddb *db, size_t module, unsigned char *seen,
		      size_t *order, size_t count, size_t max)
{
	struct walk w = { db, seen, order, count, max, false };

	if (!db || !seen || (!order && max) || module >= db->nmodules || count > max)
		return -EINVAL;
	visit(&w, module);
	if (w.too_big) {
		/* Leave seen[] as it was: nothing of this call was returned. */
		for (size_t i = count; i < w.count; i++)
			seen[order[i]] = MARK_NONE;
		return -E2BIG;
	}
	return (long)w.count;
}
