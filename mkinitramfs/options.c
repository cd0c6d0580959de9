/* mkinitramfs/options.c: command line and configuration file (see options.h). */
#include "options.h"

#include <errno.h>
#include <getopt.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "compress.h"
#include "conffile.h"
#include "fileio.h"
#include "image.h"
#include "manifest.h"
#include "pathname.h"

#define PROGRAM "mkinitramfs"

static const char usage[] =
	"usage: " PROGRAM " -o OUT --init PATH [OPTION]...\n"
	"       " PROGRAM " --list --init PATH [OPTION]...\n"
	"\n"
	"Builds the liveinit initramfs into OUT, through OUT.tmp renamed when complete:\n"
	"two newc cpio archives, each compressed on its own, one after the other (the\n"
	"first holds the directories, /init and the small files; the second the modules,\n"
	"firmware and programs). A compressed archive is kept in a cache by the SHA-256\n"
	"of its bytes and the compressor's command and version, and taken from there\n"
	"when the same archive is made again (the image's bytes are the same).\n"
	"\n"
	"Output:\n"
	"  -o, --output OUT       the image to write\n"
	"  --list                 print the manifest (gen_init_cpio style, sorted) and write nothing\n"
	"  --init PATH            the program to install as /init\n"
	"  --version VERSION_ID   for /etc/initrd-release (default: git describe, lower-cased)\n"
	"  -q, --quiet            do not print notes (built-in modules, missing firmware, ...)\n"
	"  --cache-dir DIR        keep compressed segments in DIR (default:\n"
	"                         $XDG_CACHE_HOME/liveinit/initramfs, ~/.cache/liveinit/initramfs)\n"
	"  --no-cache             compress every segment, read and store nothing\n"
	"  -h, --help             this text\n"
	"\n"
	"Configuration: KEY=VALUE lines, keys MODULES COMPRESS BUSYBOX E2FSCK BINARIES\n"
	"FILES HOOKS_DIRS, '#' comments; relative paths from the file's directory. The\n"
	"options below override it.\n"
	"  -c, --config FILE      read FILE (default: " MKINITRAMFS_CONFIG ")\n"
	"  --no-config            read no configuration file: built-in defaults\n"
	"\n"
	"Kernel:\n"
	"  --kernel-tree ROOT     an unpacked kernel package or root file system: modules in\n"
	"                         ROOT/lib/modules/VER or ROOT/usr/lib/modules/VER (default: /)\n"
	"  --modules-tree DIR     the modules directory itself (VER: its name by default)\n"
	"  --kver VER             the kernel release (default: the only one in ROOT; on /, the\n"
	"                         running one). Without modules.dep, depmod -b indexes a scratch copy\n"
	"\n"
	"What goes in (each replaces or extends the configuration's key):\n"
	"  --modules SET          MODULES: a set name (live, most, dep: NAME.conf in\n"
	"                         " MKINITRAMFS_MODULES_DIR ") or a file (a path, or *.conf);\n"
	"                         repeatable; replaces MODULES. A set file has lines 'NAME [boot]':\n"
	"                         a module, an alias, dir:PATH (every module below PATH of the\n"
	"                         module tree), host:devices, host:filesystems, host:loaded\n"
	"  --busybox PATH         BUSYBOX: the busybox the 10-busybox hook installs ('': none)\n"
	"  --e2fsck PATH          E2FSCK: the e2fsck the 20-e2fsck hook installs ('': the\n"
	"                         host's e2fsck.static, else its e2fsck)\n"
	"  --compress METHOD      COMPRESS: zstd (default: zstd -9 --long=24 -T0 -B24M), xz,\n"
	"                         gzip, lz4 or none\n"
	"  --add-binary PATH[:DEST]\n"
	"                         adds to BINARIES: the ELF program PATH as DEST (default: PATH),\n"
	"                         its interpreter and every shared library it needs, transitively\n"
	"                         (DT_NEEDED; DT_RPATH, DT_RUNPATH with $ORIGIN; /lib/TRIPLET\n"
	"                         /usr/lib/TRIPLET /lib64 /lib /usr/lib), with their links\n"
	"  --add-file SRC:DEST    adds to FILES: the host file SRC as DEST (absolute)\n"
	"  --hooks-dir DIR        a build hook directory after HOOKS_DIRS (default HOOKS_DIRS:\n"
	"                         " MKINITRAMFS_HOOKS_DIR ")\n"
	"  --no-hooks             no HOOKS_DIRS: only the --hooks-dir directories' hooks run\n"
	"  --firmware-dir DIR     look for firmware in DIR (repeatable) instead of ROOT/lib/firmware,\n"
	"                         ROOT/usr/lib/firmware and /lib/firmware\n"
	"  --sysfs DIR            where host:devices looks for devices (default: /sys)\n"
	"  --proc DIR             where host:filesystems and host:loaded look (default: /proc)\n"
	"\n"
	"Build hooks: the executables of the hook directories, in name order, run with\n"
	"KERNEL_VERSION, KERNEL_TREE, MODULES_DIR and BUSYBOX set, print lines that add\n"
	"to the image: 'file SRC [DEST] [MODE]', 'dir PATH [MODE]', 'slink PATH TARGET',\n"
	"'module NAME', 'binary PATH [DEST]', '# comment'. Runtime hooks are files they\n"
	"add under /lib/liveinit/hooks/{top,premount,bottom}/.\n"
	"\n"
	"Firmware named by the modules (modinfo firmware=) goes in from ROOT/lib/firmware,\n"
	"ROOT/usr/lib/firmware or /lib/firmware when there; when absent, a note says so.\n"
	"Every mtime is $SOURCE_DATE_EPOCH (0 when unset), every owner root: the same\n"
	"inputs give the same bytes.\n";

struct command_line {
	const char *config;
	bool no_config, no_hooks;
	const char *compress, *busybox, *e2fsck;
	struct strlist modules, binaries, files, hooks_dirs;
};

enum {
	OPT_KERNEL_TREE = 256, OPT_MODULES_TREE, OPT_KVER, OPT_MODULES, OPT_INIT, OPT_BUSYBOX,
	OPT_COMPRESS, OPT_VERSION, OPT_ADD_BINARY, OPT_ADD_FILE, OPT_LIST, OPT_NO_CONFIG,
	OPT_HOOKS_DIR, OPT_NO_HOOKS, OPT_SYSFS, OPT_PROC, OPT_FIRMWARE_DIR, OPT_CACHE_DIR,
	OPT_NO_CACHE, OPT_E2FSCK,
};

static const struct option long_options[] = {
	{ "output", required_argument, NULL, 'o' },
	{ "config", required_argument, NULL, 'c' },
	{ "no-config", no_argument, NULL, OPT_NO_CONFIG },
	{ "kernel-tree", required_argument, NULL, OPT_KERNEL_TREE },
	{ "modules-tree", required_argument, NULL, OPT_MODULES_TREE },
	{ "kver", required_argument, NULL, OPT_KVER },
	{ "modules", required_argument, NULL, OPT_MODULES },
	{ "init", required_argument, NULL, OPT_INIT },
	{ "busybox", required_argument, NULL, OPT_BUSYBOX },
	{ "e2fsck", required_argument, NULL, OPT_E2FSCK },
	{ "compress", required_argument, NULL, OPT_COMPRESS },
	{ "version", required_argument, NULL, OPT_VERSION },
	{ "add-binary", required_argument, NULL, OPT_ADD_BINARY },
	{ "add-file", required_argument, NULL, OPT_ADD_FILE },
	{ "hooks-dir", required_argument, NULL, OPT_HOOKS_DIR },
	{ "no-hooks", no_argument, NULL, OPT_NO_HOOKS },
	{ "firmware-dir", required_argument, NULL, OPT_FIRMWARE_DIR },
	{ "sysfs", required_argument, NULL, OPT_SYSFS },
	{ "proc", required_argument, NULL, OPT_PROC },
	{ "list", no_argument, NULL, OPT_LIST },
	{ "cache-dir", required_argument, NULL, OPT_CACHE_DIR },
	{ "no-cache", no_argument, NULL, OPT_NO_CACHE },
	{ "quiet", no_argument, NULL, 'q' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

static int usage_error(const char *format, const char *arg)
{
	fprintf(stderr, PROGRAM ": ");
	fprintf(stderr, format, arg);
	fprintf(stderr, "\n(see " PROGRAM " --help)\n");
	return 2;
}

int options_split_pair(const char *word, char **source, const char **dest)
{
	const char *colon = strrchr(word, ':');

	*source = colon ? strndup(word, (size_t)(colon - word)) : strdup(word);
	*dest = colon ? colon + 1 : word;
	return *source ? 0 : -ENOMEM;
}

/* "PATH[:DEST]" (dest_required: "SRC:DEST"), DEST a valid image path. */
static bool pair_ok(const char *word, bool dest_required)
{
	const char *colon = strrchr(word, ':');

	if (colon == word || (!colon && dest_required))
		return false;
	return manifest_path_ok(colon ? colon + 1 : word);
}

static int add_arg(struct strlist *l, const char *arg)
{
	return strlist_add(l, arg) ? usage_error("%s", "out of memory") : 0;
}

static int take_list_option(struct options *o, struct command_line *c, int opt, const char *arg)
{
	switch (opt) {
	case OPT_FIRMWARE_DIR:
		return add_arg(&o->firmware_dirs, arg);
	case OPT_MODULES:
		return add_arg(&c->modules, arg);
	case OPT_ADD_BINARY:
		if (!pair_ok(arg, false))
			return usage_error("--add-binary %s: expected PATH[:DEST], DEST (or else PATH) "
					   "absolute, no '..'", arg);
		return add_arg(&c->binaries, arg);
	case OPT_ADD_FILE:
		if (!pair_ok(arg, true))
			return usage_error("--add-file %s: expected SRC:DEST, DEST absolute, no '..'", arg);
		return add_arg(&c->files, arg);
	case OPT_HOOKS_DIR:
		return add_arg(&c->hooks_dirs, arg);
	default:
		return usage_error("%s", "unexpected option");
	}
}

static int take_option(struct options *o, struct command_line *c, int opt, const char *arg)
{
	switch (opt) {
	case 'o': o->output = arg; return 0;
	case 'c': c->config = arg; return 0;
	case OPT_NO_CONFIG: c->no_config = true; return 0;
	case OPT_KERNEL_TREE: o->kernel_tree = arg; return 0;
	case OPT_MODULES_TREE: o->modules_tree = arg; return 0;
	case OPT_KVER: o->kver = arg; return 0;
	case OPT_INIT: o->init = arg; return 0;
	case OPT_BUSYBOX: c->busybox = arg; return 0;
	case OPT_E2FSCK: c->e2fsck = arg; return 0;
	case OPT_COMPRESS: c->compress = arg; return 0;
	case OPT_VERSION: o->version = arg; return 0;
	case OPT_NO_HOOKS: c->no_hooks = true; return 0;
	case OPT_SYSFS: o->sysfs = arg; return 0;
	case OPT_PROC: o->proc = arg; return 0;
	case OPT_LIST: o->list = true; return 0;
	case OPT_CACHE_DIR: o->cache_dir = arg; return 0;
	case OPT_NO_CACHE: o->no_cache = true; return 0;
	case 'q': o->quiet = true; return 0;
	default: return take_list_option(o, c, opt, arg);
	}
}

/* ---------- the configuration file ---------- */

static int read_config_file(const char *path, struct conffile *conf)
{
	struct conffile_problem problem;
	char *text = NULL, *copy = strdup(path), *dir = NULL;
	size_t len = 0;
	int err = copy ? read_whole_file(path, CONFFILE_MAX_BYTES, &text, &len) : -ENOMEM;

	/* Relative paths in it become absolute: hooks are given them. */
	if (!err && !(dir = realpath(dirname(copy), NULL)))
		err = -errno;
	if (err) {
		fprintf(stderr, PROGRAM ": cannot read the configuration file %s: %s%s\n", path,
			strerror(-err), err == -ENOENT ? " (--no-config to go without)" : "");
		free(copy);
		free(text);
		return 2;
	}
	err = conffile_parse(conf, text, len, dir, &problem);
	if (err == -EINVAL)
		fprintf(stderr, PROGRAM ": %s:%zu: %s\n", path, problem.line, problem.detail);
	else if (err)
		fprintf(stderr, PROGRAM ": cannot parse %s: %s\n", path, strerror(-err));
	free(text);
	free(copy);
	free(dir);
	return err ? 2 : 0;
}

/* ---------- merging ---------- */

/* A set name becomes MODULES_DIR/NAME.conf; a path stays. */
static int add_module_set(struct strlist *out, const char *word)
{
	char *path = NULL;
	int err;

	if (conffile_is_path(word))
		return strlist_add(out, word);
	if (asprintf(&path, "%s/%s.conf", MKINITRAMFS_MODULES_DIR, word) < 0)
		return -ENOMEM;
	err = strlist_add(out, path);
	free(path);
	return err;
}

static int append_all(struct strlist *to, const struct strlist *from)
{
	int err = 0;

	for (size_t i = 0; i < from->count && !err; i++)
		err = strlist_add(to, from->items[i]);
	return err;
}

static int merge_lists(struct options *o, const struct conffile *conf,
		       const struct command_line *c)
{
	const struct strlist *sets = c->modules.count ? &c->modules : &conf->values[CONF_MODULES];
	int err = 0;

	for (size_t i = 0; i < sets->count && !err; i++)
		err = add_module_set(&o->modules, sets->items[i]);
	if (!err)
		err = append_all(&o->binaries, &conf->values[CONF_BINARIES]);
	if (!err)
		err = append_all(&o->binaries, &c->binaries);
	if (!err)
		err = append_all(&o->files, &conf->values[CONF_FILES]);
	if (!err)
		err = append_all(&o->files, &c->files);
	if (!err && !c->no_hooks && conf->line[CONF_HOOKS_DIRS])
		err = append_all(&o->hooks_dirs, &conf->values[CONF_HOOKS_DIRS]);
	else if (!err && !c->no_hooks)
		err = strlist_add(&o->hooks_dirs, MKINITRAMFS_HOOKS_DIR);
	if (!err)
		err = append_all(&o->hooks_dirs, &c->hooks_dirs);
	return err;
}

/* The command line's word, else the configuration's, else fallback. */
static const char *one_word(const char *given, const struct conffile *conf, enum conffile_key key,
			    const char *fallback)
{
	const struct strlist *l = &conf->values[key];

	return given ? given : l->count ? l->items[0] : fallback;
}

/* A copy of path made absolute against the working directory (the hooks are
 * given it), NULL for ""; false when out of memory, the working directory is
 * unknown or the path too long. */
static bool copy_path(const char *path, char **copy)
{
	char *cwd = NULL, resolved[PATH_MAX];

	*copy = NULL;
	if (!*path)
		return true;
	if (path[0] != '/' && !(cwd = getcwd(NULL, 0)))
		return false;
	if (pathname_resolve(cwd ? cwd : "/", path, resolved, sizeof(resolved)) == 0)
		*copy = strdup(resolved);
	free(cwd);
	return *copy != NULL;
}

static int merge(struct options *o, const struct conffile *conf, const struct command_line *c)
{
	const char *busybox = one_word(c->busybox, conf, CONF_BUSYBOX, "");
	const char *e2fsck = one_word(c->e2fsck, conf, CONF_E2FSCK, "");

	o->compress = strdup(one_word(c->compress, conf, CONF_COMPRESS, "zstd"));
	if (!o->compress || !copy_path(busybox, &o->busybox) || !copy_path(e2fsck, &o->e2fsck) ||
	    merge_lists(o, conf, c))
		return usage_error("%s", "out of memory, no working directory or a path too long");
	return 0;
}

static int check_options(const struct options *o)
{
	if (!o->output && !o->list)
		return usage_error("%s", "-o OUT is required (or --list)");
	if (!o->init)
		return usage_error("%s", "--init PATH is required");
	if (o->kernel_tree && o->modules_tree)
		return usage_error("%s", "--kernel-tree and --modules-tree exclude each other");
	if (o->kver && !image_kver_ok(o->kver))
		return usage_error("--kver %s: not a kernel release", o->kver);
	if (o->modules.count == 0)
		return usage_error("%s", "no module set: MODULES in the configuration, or --modules SET");
	if (!compress_method_known(o->compress))
		return usage_error("--compress %s: expected zstd, xz, gzip, lz4 or none", o->compress);
	if (o->cache_dir && o->no_cache)
		return usage_error("%s", "--cache-dir and --no-cache exclude each other");
	if (o->cache_dir && !*o->cache_dir)
		return usage_error("%s", "--cache-dir: an empty path");
	if (o->version && !image_version_ok(o->version))
		return usage_error("--version %s: VERSION_ID allows only 0-9, a-z, '.', '_', '-'",
				   o->version);
	return 0;
}

/* ---------- all of it ---------- */

static int parse_command_line(int argc, char **argv, struct options *o, struct command_line *c,
			      bool *done)
{
	int opt;

	while ((opt = getopt_long(argc, argv, "o:c:qh", long_options, NULL)) != -1) {
		int status;

		if (opt == 'h') {
			fputs(usage, stdout);
			*done = true;
			return 0;
		}
		if (opt == '?') { /* getopt said what */
			fprintf(stderr, "(see " PROGRAM " --help)\n");
			return 2;
		}
		status = take_option(o, c, opt, optarg);
		if (status)
			return status;
	}
	if (optind < argc)
		return usage_error("unexpected argument: %s", argv[optind]);
	if (c->config && c->no_config)
		return usage_error("%s", "--config and --no-config exclude each other");
	return 0;
}

int options_parse(int argc, char **argv, struct options *o, bool *done)
{
	struct command_line c;
	struct conffile conf;
	int status;

	memset(o, 0, sizeof(*o));
	memset(&c, 0, sizeof(c));
	memset(&conf, 0, sizeof(conf));
	*done = false;
	status = parse_command_line(argc, argv, o, &c, done);
	if (!status && !*done && !c.no_config)
		status = read_config_file(c.config ? c.config : MKINITRAMFS_CONFIG, &conf);
	if (!status && !*done)
		status = merge(o, &conf, &c);
	if (!status && !*done)
		status = check_options(o);
	conffile_free(&conf);
	strlist_free(&c.modules);
	strlist_free(&c.binaries);
	strlist_free(&c.files);
	strlist_free(&c.hooks_dirs);
	return status;
}

void options_free(struct options *o)
{
	strlist_free(&o->modules);
	strlist_free(&o->binaries);
	strlist_free(&o->files);
	strlist_free(&o->hooks_dirs);
	strlist_free(&o->firmware_dirs);
	free(o->compress);
	free(o->busybox);
	free(o->e2fsck);
	memset(o, 0, sizeof(*o));
}
