/* tests/unit/test_manifest.c: the manifest (mkinitramfs/manifest.c): adding,
 * path checks, order, and its gen_init_cpio-style text printed and parsed back. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "manifest.h"
#include "tap.h"

static char *print_to_string(const struct manifest *m)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	if (!f)
		return NULL;
	if (manifest_print(m, f) != 0) {
		fclose(f);
		free(text);
		return NULL;
	}
	fclose(f);
	return text;
}

static void test_paths(void)
{
	ok(manifest_path_ok("/lib/modules/6.1.0-57-amd64/kernel/fs/ext4/ext4.ko"), "path: ordinary");
	ok(!manifest_path_ok("lib/x"), "path: relative refused");
	ok(!manifest_path_ok("/"), "path: the root itself refused");
	ok(!manifest_path_ok("/a/../b"), "path: '..' refused");
	ok(!manifest_path_ok("/a/./b"), "path: '.' refused");
	ok(!manifest_path_ok("/a/"), "path: trailing slash refused");
	ok(!manifest_path_ok("/a b"), "path: blank refused (the text form would not parse)");
	ok(!manifest_path_ok("/a\nb"), "path: newline refused");
	ok(manifest_path_ok("/a/..b/c..") , "path: dots inside a name are fine");
}

static void test_add(void)
{
	struct manifest m = { 0 };

	is_int(manifest_add_dir(&m, "/etc", 0755), 0, "add: dir");
	is_int(manifest_add_dir(&m, "/etc", 0755), 0, "add: the same dir again is fine");
	is_int(manifest_add_dir(&m, "/etc", 0700), -EEXIST, "add: a different dir there is not");
	is_int(manifest_add_file(&m, "/etc", 0644, "/x"), -EEXIST, "add: nor a file");
	is_int(manifest_add_file(&m, "/../x", 0644, "/x"), -EINVAL, "add: bad path refused");
	is_int(manifest_add_nod(&m, "/dev/x", 0600, 'x', 1, 1), -EINVAL, "add: nod type c or b");
	is_int(manifest_add_slink(&m, "/bin/sh", ""), -EINVAL, "add: slink needs a target");
	is_int(manifest_add_dir(&m, "/big", 010000), -EINVAL, "add: mode beyond 07777 refused");
	is_int(manifest_add_parents(&m, "/lib/modules/v/kernel/fs/a.ko"), 0, "add: parents");
	ok(manifest_find(&m, "/lib/modules/v/kernel/fs") >= 0 && manifest_find(&m, "/lib") >= 0,
	   "add: every missing parent directory added");
	is_int(manifest_find(&m, "/lib/modules/v/kernel/fs/a.ko"), -1, "add: but not the path");
	is_int(manifest_add_generated(&m, "/etc/x", 0644, "abc", 3), 0, "add: generated content");
	is_int(manifest_add_parents(&m, "/etc/x/y"), -ENOTDIR, "add: a file as parent refused");
	manifest_free(&m);
	ok(m.entries == NULL && m.count == 0, "free: emptied");
}

static const char sample_text[] =
	"# comment\n"
	"\n"
	"slink /bin/sh busybox 0777 0 0\n"
	"dir   /dev 0755 0 0\n"
	"file  /init 0755 0 0 /path/with spaces/init\n"
	"nod   /dev/console 0600 0 0 c 5 1\n"
	"dir   /bin 0755 0 0\n"
	"nod   /dev/sda 0660 0 0 b 8 0\n";

static const char sorted_text[] =
	"dir   /bin 0755 0 0\n"
	"slink /bin/sh busybox 0777 0 0\n"
	"dir   /dev 0755 0 0\n"
	"nod   /dev/console 0600 0 0 c 5 1\n"
	"nod   /dev/sda 0660 0 0 b 8 0\n"
	"file  /init 0755 0 0 /path/with spaces/init\n";

static void test_text(void)
{
	struct manifest m = { 0 }, again = { 0 };
	size_t bad = 99;
	char *text, *text_again;

	is_int(manifest_parse(&m, sample_text, &bad), 0, "text: parses");
	is_int(bad, 0, "text: no bad line");
	manifest_sort(&m);
	text = print_to_string(&m);
	is_str(text, sorted_text, "text: printed sorted, parents first, aligned columns");
	is_int(manifest_parse(&again, text ? text : "", &bad), 0, "text: the printout parses back");
	manifest_sort(&again);
	text_again = print_to_string(&again);
	is_str(text_again, text, "text: ... to the same manifest");
	free(text);
	free(text_again);
	manifest_free(&again);
	manifest_free(&m);
}

static void test_bad_text(void)
{
	static const char *const bad_lines[] = {
		"dir /x 0755 0 0 extra", "dir /x 0755 1 0", "dir /x 0955 0 0", "dir /x",
		"nod /x 0600 0 0 c 5", "nod /x 0600 0 0 cc 5 1", "nod /x 0600 0 0 c -5 1",
		"file /x 0644 0 0", "file /x 0644 0 0 (generated)", "slink /x 0777 0 0",
		"pipe /x 0644 0 0", "dir ../x 0755 0 0",
	};
	struct manifest m = { 0 };
	size_t bad = 0;
	int all_refused = 1;

	for (size_t i = 0; i < sizeof(bad_lines) / sizeof(*bad_lines); i++) {
		int err = manifest_parse_line(&m, bad_lines[i]);

		if (err != -EINVAL) {
			all_refused = 0;
			printf("# accepted: %s (%d)\n", bad_lines[i], err);
		}
	}
	ok(all_refused && m.count == 0, "text: malformed lines refused, nothing added");
	is_int(manifest_parse(&m, "dir /a 0755 0 0\ndir /b 0755 0\n", &bad), -EINVAL,
	       "text: parse stops at a malformed line");
	is_int(bad, 2, "text: ... and says which");
	manifest_free(&m);
}

static void test_to_cpio(void)
{
	struct manifest m = { 0 };
	struct cpio_entry *c = NULL;

	manifest_add_nod(&m, "/console", 0600, 'c', 5, 1);
	manifest_add_nod(&m, "/sda", 0660, 'b', 8, 0);
	manifest_add_slink(&m, "/sh", "busybox");
	manifest_add_generated(&m, "/f", 0644, "xyz", 3);
	is_int(manifest_to_cpio(&m, &c), 0, "cpio: converted");
	ok(c && c[0].type == CPIO_CHAR_DEV && c[0].major == 5 && c[0].minor == 1 &&
	   c[1].type == CPIO_BLOCK_DEV && c[2].type == CPIO_SYMLINK &&
	   strcmp(c[2].target, "busybox") == 0 && c[3].type == CPIO_FILE && c[3].size == 3,
	   "cpio: types, devices, target, data");
	free(c);
	manifest_free(&m);
}

int main(void)
{
	test_paths();
	test_add();
	test_text();
	test_bad_text();
	test_to_cpio();
	return done_testing();
}
