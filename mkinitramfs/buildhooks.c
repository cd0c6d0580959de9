/* mkinitramfs/buildhooks.c: finding and running build hooks (see buildhooks.h). */
#include "buildhooks.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "runcmd.h"

static int fail(struct buildhooks_problem *p, int err, const char *where, const char *format, ...)
	__attribute__((format(printf, 4, 5)));

static int fail(struct buildhooks_problem *p, int err, const char *where, const char *format, ...)
{
	va_list args;

	(void)snprintf(p->where, sizeof(p->where), "%s", where);
	va_start(args, format);
	(void)vsnprintf(p->detail, sizeof(p->detail), format, args);
	va_end(args);
	return err;
}

/* ---------- finding ---------- */

static bool hook_name_ok(const char *name)
{
	return *name && strspn(name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
				     "0123456789_-") == strlen(name);
}

/* names[i] is the hook name of paths[i]; a later directory's path replaces. */
static int take_entry(struct strlist *names, struct strlist *paths, const char *dir,
		      const char *name)
{
	char *path = NULL;
	int err = 0;

	if (asprintf(&path, "%s/%s", dir, name) < 0)
		return -ENOMEM;
	for (size_t i = 0; i < names->count; i++)
		if (strcmp(names->items[i], name) == 0) {
			free(paths->items[i]);
			paths->items[i] = path;
			return 0;
		}
	err = strlist_add(names, name);
	if (!err)
		err = strlist_add(paths, path);
	free(path);
	return err;
}

static int read_dir(const char *dir, struct strlist *names, struct strlist *paths,
		    struct buildhooks_problem *p)
{
	char *real = realpath(dir, NULL);
	DIR *d = real ? opendir(real) : NULL;
	struct dirent *e;
	int err = 0;

	if (!d) {
		err = -errno;
		free(real);
		return fail(p, err, dir, "cannot read the hook directory: %s", strerror(-err));
	}
	while (!err && (e = readdir(d)) != NULL)
		if (hook_name_ok(e->d_name))
			err = take_entry(names, paths, real, e->d_name);
	closedir(d);
	free(real);
	return err;
}

static int compare_by_name(const void *a, const void *b)
{
	const char *pa = *(char *const *)a, *pb = *(char *const *)b;

	return strcmp(strrchr(pa, '/') + 1, strrchr(pb, '/') + 1);
}

static bool is_executable_file(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, X_OK) == 0;
}

int buildhooks_find(struct buildhooks *h, const struct strlist *dirs,
		    struct buildhooks_problem *problem)
{
	struct strlist names = { 0 }, paths = { 0 };
	int err = 0;

	for (size_t i = 0; i < dirs->count && !err; i++)
		err = read_dir(dirs->items[i], &names, &paths, problem);
	if (paths.count > 1)
		qsort(paths.items, paths.count, sizeof(*paths.items), compare_by_name);
	for (size_t i = 0; i < paths.count && !err; i++)
		if (is_executable_file(paths.items[i]))
			err = strlist_add(&h->paths, paths.items[i]);
	strlist_free(&names);
	strlist_free(&paths);
	return err;
}

/* ---------- running ---------- */

static int append_directive(struct buildhooks *h, struct directive *d, size_t hook, size_t line)
{
	if (h->count == h->capacity) {
		size_t capacity = h->capacity ? h->capacity * 2 : 64;
		struct hook_directive *grown = realloc(h->directives, capacity * sizeof(*grown));

		if (!grown)
			return -ENOMEM;
		h->directives = grown;
		h->capacity = capacity;
	}
	h->directives[h->count++] = (struct hook_directive){ *d, hook, line };
	memset(d, 0, sizeof(*d));
	return 0;
}

static int parse_output(struct buildhooks *h, size_t hook, const char *text, size_t len,
			struct buildhooks_problem *p)
{
	size_t pos = 0, line_no = 0;
	int err = 0;

	while (pos < len && !err) {
		const char *newline = memchr(text + pos, '\n', len - pos);
		size_t n = newline ? (size_t)(newline - text - pos) : len - pos;
		char *line = strndup(text + pos, n), where[4200], detail[1024];
		struct directive d = { .type = DIRECTIVE_NONE };

		pos += n + 1;
		line_no++;
		if (!line)
			return -ENOMEM;
		(void)snprintf(where, sizeof(where), "%s:%zu", h->paths.items[hook], line_no);
		if (strlen(line) != n)
			err = fail(p, -EINVAL, where, "a NUL byte in the line");
		else if ((err = directive_parse(line, &d, detail, sizeof(detail))) == -EINVAL)
			fail(p, err, where, "%s", detail);
		else if (!err && d.type != DIRECTIVE_NONE)
			err = append_directive(h, &d, hook, line_no);
		directive_free(&d);
		free(line);
	}
	return err;
}

static int run_one(struct buildhooks *h, size_t hook, const char *const *env,
		   struct buildhooks_problem *p)
{
	const char *path = h->paths.items[hook];
	char *argv[] = { (char *)path, NULL }, *out = NULL, how[128];
	struct runcmd cmd = { .argv = argv, .env = env, .max_output = BUILDHOOKS_MAX_OUTPUT };
	size_t len = 0;
	int status = 0, err = runcmd_run(&cmd, &out, &len, &status);

	if (err == -EFBIG)
		return fail(p, err, path, "printed more than %u bytes", BUILDHOOKS_MAX_OUTPUT);
	if (err)
		return fail(p, err, path, "cannot run it: %s", strerror(-err));
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		runcmd_describe_status(status, how, sizeof(how));
		free(out);
		return fail(p, -EIO, path, "%s", how);
	}
	err = parse_output(h, hook, out, len, p);
	free(out);
	return err;
}

int buildhooks_run(struct buildhooks *h, const struct buildhooks_env *env,
		   struct buildhooks_problem *problem)
{
	static char vars[5][PATH_MAX + 32];
	const char *const env_list[] = { vars[0], vars[1], vars[2], vars[3], vars[4], NULL };
	int err = 0;

	(void)snprintf(vars[0], sizeof(vars[0]), "KERNEL_VERSION=%s",
		       env->kernel_version ? env->kernel_version : "");
	(void)snprintf(vars[1], sizeof(vars[1]), "KERNEL_TREE=%s",
		       env->kernel_tree ? env->kernel_tree : "");
	(void)snprintf(vars[2], sizeof(vars[2]), "MODULES_DIR=%s",
		       env->modules_dir ? env->modules_dir : "");
	(void)snprintf(vars[3], sizeof(vars[3]), "BUSYBOX=%s", env->busybox ? env->busybox : "");
	(void)snprintf(vars[4], sizeof(vars[4]), "E2FSCK=%s", env->e2fsck ? env->e2fsck : "");
	for (size_t i = 0; i < h->paths.count && !err; i++)
		err = run_one(h, i, env_list, problem);
	return err;
}

void buildhooks_free(struct buildhooks *h)
{
	for (size_t i = 0; i < h->count; i++)
		directive_free(&h->directives[i].d);
	free(h->directives);
	strlist_free(&h->paths);
	memset(h, 0, sizeof(*h));
}
