/* mkinitramfs/bindeps.c: a program's interpreter and libraries (see bindeps.h). */
#include "bindeps.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fileio.h"
#include "pathname.h"

#define EM_X86_64 62
#define EM_AARCH64 183

static const char read_action[] = "cannot read";
static const char parse_action[] = "cannot parse the ELF headers of";

static void set_problem(struct bindeps_problem *p, const char *action, const char *path)
{
	p->action = action;
	(void)snprintf(p->path, sizeof(p->path), "%s", path);
}

/* Reads and parses one file; *action tells which of the two failed. */
static int read_elf(const char *host, struct elf_info *elf, const char **action)
{
	char *data = NULL;
	size_t len = 0;
	int err = read_whole_file(host, BINDEPS_MAX_FILE, &data, &len);

	*action = read_action;
	if (err)
		return err;
	*action = parse_action;
	err = elf_parse(data, len, elf);
	free(data);
	return err;
}

/* Appends an object, taking elf over (it is freed on failure). */
static int append_object(struct bindeps *d, const char *host, const char *image, const char *name,
			 size_t loader, struct elf_info *elf)
{
	struct bindeps_object *o;

	if (d->count == BINDEPS_MAX_OBJECTS || d->count == d->capacity) {
		size_t capacity = d->capacity ? d->capacity * 2 : 16;
		struct bindeps_object *grown = d->count == BINDEPS_MAX_OBJECTS ? NULL
					     : realloc(d->objects, capacity * sizeof(*grown));

		if (!grown) {
			elf_info_free(elf);
			return d->count == BINDEPS_MAX_OBJECTS ? -E2BIG : -ENOMEM;
		}
		d->objects = grown;
		d->capacity = capacity;
	}
	o = &d->objects[d->count++]; /* counted at once: bindeps_free frees what is there */
	memset(o, 0, sizeof(*o));
	o->loader = loader;
	o->elf = *elf;
	memset(elf, 0, sizeof(*elf));
	o->host = strdup(host);
	o->image = strdup(image);
	o->name = name ? strdup(name) : NULL;
	return o->host && o->image && (!name || o->name) ? 0 : -ENOMEM;
}

static bool is_loaded(const struct bindeps *d, const char *name)
{
	for (size_t i = 1; i < d->count; i++) {
		const struct bindeps_object *o = &d->objects[i];

		if ((o->name && strcmp(o->name, name) == 0) ||
		    (o->elf.soname && strcmp(o->elf.soname, name) == 0))
			return true;
	}
	return false;
}

static bool image_taken(const struct bindeps *d, const char *image)
{
	for (size_t i = 0; i < d->count; i++)
		if (strcmp(d->objects[i].image, image) == 0)
			return true;
	return false;
}

/* The multiarch triplet: the real directory of the interpreter, or the machine's. */
static void find_triplet(struct bindeps *d)
{
	const char *interp = d->has_interp ? d->objects[1].host : NULL;
	char *real = interp ? realpath(interp, NULL) : NULL;
	char *slash = real ? strrchr(real, '/') : NULL;
	uint16_t machine = d->objects[0].elf.machine;

	d->triplet[0] = '\0';
	if (slash && slash != real) {
		const char *base;

		*slash = '\0';
		base = strrchr(real, '/') + 1;
		if (strstr(base, "-linux-") && strlen(base) < sizeof(d->triplet))
			strcpy(d->triplet, base);
	}
	free(real);
	if (!d->triplet[0] && machine == EM_X86_64)
		strcpy(d->triplet, "x86_64-linux-gnu");
	else if (!d->triplet[0] && machine == EM_AARCH64)
		strcpy(d->triplet, "aarch64-linux-gnu");
}

/* ---------- looking for one name ---------- */

struct search {
	struct bindeps *d;
	size_t needer;    /* the object whose DT_NEEDED it is */
	const char *name;
	struct bindeps_problem *problem;
	bool found;
};

/* Whether an error reading a candidate only means the library is not there. */
static bool not_here(int err, const char *action)
{
	if (action == parse_action)
		return err == -ENOEXEC;
	return err == -ENOENT || err == -ENOTDIR || err == -EISDIR || err == -EACCES ||
	       err == -EINVAL;
}

static int try_file(struct search *s, const char *host, const char *image)
{
	struct elf_info elf;
	const char *action;
	int err = read_elf(host, &elf, &action);

	if (err && not_here(err, action))
		return 0;
	if (err) {
		set_problem(s->problem, action, host);
		return err;
	}
	if (elf.machine != s->d->objects[0].elf.machine) { /* another machine's */
		elf_info_free(&elf);
		return 0;
	}
	s->found = true;
	if (image_taken(s->d, image)) { /* the same file, through another name */
		elf_info_free(&elf);
		return 0;
	}
	return append_object(s->d, host, image, s->name, s->needer, &elf);
}

static void note_searched(struct bindeps_problem *p, const char *dir)
{
	size_t len = strlen(p->searched);

	if (len + 1 + strlen(dir) < sizeof(p->searched))
		(void)snprintf(p->searched + len, sizeof(p->searched) - len, "%s%s", len ? " " : "",
			       dir);
}

static int try_dir(struct search *s, const char *host_dir, const char *image_dir)
{
	char host[PATH_MAX], image[PATH_MAX];

	note_searched(s->problem, host_dir);
	if (snprintf(host, sizeof(host), "%s/%s", host_dir, s->name) >= (int)sizeof(host) ||
	    pathname_resolve(image_dir, s->name, image, sizeof(image)) != 0)
		return 0; /* no such path: not there */
	return try_file(s, host, image);
}

/* One element of a DT_RPATH or DT_RUNPATH of object o as a directory on the
 * host and in the image; -EINVAL for one the loader in the image would not
 * find the same way (relative, a $ token other than a leading $ORIGIN). */
static int expand_dir(const struct bindeps_object *o, const char *elem, char *host_dir,
		      char *image_dir)
{
	const char *rest = NULL;
	char dir[PATH_MAX];
	int err;

	if (strncmp(elem, "$ORIGIN", 7) == 0)
		rest = elem + 7;
	else if (strncmp(elem, "${ORIGIN}", 9) == 0)
		rest = elem + 9;
	if (strchr(rest ? rest : elem, '$') || (rest && *rest && *rest != '/') ||
	    (!rest && elem[0] != '/'))
		return -EINVAL;
	if (!rest) {
		(void)snprintf(host_dir, PATH_MAX, "%s", elem);
		return pathname_resolve("/", elem, image_dir, PATH_MAX);
	}
	err = pathname_dirname(o->host, dir, sizeof(dir));
	if (!err && snprintf(host_dir, PATH_MAX, "%s%s", dir, rest) >= PATH_MAX)
		err = -ENAMETOOLONG;
	if (!err)
		err = pathname_dirname(o->image, dir, sizeof(dir));
	return err ? err : pathname_resolve(dir, *rest ? rest + 1 : ".", image_dir, PATH_MAX);
}

/* Tries each directory of a ':'-separated list, of object index owner. */
static int try_path_list(struct search *s, const char *list, size_t owner)
{
	char elem[PATH_MAX], host_dir[PATH_MAX], image_dir[PATH_MAX];

	for (const char *p = list; *p && !s->found; p += *p == ':') {
		size_t len = strcspn(p, ":");
		int err;

		if (len == 0 || len >= sizeof(elem)) {
			p += len;
			continue;
		}
		memcpy(elem, p, len);
		elem[len] = '\0';
		p += len;
		if (expand_dir(&s->d->objects[owner], elem, host_dir, image_dir) != 0)
			continue;
		err = try_dir(s, host_dir, image_dir);
		if (err)
			return err;
	}
	return 0;
}

/* Step 1: the DT_RPATHs of the needer and of the objects that loaded it. */
static int try_rpaths(struct search *s)
{
	size_t owner = s->needer;

	if (s->d->objects[owner].elf.runpath)
		return 0;
	for (;;) {
		const struct bindeps_object *o = &s->d->objects[owner];
		int err = o->elf.rpath && !o->elf.runpath ? try_path_list(s, o->elf.rpath, owner)
							  : 0;

		if (err || s->found || owner == 0)
			return err;
		owner = s->d->objects[owner].loader; /* always before owner: this ends */
	}
}

static int try_defaults(struct search *s)
{
	static const char *const dirs[] = { "/lib/%s", "/usr/lib/%s", "/lib64", "/lib", "/usr/lib" };
	char dir[PATH_MAX];

	for (size_t i = 0; i < sizeof(dirs) / sizeof(*dirs) && !s->found; i++) {
		int err;

		if (strstr(dirs[i], "%s") && !s->d->triplet[0])
			continue;
		(void)snprintf(dir, sizeof(dir), dirs[i], s->d->triplet);
		err = try_dir(s, dir, dir);
		if (err)
			return err;
	}
	return 0;
}

static int resolve_need(struct bindeps *d, size_t needer, const char *name,
			struct bindeps_problem *problem)
{
	struct search s = { .d = d, .needer = needer, .name = name, .problem = problem };
	char image[PATH_MAX];
	int err = 0;

	if (is_loaded(d, name))
		return 0;
	problem->searched[0] = '\0';
	if (strchr(name, '/')) {
		if (name[0] == '/' && pathname_resolve("/", name, image, sizeof(image)) == 0)
			err = try_file(&s, name, image);
	} else {
		err = try_rpaths(&s);
		if (!err && !s.found && d->objects[needer].elf.runpath)
			err = try_path_list(&s, d->objects[needer].elf.runpath, needer);
		if (!err && !s.found)
			err = try_defaults(&s);
	}
	if (err || s.found)
		return err;
	set_problem(problem, "cannot find", name);
	(void)snprintf(problem->needed_by, sizeof(problem->needed_by), "%s", d->objects[needer].host);
	return -ENOENT;
}

static int add_program(struct bindeps *d, const char *host, const char *image,
		       struct bindeps_problem *problem)
{
	char *real = realpath(host, NULL); /* $ORIGIN of a program is its real directory */
	struct elf_info elf;
	const char *action = read_action;
	int err = real ? read_elf(real, &elf, &action) : -errno;

	if (!err)
		err = append_object(d, real, image, NULL, 0, &elf);
	else
		set_problem(problem, action, host);
	free(real);
	return err;
}

static int add_interp(struct bindeps *d, struct bindeps_problem *problem)
{
	const char *interp = d->objects[0].elf.interp;
	char image[PATH_MAX];
	struct elf_info elf;
	const char *action = "cannot read the interpreter";
	int err = interp[0] == '/' ? pathname_resolve("/", interp, image, sizeof(image)) : -ENOENT;

	if (!err)
		err = read_elf(interp, &elf, &action);
	if (err) {
		set_problem(problem, action == read_action ? "cannot read the interpreter" : action,
			    interp);
		return err;
	}
	d->has_interp = true;
	return append_object(d, interp, image, strrchr(interp, '/') + 1, 0, &elf);
}

int bindeps_resolve(struct bindeps *d, const char *host, const char *image,
		    struct bindeps_problem *problem)
{
	int err = 0;

	memset(d, 0, sizeof(*d));
	problem->action = "cannot add";
	(void)snprintf(problem->path, sizeof(problem->path), "%s", host ? host : "");
	problem->needed_by[0] = problem->searched[0] = '\0';
	if (!host || !image || image[0] != '/')
		return -EINVAL;
	err = add_program(d, host, image, problem);
	if (!err && d->objects[0].elf.interp)
		err = add_interp(d, problem);
	if (!err)
		find_triplet(d);
	for (size_t i = 0; i < d->count && !err; i++)
		for (size_t k = 0; k < d->objects[i].elf.nneeded && !err; k++)
			err = resolve_need(d, i, d->objects[i].elf.needed[k], problem);
	return err;
}

void bindeps_describe(const struct bindeps_problem *p, int err, char *buf, size_t size)
{
	if (err == -ENOENT && p->needed_by[0])
		(void)snprintf(buf, size, "cannot find %s, needed by %s (looked in: %s)", p->path,
			       p->needed_by, p->searched[0] ? p->searched : "no directory");
	else
		(void)snprintf(buf, size, "%s %s: %s", p->action, p->path, strerror(-err));
}

void bindeps_free(struct bindeps *d)
{
	for (size_t i = 0; i < d->count; i++) {
		free(d->objects[i].host);
		free(d->objects[i].image);
		free(d->objects[i].name);
		elf_info_free(&d->objects[i].elf);
	}
	free(d->objects);
	memset(d, 0, sizeof(*d));
}
