/* mkinitramfs/main.c: the initramfs generator, step by step: the kernel's
 * modules, the module set, the build hooks, the manifest, the image. Each
 * step prints one message when it fails (see options.c for the command line). */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bindeps.h"
#include "buildhooks.h"
#include "cpio.h"
#include "firmware.h"
#include "fileio.h"
#include "hookapply.h"
#include "image.h"
#include "kerneltree.h"
#include "manifest.h"
#include "modset.h"
#include "options.h"
#include "output.h"
#include "segcache.h"

#define PROGRAM "mkinitramfs"
#define MODULE_SET_MAX_BYTES (1u << 20)

/* Everything one run holds, freed at the end. */
struct build {
	struct kerneltree tree;
	struct modset set;
	struct buildhooks hooks;
	struct bindeps *binaries;  /* one per options.binaries */
	struct image_extra *files; /* one per options.files, sources malloc'd */
	struct strlist given_paths; /* the image paths BINARIES and FILES give */
	struct strlist notes;
	struct manifest m;
};

static void print_notes(const struct options *o, struct strlist *notes)
{
	for (size_t i = 0; i < notes->count && !o->quiet; i++)
		fprintf(stderr, PROGRAM ": note: %s\n", notes->items[i]);
	strlist_free(notes);
}

/* ---------- the kernel ---------- */

static int locate_kernel(const struct options *o, struct build *b)
{
	struct kerneltree_problem problem = { .action = "" };
	int ran_depmod = 0;
	int err = kerneltree_locate(&b->tree, o->kernel_tree, o->modules_tree, o->kver, &problem);

	if (!err && !image_kver_ok(b->tree.kver)) {
		fprintf(stderr, PROGRAM ": %s: not a kernel release (name one with --kver)\n",
			b->tree.kver);
		return -EINVAL;
	}
	if (!err)
		err = kerneltree_index(&b->tree, &ran_depmod, &problem);
	if (err)
		fprintf(stderr, PROGRAM ": %s %s: %s\n", problem.action, problem.path,
			problem.detail[0] ? problem.detail : strerror(-err));
	else if (ran_depmod && !o->quiet)
		fprintf(stderr, PROGRAM ": note: %s has no modules.dep: indexed with depmod -b in %s\n",
			b->tree.modules_dir, b->tree.scratch);
	return err;
}

/* ---------- the module set ---------- */

static void print_modset_problem(const char *action, const struct modset_problem *p, int err)
{
	if (p->line)
		fprintf(stderr, PROGRAM ": %s:%zu: %s\n", p->path, p->line, p->detail);
	else
		fprintf(stderr, PROGRAM ": %s %s: %s\n", action, p->path, strerror(-err));
}

static int read_module_set(struct modset *set, const char *path)
{
	struct modset_problem problem = { .line = 0 };
	char *text = NULL;
	size_t len = 0;
	int err = read_whole_file(path, MODULE_SET_MAX_BYTES, &text, &len);

	if (err) {
		fprintf(stderr, PROGRAM ": cannot read the module set %s: %s\n", path, strerror(-err));
		return err;
	}
	err = modset_add_config(set, path, text, len, &problem);
	free(text);
	if (err == -ENOMEM || (err && !problem.line))
		fprintf(stderr, PROGRAM ": cannot resolve the modules of %s: %s\n", path,
			strerror(-err));
	else if (err)
		print_modset_problem("", &problem, err);
	return err;
}

static int build_modset(const struct options *o, struct build *b)
{
	struct modset_problem problem = { .line = 0 };
	int err = modset_read_indexes(&b->set, b->tree.index_dir, &problem);

	if (err) {
		print_modset_problem("cannot read the module index", &problem, err);
		return err;
	}
	b->set.host.sysfs = o->sysfs;
	b->set.host.proc = o->proc;
	for (size_t i = 0; i < o->modules.count && !err; i++)
		err = read_module_set(&b->set, o->modules.items[i]);
	return err;
}

/* ---------- build hooks ---------- */

static int run_hooks(const struct options *o, struct build *b)
{
	struct buildhooks_problem problem = { .where = "" };
	struct buildhooks_env env = {
		.kernel_version = b->tree.kver, .kernel_tree = b->tree.root,
		.modules_dir = b->tree.modules_dir, .busybox = o->busybox,
		.e2fsck = o->e2fsck,
	};
	int err = buildhooks_find(&b->hooks, &o->hooks_dirs, &problem);

	if (!err)
		err = buildhooks_run(&b->hooks, &env, &problem);
	if (!err)
		err = hookapply_modules(&b->hooks, &b->set, &problem);
	if (err == -ENOMEM && !problem.where[0])
		fprintf(stderr, PROGRAM ": cannot run the build hooks: %s\n", strerror(-err));
	else if (err)
		fprintf(stderr, PROGRAM ": hook %s: %s\n", problem.where, problem.detail);
	return err;
}

static int close_modset(const struct options *o, struct build *b)
{
	int err = modset_note_unresolved_softdeps(&b->set);

	if (err) {
		fprintf(stderr, PROGRAM ": cannot check soft dependencies: %s\n", strerror(-err));
		return err;
	}
	for (size_t i = 0; i < b->set.nnotes && !o->quiet; i++)
		fprintf(stderr, PROGRAM ": note: %s\n", b->set.notes[i]);
	return 0;
}

/* ---------- what the user gives: BINARIES and FILES ---------- */

static int resolve_binaries(const struct options *o, struct build *b)
{
	static struct bindeps_problem problem;
	char why[8192];
	int err = 0;

	b->binaries = calloc(o->binaries.count + 1, sizeof(*b->binaries));
	if (!b->binaries)
		return -ENOMEM;
	for (size_t i = 0; i < o->binaries.count && !err; i++) {
		char *source = NULL;
		const char *dest;

		err = options_split_pair(o->binaries.items[i], &source, &dest);
		if (!err)
			err = strlist_add(&b->given_paths, dest);
		if (!err && (err = bindeps_resolve(&b->binaries[i], source, dest, &problem)) != 0) {
			bindeps_describe(&problem, err, why, sizeof(why));
			fprintf(stderr, PROGRAM ": --add-binary %s: %s\n", source, why);
		}
		free(source);
	}
	return err;
}

static int split_files(const struct options *o, struct build *b)
{
	int err = 0;

	b->files = calloc(o->files.count + 1, sizeof(*b->files));
	if (!b->files)
		return -ENOMEM;
	for (size_t i = 0; i < o->files.count && !err; i++) {
		char *source = NULL;

		err = options_split_pair(o->files.items[i], &source, &b->files[i].dest);
		b->files[i].source = source;
		if (!err)
			err = strlist_add(&b->given_paths, b->files[i].dest);
	}
	if (err)
		fprintf(stderr, PROGRAM ": cannot take the files to add: %s\n", strerror(-err));
	return err;
}

/* ---------- the manifest ---------- */

/* VERSION_ID from `git describe`, made valid (lower case, others to '.'); "0" without git. */
static void describe_version(char *out, size_t size)
{
	FILE *git = popen("git describe --always --dirty 2>/dev/null", "r");
	int got = git && fgets(out, (int)size, git) != NULL;
	int status = git ? pclose(git) : -1;

	out[got ? strcspn(out, "\n") : 0] = '\0';
	if (!got || status != 0 || !*out)
		(void)snprintf(out, size, "0");
	for (char *p = out; *p; p++) {
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
		else if (!strchr("0123456789abcdefghijklmnopqrstuvwxyz._-", *p))
			*p = '.';
	}
}

static int make_manifest(const struct options *o, struct build *b)
{
	char version[128];
	const char *failed = NULL;
	struct image_spec spec = {
		.kver = b->tree.kver, .modules_dir = b->tree.modules_dir, .modules = &b->set,
		.init = o->init, .version = o->version, .binaries = b->binaries,
		.nbinaries = o->binaries.count, .extras = b->files, .nextras = o->files.count,
	};
	int err;

	if (!o->version) {
		describe_version(version, sizeof(version));
		spec.version = version;
	}
	err = image_build(&b->m, &spec, &failed);
	if (err)
		fprintf(stderr, PROGRAM ": cannot add %s to the image: %s\n",
			failed ? failed : "an entry", strerror(-err));
	return err;
}

/* --firmware-dir DIR..., each made absolute (hostfile_add wants it so). */
static int given_firmware_dirs(const struct options *o, struct strlist *dirs)
{
	int err = 0;

	for (size_t i = 0; i < o->firmware_dirs.count && !err; i++) {
		char *real = realpath(o->firmware_dirs.items[i], NULL);

		err = real ? strlist_add(dirs, real) : -errno;
		if (!real)
			fprintf(stderr, PROGRAM ": --firmware-dir %s: %s\n", o->firmware_dirs.items[i],
				strerror(errno));
		free(real);
	}
	return err;
}

static int add_firmware(const struct options *o, struct build *b)
{
	struct firmware_problem problem = { .action = "cannot add firmware" };
	struct strlist dirs = { 0 };
	int err = o->firmware_dirs.count ? given_firmware_dirs(o, &dirs)
					 : kerneltree_firmware_dirs(&b->tree, &dirs);

	if (err == -ENOMEM)
		fprintf(stderr, PROGRAM ": cannot list the firmware directories: %s\n", strerror(-err));
	if (!err && (err = firmware_add(&b->m, &b->set, b->tree.modules_dir, &dirs, &b->notes,
					&problem)) != 0)
		fprintf(stderr, PROGRAM ": %s %s: %s\n", problem.action, problem.path, strerror(-err));
	strlist_free(&dirs);
	print_notes(o, &b->notes);
	return err;
}

static int add_hook_entries(const struct options *o, struct build *b)
{
	struct buildhooks_problem problem = { .where = "" };
	int err = hookapply_entries(&b->hooks, &b->m, &b->given_paths, &b->notes, &problem);

	if (err)
		fprintf(stderr, PROGRAM ": hook %s: %s\n", problem.where, problem.detail);
	print_notes(o, &b->notes);
	return err;
}

/* BUSYBOX is the 10-busybox hook's to install: say so when no hook did. */
static int check_busybox(const struct options *o, const struct build *b)
{
	if (!o->busybox || manifest_find(&b->m, "/bin/busybox") >= 0)
		return 0;
	fprintf(stderr, PROGRAM ": BUSYBOX is %s, but no build hook installed /bin/busybox (the "
		"10-busybox hook does: is it in the hook directories?)\n", o->busybox);
	return -ENOENT;
}

/* ---------- the image ---------- */

/* --cache-dir, else the default one; NULL for --no-cache or no default. */
static char *cache_dir(const struct options *o)
{
	char *dir = NULL;
	int err;

	if (o->no_cache)
		return NULL;
	if (o->cache_dir)
		return strdup(o->cache_dir);
	err = segcache_default_dir(&dir);
	if (err && !o->quiet)
		fprintf(stderr, PROGRAM ": note: no cache of compressed segments (%s)\n",
			err == -ENOENT ? "neither XDG_CACHE_HOME nor HOME is set" : strerror(-err));
	return dir;
}

static void print_output_notes(const struct options *o, const char *dir,
			       const struct output_stats *st)
{
	if (o->quiet || strcmp(o->compress, "none") == 0)
		return;
	if (st->cache_err)
		fprintf(stderr, PROGRAM ": note: %s %s: %s\n", st->cache_action, dir,
			strerror(-st->cache_err));
	if (st->damaged)
		fprintf(stderr, PROGRAM ": note: %zu damaged entr%s in the cache %s: compressed "
			"again\n", st->damaged, st->damaged == 1 ? "y" : "ies", dir);
	fprintf(stderr, PROGRAM ": note: %zu segments (", st->segments);
	for (size_t s = 0; s < st->segments; s++)
		fprintf(stderr, "%s%zu", s ? " + " : "", st->bytes[s]);
	fprintf(stderr, " bytes): %zu from the cache%s%s, %zu compressed\n", st->from_cache,
		dir ? " " : "", dir ? dir : "", st->compressed);
}

static int write_output(const struct options *o, struct manifest *m)
{
	struct output_problem problem = { .action = "cannot write" };
	struct output_settings settings = { .method = o->compress };
	struct output_stats stats;
	char *dir = NULL;
	int err = cpio_mtime_from_epoch(getenv("SOURCE_DATE_EPOCH"), &settings.mtime);

	if (err) {
		fprintf(stderr, PROGRAM ": SOURCE_DATE_EPOCH=%s: %s\n", getenv("SOURCE_DATE_EPOCH"),
			strerror(-err));
		return err;
	}
	(void)snprintf(problem.path, sizeof(problem.path), "%s", o->output);
	err = output_load_sources(m, &problem);
	if (!err) {
		settings.cache_dir = dir = cache_dir(o);
		err = output_write_image(o->output, m, &settings, &stats, &problem);
	}
	if (err)
		fprintf(stderr, PROGRAM ": %s %s: %s\n", problem.action, problem.path,
			strerror(-err));
	else
		print_output_notes(o, dir, &stats);
	free(dir);
	return err;
}

static int finish(const struct options *o, struct build *b)
{
	int err;

	manifest_sort(&b->m);
	if (!o->list)
		return write_output(o, &b->m);
	err = manifest_print(&b->m, stdout);
	if (err)
		fprintf(stderr, PROGRAM ": cannot print the manifest: %s\n", strerror(-err));
	return err;
}

static void free_build(const struct options *o, struct build *b)
{
	manifest_free(&b->m);
	for (size_t i = 0; b->binaries && i < o->binaries.count; i++)
		bindeps_free(&b->binaries[i]);
	free(b->binaries);
	for (size_t i = 0; b->files && i < o->files.count; i++)
		free((char *)b->files[i].source);
	free(b->files);
	strlist_free(&b->given_paths);
	strlist_free(&b->notes);
	buildhooks_free(&b->hooks);
	modset_free(&b->set);
	kerneltree_cleanup(&b->tree);
}

static int run(const struct options *o)
{
	static struct build b;
	int err = locate_kernel(o, &b);

	if (!err)
		err = build_modset(o, &b);
	if (!err)
		err = run_hooks(o, &b);
	if (!err)
		err = close_modset(o, &b);
	if (!err)
		err = resolve_binaries(o, &b);
	if (!err)
		err = split_files(o, &b);
	if (!err)
		err = make_manifest(o, &b);
	if (!err)
		err = add_firmware(o, &b);
	if (!err)
		err = add_hook_entries(o, &b);
	if (!err)
		err = check_busybox(o, &b);
	if (!err)
		err = finish(o, &b);
	free_build(o, &b);
	return err;
}

int main(int argc, char **argv)
{
	struct options o;
	bool done;
	int status = options_parse(argc, argv, &o, &done);

	if (status || done) {
		options_free(&o);
		return status;
	}
	if (signal(SIGPIPE, SIG_IGN) == SIG_ERR) {
		fprintf(stderr, PROGRAM ": cannot ignore SIGPIPE: %s\n", strerror(errno));
		options_free(&o);
		return 1;
	}
	status = run(&o) ? 1 : 0;
	options_free(&o);
	return status;
}
