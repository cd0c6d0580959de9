/* mkinitramfs/main.c: the command line of the initramfs generator. */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "bindeps.h"
#include "compress.h"
#include "cpio.h"
#include "fileio.h"
#include "image.h"
#include "manifest.h"
#include "modset.h"
#include "output.h"

#define PROGRAM "mkinitramfs"
#define MAX_LIST 64
#define CONFIG_MAX_BYTES (1u << 20)

static const char usage[] =
	"usage: " PROGRAM " -o OUT --kernel-tree DIR --kver VER --modules FILE.conf\n"
	"           [--modules FILE.conf]... --init PATH [--busybox PATH]\n"
	"           [--compress zstd|xz|gzip|lz4|none] [--version VERSION_ID]\n"
	"           [--add-binary PATH[:DEST]]... [--add-file SRC:DEST]... [--list] [--quiet]\n"
	"\n"
	"Builds the liveinit initramfs (a newc cpio archive) into OUT (through OUT.tmp).\n"
	"\n"
	"  -o, --output OUT       the image to write (not needed with --list)\n"
	"  --kernel-tree DIR      an unpacked kernel package: modules in DIR/lib/modules/VER,\n"
	"                         with the indexes depmod makes\n"
	"  --kver VER             the kernel release\n"
	"  --modules FILE.conf    lines 'NAME' or 'NAME boot' (a module or an alias; '#'\n"
	"                         comments); the modules go in with their dependencies\n"
	"  --init PATH            the binary to install as /init\n"
	"  --busybox PATH         a static busybox: /bin/busybox and its applet links\n"
	"  --compress METHOD      zstd (default: zstd -19), xz, gzip, lz4 or none\n"
	"  --version VERSION_ID   for /etc/initrd-release (default: git describe, lower-cased)\n"
	"  --add-binary PATH[:DEST]\n"
	"                         install the ELF program PATH as DEST (default: PATH), its\n"
	"                         interpreter at the path it names, and every shared library\n"
	"                         it needs, transitively (DT_NEEDED; DT_RPATH, DT_RUNPATH with\n"
	"                         $ORIGIN; /lib/TRIPLET /usr/lib/TRIPLET /lib64 /lib /usr/lib),\n"
	"                         with the symbolic links that name them\n"
	"  --add-file SRC:DEST    also install the host file SRC as DEST (absolute)\n"
	"  --list                 print the manifest (gen_init_cpio style) and write nothing\n"
	"  -q, --quiet            do not print notes (built-in modules skipped, ...)\n"
	"  -h, --help             this text\n"
	"\n"
	"Every mtime is $SOURCE_DATE_EPOCH (0 when unset), every owner root: the same\n"
	"inputs give the same bytes.\n";

struct options {
	const char *output, *kernel_tree, *kver, *init, *busybox, *version;
	const char *compress;
	const char *modules[MAX_LIST];
	size_t nmodules;
	struct image_extra binaries[MAX_LIST]; /* PATH as source, DEST */
	size_t nbinaries;
	struct image_extra extras[MAX_LIST];
	size_t nextras;
	int list, quiet;
};

enum {
	OPT_KERNEL_TREE = 256, OPT_KVER, OPT_MODULES, OPT_INIT, OPT_BUSYBOX, OPT_COMPRESS,
	OPT_VERSION, OPT_ADD_BINARY, OPT_ADD_FILE, OPT_LIST,
};

static const struct option long_options[] = {
	{ "output", required_argument, NULL, 'o' },
	{ "kernel-tree", required_argument, NULL, OPT_KERNEL_TREE },
	{ "kver", required_argument, NULL, OPT_KVER },
	{ "modules", required_argument, NULL, OPT_MODULES },
	{ "init", required_argument, NULL, OPT_INIT },
	{ "busybox", required_argument, NULL, OPT_BUSYBOX },
	{ "compress", required_argument, NULL, OPT_COMPRESS },
	{ "version", required_argument, NULL, OPT_VERSION },
	{ "add-binary", required_argument, NULL, OPT_ADD_BINARY },
	{ "add-file", required_argument, NULL, OPT_ADD_FILE },
	{ "list", no_argument, NULL, OPT_LIST },
	{ "quiet", no_argument, NULL, 'q' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

/* ---------- the command line ---------- */

static int usage_error(const char *format, const char *arg)
{
	fprintf(stderr, PROGRAM ": ");
	fprintf(stderr, format, arg);
	fprintf(stderr, "\n(see " PROGRAM " --help)\n");
	return 2;
}

/* "SRC:DEST", split at the last ':' (DEST is an image path and holds none). */
static int add_extra(struct options *o, char *arg)
{
	char *colon = strrchr(arg, ':');

	if (o->nextras == MAX_LIST)
		return usage_error("too many --add-file options (at most %s)", "64");
	if (!colon || colon == arg || !manifest_path_ok(colon + 1))
		return usage_error("--add-file %s: expected SRC:DEST, DEST absolute, no '..'", arg);
	*colon = '\0';
	o->extras[o->nextras++] = (struct image_extra){ arg, colon + 1 };
	return 0;
}

/* "PATH[:DEST]", split at the last ':'; without one, DEST is PATH. */
static int add_binary(struct options *o, char *arg)
{
	char *colon = strrchr(arg, ':');
	const char *dest = colon ? colon + 1 : arg;

	if (o->nbinaries == MAX_LIST)
		return usage_error("too many --add-binary options (at most %s)", "64");
	if (colon == arg || !manifest_path_ok(dest))
		return usage_error("--add-binary %s: expected PATH[:DEST], DEST (or else PATH) "
				   "absolute, no '..'", arg);
	if (colon)
		*colon = '\0';
	o->binaries[o->nbinaries++] = (struct image_extra){ arg, dest };
	return 0;
}

static int take_option(struct options *o, int opt, char *arg)
{
	switch (opt) {
	case 'o': o->output = arg; return 0;
	case OPT_KERNEL_TREE: o->kernel_tree = arg; return 0;
	case OPT_KVER: o->kver = arg; return 0;
	case OPT_INIT: o->init = arg; return 0;
	case OPT_BUSYBOX: o->busybox = arg; return 0;
	case OPT_COMPRESS: o->compress = arg; return 0;
	case OPT_VERSION: o->version = arg; return 0;
	case OPT_LIST: o->list = 1; return 0;
	case 'q': o->quiet = 1; return 0;
	case OPT_ADD_FILE: return add_extra(o, arg);
	case OPT_ADD_BINARY: return add_binary(o, arg);
	case OPT_MODULES:
		if (o->nmodules == MAX_LIST)
			return usage_error("too many --modules options (at most %s)", "64");
		o->modules[o->nmodules++] = arg;
		return 0;
	default: return 2;
	}
}

static int check_options(const struct options *o)
{
	if (!o->output && !o->list)
		return usage_error("%s", "-o OUT is required (or --list)");
	if (!o->kernel_tree || !o->kver || !o->init)
		return usage_error("%s", "--kernel-tree, --kver and --init are required");
	if (!image_kver_ok(o->kver))
		return usage_error("--kver %s: not a kernel release", o->kver);
	if (o->nmodules == 0)
		return usage_error("%s", "at least one --modules FILE.conf is required");
	if (!compress_method_known(o->compress))
		return usage_error("--compress %s: expected zstd, xz, gzip, lz4 or none", o->compress);
	if (o->version && !image_version_ok(o->version))
		return usage_error("--version %s: VERSION_ID allows only 0-9, a-z, '.', '_', '-'",
				   o->version);
	return 0;
}

/* 0 to go on, else the exit status (0 after --help, 2 on a usage error). */
static int parse_options(int argc, char **argv, struct options *o, int *done)
{
	int opt;

	memset(o, 0, sizeof(*o));
	o->compress = "zstd";
	*done = 0;
	while ((opt = getopt_long(argc, argv, "o:qh", long_options, NULL)) != -1) {
		int err;

		if (opt == 'h') {
			fputs(usage, stdout);
			*done = 1;
			return 0;
		}
		if (opt == '?') { /* getopt said what */
			fprintf(stderr, "(see " PROGRAM " --help)\n");
			return 2;
		}
		err = take_option(o, opt, optarg);
		if (err)
			return err;
	}
	if (optind < argc)
		return usage_error("unexpected argument: %s", argv[optind]);
	return check_options(o);
}

/* ---------- inputs ---------- */

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

static void print_notes(const struct modset *set)
{
	for (size_t i = 0; i < set->nnotes; i++)
		fprintf(stderr, PROGRAM ": note: %s\n", set->notes[i]);
}

static void print_problem(const char *action, const struct modset_problem *p, int err)
{
	if (p->line)
		fprintf(stderr, PROGRAM ": %s:%zu: %s\n", p->path, p->line, p->detail);
	else
		fprintf(stderr, PROGRAM ": %s %s: %s\n", action, p->path, strerror(-err));
}

static int read_config(struct modset *set, const char *path)
{
	struct modset_problem problem = { .line = 0 };
	char *text = NULL;
	size_t len = 0;
	int err = read_whole_file(path, CONFIG_MAX_BYTES, &text, &len);

	if (err) {
		fprintf(stderr, PROGRAM ": cannot read %s: %s\n", path, strerror(-err));
		return err;
	}
	err = modset_add_config(set, path, text, len, &problem);
	free(text);
	if (err == -ENOMEM || (err && !problem.line))
		fprintf(stderr, PROGRAM ": cannot resolve the modules of %s: %s\n", path,
			strerror(-err));
	else if (err)
		print_problem("", &problem, err);
	return err;
}

static int build_modset(const struct options *o, struct modset *set, char *dir, size_t size)
{
	struct modset_problem problem = { .line = 0 };
	int err;

	if (snprintf(dir, size, "%s/lib/modules/%s", o->kernel_tree, o->kver) >= (int)size) {
		fprintf(stderr, PROGRAM ": --kernel-tree %s: path too long\n", o->kernel_tree);
		return -ENAMETOOLONG;
	}
	err = modset_read_indexes(set, dir, &problem);
	if (err) {
		print_problem("cannot read the module index", &problem, err);
		return err;
	}
	for (size_t i = 0; i < o->nmodules && !err; i++)
		err = read_config(set, o->modules[i]);
	if (!err && (err = modset_note_unresolved_softdeps(set)) != 0)
		fprintf(stderr, PROGRAM ": cannot check soft dependencies: %s\n", strerror(-err));
	if (!o->quiet)
		print_notes(set);
	return err;
}

/* ---------- programs ---------- */

static void print_bindeps_problem(const char *program, const struct bindeps_problem *p, int err)
{
	if (err == -ENOENT && p->needed_by[0])
		fprintf(stderr, PROGRAM ": --add-binary %s: cannot find %s, needed by %s "
			"(looked in: %s)\n", program, p->path, p->needed_by,
			p->searched[0] ? p->searched : "no directory");
	else
		fprintf(stderr, PROGRAM ": --add-binary %s: %s %s: %s\n", program, p->action,
			p->path, strerror(-err));
}

/* Each --add-binary with its interpreter and libraries, into out (nbinaries). */
static int resolve_binaries(const struct options *o, struct bindeps *out)
{
	static struct bindeps_problem problem;

	for (size_t i = 0; i < o->nbinaries; i++) {
		int err = bindeps_resolve(&out[i], o->binaries[i].source, o->binaries[i].dest,
					  &problem);

		if (err) {
			print_bindeps_problem(o->binaries[i].source, &problem, err);
			return err;
		}
	}
	return 0;
}

/* ---------- the image ---------- */

static int make_manifest(const struct options *o, const struct modset *set, const char *dir,
			 const struct bindeps *binaries, struct manifest *m)
{
	char version[128];
	const char *failed = NULL;
	struct image_spec spec = {
		.kver = o->kver, .modules_dir = dir, .modules = set, .init = o->init,
		.busybox = o->busybox, .version = o->version, .binaries = binaries,
		.nbinaries = o->nbinaries, .extras = o->extras, .nextras = o->nextras,
	};
	int err;

	if (!o->version) {
		describe_version(version, sizeof(version));
		spec.version = version;
	}
	err = image_build(m, &spec, &failed);
	if (err)
		fprintf(stderr, PROGRAM ": cannot add %s to the image: %s\n",
			failed ? failed : "an entry", strerror(-err));
	return err;
}

static int write_output(const struct options *o, struct manifest *m)
{
	struct output_problem problem = { .action = "cannot write" };
	uint32_t mtime;
	int err = cpio_mtime_from_epoch(getenv("SOURCE_DATE_EPOCH"), &mtime);

	if (err) {
		fprintf(stderr, PROGRAM ": SOURCE_DATE_EPOCH=%s: %s\n", getenv("SOURCE_DATE_EPOCH"),
			strerror(-err));
		return err;
	}
	(void)snprintf(problem.path, sizeof(problem.path), "%s", o->output);
	err = output_load_sources(m, &problem);
	if (!err)
		err = output_write_image(o->output, m, mtime, o->compress, &problem);
	if (err)
		fprintf(stderr, PROGRAM ": %s %s: %s\n", problem.action, problem.path,
			strerror(-err));
	return err;
}

static int run(const struct options *o)
{
	static struct bindeps binaries[MAX_LIST];
	struct modset set = { 0 };
	struct manifest m = { 0 };
	char dir[4096];
	int err = build_modset(o, &set, dir, sizeof(dir));

	if (!err)
		err = resolve_binaries(o, binaries);
	if (!err)
		err = make_manifest(o, &set, dir, binaries, &m);
	if (!err && o->list) {
		err = manifest_print(&m, stdout);
		if (err)
			fprintf(stderr, PROGRAM ": cannot print the manifest: %s\n", strerror(-err));
	} else if (!err) {
		err = write_output(o, &m);
	}
	manifest_free(&m);
	for (size_t i = 0; i < o->nbinaries; i++)
		bindeps_free(&binaries[i]);
	modset_free(&set);
	return err;
}

int main(int argc, char **argv)
{
	struct options o;
	int done, status = parse_options(argc, argv, &o, &done);

	if (status || done)
		return status;
	if (signal(SIGPIPE, SIG_IGN) == SIG_ERR) {
		fprintf(stderr, PROGRAM ": cannot ignore SIGPIPE: %s\n", strerror(errno));
		return 1;
	}
	return run(&o) ? 1 : 0;
}
