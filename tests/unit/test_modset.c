/* tests/unit/test_modset.c: from a small made-up kernel tree to the image's
 * manifest: mkinitramfs/modset.c (configs, closure, built-in modules, errors),
 * modindex.c (the restricted indexes, modules.boot) and image.c (the layout). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "image.h"
#include "modindex.h"
#include "modset.h"
#include "tap.h"

static const char dep[] =
	"kernel/fs/ext4/ext4.ko: kernel/lib/crc16.ko kernel/fs/jbd2/jbd2.ko\n"
	"kernel/lib/crc16.ko:\n"
	"kernel/fs/jbd2/jbd2.ko:\n"
	"kernel/crypto/crc32c_generic.ko:\n"
	"kernel/drivers/block/loop.ko:\n"
	"kernel/fs/isofs/isofs.ko: kernel/drivers/cdrom/cdrom.ko\n"
	"kernel/drivers/cdrom/cdrom.ko:\n"
	"kernel/unused/unused.ko:\n"
	"garbage\n";

static const char alias[] =
	"# Aliases extracted from modules themselves.\n"
	"alias fs-ext4 ext4\n"
	"alias crypto-crc32c crc32c_generic\n"
	"alias fs-iso9660 isofs\n"
	"alias unused-alias unused\n";

static const char softdep[] =
	"# Soft dependencies extracted from modules themselves.\n"
	"softdep ext4 pre: crypto-crc32c\n"
	"softdep jbd2 pre: crypto-crc32c missing-thing\n";

static const char builtin[] = "kernel/fs/fat/vfat.ko\n";

static const char config[] =
	"# the test set\n"
	"loop boot\n"
	"ext4   boot   # with its dependencies\n"
	"fs-iso9660\n"
	"vfat\n";

static int write_file(const char *dir, const char *name, const char *text)
{
	char path[512];
	FILE *f;

	(void)snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	if (!f)
		return -1;
	fputs(text, f);
	return fclose(f);
}

static int make_tree(const char *dir)
{
	return write_file(dir, "modules.dep", dep) | write_file(dir, "modules.alias", alias) |
	       write_file(dir, "modules.softdep", softdep) | write_file(dir, "modules.builtin", builtin);
}

static int has_note(const struct modset *set, const char *part)
{
	for (size_t i = 0; i < set->nnotes; i++)
		if (strstr(set->notes[i], part))
			return 1;
	return 0;
}

static char *names(const struct modset *set, const size_t *order, size_t n)
{
	static char text[512];

	text[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		strcat(text, i ? " " : "");
		strcat(text, set->db.modules[order[i]].name);
	}
	return text;
}

static void test_closure(struct modset *set)
{
	struct modset_problem problem;

	is_int(modset_add_config(set, "test.conf", config, strlen(config), &problem), 0,
	       "config: read");
	is_str(names(set, set->boot_order, set->nboot), "loop crc16 crc32c_generic jbd2 ext4",
	       "config: boot modules and dependencies in load order");
	is_int(set->nimage, 7, "config: seven modules in the image");
	ok(set->in_image[moddb_find(&set->db, "isofs")] && set->in_image[moddb_find(&set->db, "cdrom")],
	   "config: an alias brings its module and dependencies");
	ok(!set->in_image[moddb_find(&set->db, "unused")], "config: nothing else");
	ok(has_note(set, "test.conf:5: vfat is built into the kernel"), "config: built-in noted");
	ok(has_note(set, "modules.dep:9: malformed"), "config: malformed index line noted");
	is_int(modset_note_unresolved_softdeps(set), 0, "softdeps: checked");
	ok(has_note(set, "'missing-thing' of jbd2"), "softdeps: the unresolvable one noted");
}

static void test_config_errors(struct modset *set)
{
	struct modset_problem p;
	const char *unknown = "loop\n\nnosuch boot\n";

	is_int(modset_add_config(set, "bad.conf", unknown, strlen(unknown), &p), -ENOENT,
	       "errors: unknown module");
	ok(strcmp(p.path, "bad.conf") == 0 && p.line == 3 && strstr(p.detail, "'nosuch'"),
	   "errors: ... names file, line and module (%s)", p.detail);
	is_int(modset_add_config(set, "bad.conf", "loop boot now\n", 14, &p), -EINVAL,
	       "errors: three words");
	is_int(modset_add_config(set, "bad.conf", "loop early\n", 11, &p), -EINVAL,
	       "errors: a flag that is not boot");
	is_int(p.line, 1, "errors: ... on line 1");
	is_int(modset_add_config(set, "bad.conf", "lo\0op\n", 6, &p), -EINVAL, "errors: a NUL byte");
}

static void test_indexes(const struct modset *set)
{
	char *text = NULL;
	size_t len = 0;

	is_int(modindex_dep(&set->db, set->in_image, &text, &len), 0, "index: modules.dep made");
	is_str(text,
	       "kernel/fs/ext4/ext4.ko: kernel/lib/crc16.ko kernel/fs/jbd2/jbd2.ko\n"
	       "kernel/lib/crc16.ko:\n"
	       "kernel/fs/jbd2/jbd2.ko:\n"
	       "kernel/crypto/crc32c_generic.ko:\n"
	       "kernel/drivers/block/loop.ko:\n"
	       "kernel/fs/isofs/isofs.ko: kernel/drivers/cdrom/cdrom.ko\n"
	       "kernel/drivers/cdrom/cdrom.ko:\n",
	       "index: modules.dep restricted, in the kernel's order");
	free(text);
	is_int(modindex_alias(&set->db, set->in_image, &text, &len), 0, "index: modules.alias made");
	ok(text && strstr(text, "alias fs-iso9660 isofs\n") && !strstr(text, "unused"),
	   "index: modules.alias restricted");
	free(text);
	is_int(modindex_softdep(&set->db, set->in_image, &text, &len), 0, "index: softdep made");
	ok(text && strstr(text, "softdep jbd2 pre: crypto-crc32c missing-thing\n"),
	   "index: modules.softdep as depmod writes it");
	free(text);
	is_int(modindex_boot(&set->db, set->boot_order, set->nboot, &text, &len), 0, "index: boot");
	is_str(text, "loop\ncrc16\ncrc32c_generic\njbd2\next4\n", "index: modules.boot");
	free(text);
}

static const struct manifest_entry *entry(const struct manifest *m, const char *path)
{
	long i = manifest_find(m, path);

	return i >= 0 ? &m->entries[i] : NULL;
}

static void test_image(const struct modset *set, const char *dir)
{
	char extra_source[512];
	struct image_extra extra = { extra_source, "/usr/share/extra/file" };
	struct image_spec spec = {
		.kver = "6.1.0-test", .modules_dir = dir, .modules = set, .init = "/host/init",
		.version = "1.2-rc1", .extras = &extra, .nextras = 1,
	};
	struct manifest m = { 0 };
	const struct manifest_entry *e;
	const char *failed = NULL;

	(void)snprintf(extra_source, sizeof(extra_source), "%s/modules.dep", dir);
	is_int(image_build(&m, &spec, &failed), 0, "image: built");
	e = entry(&m, "/init");
	ok(e && e->mode == 0755 && strcmp(e->source, "/host/init") == 0, "image: /init 0755");
	e = entry(&m, "/dev/console");
	ok(e && e->type == MANIFEST_NOD && e->major == 5 && e->minor == 1 && e->mode == 0600,
	   "image: /dev/console");
	e = entry(&m, "/etc/initrd-release");
	ok(e && e->data && strstr(e->data, "VERSION_ID=1.2-rc1\n") && strstr(e->data, "ID=liveinit\n"),
	   "image: /etc/initrd-release");
	e = entry(&m, "/lib/modules/6.1.0-test/kernel/fs/ext4/ext4.ko");
	ok(e && e->source && strstr(e->source, "/kernel/fs/ext4/ext4.ko"), "image: module file");
	ok(entry(&m, "/lib/modules/6.1.0-test/modules.softdep") && entry(&m, "/etc/liveinit/modules.boot"),
	   "image: indexes and modules.boot");
	ok(!entry(&m, "/lib/modules/6.1.0-test/kernel/unused/unused.ko"), "image: no other module");
	ok(!entry(&m, "/bin/busybox") && !entry(&m, "/etc/mtab"),
	   "image: busybox and /etc/mtab are the build hooks' to add");
	e = entry(&m, "/usr/share/extra/file");
	ok(e && e->mode == 0644 && entry(&m, "/usr/share/extra"), "image: extra file and parents");
	ok(m.count > 1 && strcmp(m.entries[0].path, "/bin") == 0, "image: sorted");
	manifest_free(&m);
	spec.kver = "..";
	is_int(image_build(&m, &spec, &failed), -EINVAL, "image: kernel release '..' refused");
	manifest_free(&m);
	spec.kver = "6.1.0-test";
	extra.dest = "/etc/../x";
	is_int(image_build(&m, &spec, &failed), -EINVAL, "image: extra with '..' refused");
	manifest_free(&m);
	extra.dest = "/init";
	is_int(image_build(&m, &spec, &failed), -EEXIST, "image: extra over /init refused");
	is_str(failed, "/init", "image: ... names it");
	manifest_free(&m);
}

int main(void)
{
	char dir[] = "/tmp/liveinit-test-modset.XXXXXX";
	char command[128];
	struct modset set;
	struct modset_problem problem;

	if (!mkdtemp(dir) || make_tree(dir) != 0) {
		ok(0, "cannot make a scratch kernel tree");
		return done_testing();
	}
	is_int(modset_read_indexes(&set, dir, &problem), 0, "indexes: read");
	test_closure(&set);
	test_config_errors(&set);
	test_indexes(&set);
	test_image(&set, dir);
	modset_free(&set);
	is_int(modset_read_indexes(&set, "/nonexistent", &problem), -ENOENT, "indexes: missing");
	ok(strstr(problem.path, "/nonexistent/modules.dep") != NULL, "indexes: ... names the file");
	modset_free(&set);
	(void)snprintf(command, sizeof(command), "rm -rf '%s'", dir);
	ok(system(command) == 0, "scratch tree removed");
	return done_testing();
}
