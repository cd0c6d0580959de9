/* tests/unit/test_cpio.c: the newc writer (mkinitramfs/cpio.c): the bytes it
 * writes, and what GNU cpio makes of them (`cpio -itv`, `cpio -idv`). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "cpio.h"
#include "tap.h"

#define MTIME 1700000000u

static const char hello[] = "hello, initramfs\n";
static const char tool[] = "#!/bin/sh\necho tool\n";

/* Children before parents, on purpose: the writer must sort. */
static const struct cpio_entry sample[] = {
	{ .path = "/lib/modules/6.1.0/kernel", .type = CPIO_DIR, .mode = 0755 },
	{ .path = "/etc/hello", .type = CPIO_FILE, .mode = 0644, .data = hello,
	  .size = sizeof(hello) - 1 },
	{ .path = "/dev/console", .type = CPIO_CHAR_DEV, .mode = 0600, .major = 5, .minor = 1 },
	{ .path = "/dev/sda", .type = CPIO_BLOCK_DEV, .mode = 0660, .major = 8, .minor = 0 },
	{ .path = "/bin/sh", .type = CPIO_SYMLINK, .mode = 0777, .target = "busybox" },
	{ .path = "/bin/tool", .type = CPIO_FILE, .mode = 0755, .data = tool,
	  .size = sizeof(tool) - 1 },
	{ .path = "/lib/modules/6.1.0", .type = CPIO_DIR, .mode = 0755 },
	{ .path = "/lib/modules", .type = CPIO_DIR, .mode = 0755 },
	{ .path = "/lib", .type = CPIO_DIR, .mode = 0755 },
	{ .path = "/lib-extra", .type = CPIO_DIR, .mode = 0755 },
	{ .path = "/etc", .type = CPIO_DIR, .mode = 0755 },
	{ .path = "/dev", .type = CPIO_DIR, .mode = 0755 },
	{ .path = "/bin", .type = CPIO_DIR, .mode = 01777 },
	{ .path = "/empty", .type = CPIO_FILE, .mode = 0600 },
};
#define NSAMPLE (sizeof(sample) / sizeof(*sample))

static const char *const expected_order[] = {
	"bin", "bin/sh", "bin/tool", "dev", "dev/console", "dev/sda", "empty", "etc",
	"etc/hello", "lib", "lib/modules", "lib/modules/6.1.0", "lib/modules/6.1.0/kernel",
	"lib-extra", "TRAILER!!!",
};
#define NEXPECTED (sizeof(expected_order) / sizeof(*expected_order))

struct buffer {
	char *data;
	size_t len;
};

static int write_archive(const struct cpio_entry *entries, size_t n, uint32_t mtime,
			 struct buffer *out, const char **failed)
{
	FILE *f = open_memstream(&out->data, &out->len);
	int err;

	if (!f)
		return -errno;
	err = cpio_write(entries, n, mtime, cpio_stdio_sink, f, failed);
	if (fclose(f) != 0 && !err)
		err = -errno;
	return err;
}

/* ---------- reading newc back, by hand ---------- */

struct parsed {
	char name[256];
	unsigned long field[13]; /* ino mode uid gid nlink mtime filesize devmaj devmin rdevmaj rdevmin namesize check */
	size_t offset;
};

static unsigned long hex_field(const char *p)
{
	char text[9];

	memcpy(text, p, 8);
	text[8] = '\0';
	return strtoul(text, NULL, 16);
}

/* Parses up to max headers; returns how many, or -1 when malformed. */
static long parse_archive(const struct buffer *b, struct parsed *out, size_t max)
{
	size_t pos = 0;
	long n = 0;

	while (pos + 110 <= b->len && (size_t)n < max) {
		struct parsed *p = &out[n++];

		if (memcmp(b->data + pos, "070701", 6) != 0)
			return -1;
		for (int i = 0; i < 13; i++)
			p->field[i] = hex_field(b->data + pos + 6 + 8 * i);
		p->offset = pos;
		if (p->field[11] == 0 || p->field[11] > sizeof(p->name) ||
		    pos + 110 + p->field[11] > b->len)
			return -1;
		memcpy(p->name, b->data + pos + 110, p->field[11]);
		pos = (pos + 110 + p->field[11] + 3) & ~(size_t)3;
		pos = (pos + p->field[6] + 3) & ~(size_t)3;
		if (strcmp(p->name, "TRAILER!!!") == 0)
			return pos == b->len ? n : -1;
	}
	return -1;
}

static const struct parsed *by_name(const struct parsed *p, long n, const char *name)
{
	for (long i = 0; i < n; i++)
		if (strcmp(p[i].name, name) == 0)
			return &p[i];
	return NULL;
}

static void test_bytes(void)
{
	struct buffer a = { 0 }, b = { 0 };
	struct parsed p[32];
	const struct parsed *e;
	long n;
	int order_ok = 1, ino_ok = 1, owner_ok = 1, mtime_ok = 1, aligned = 1;

	is_int(write_archive(sample, NSAMPLE, MTIME, &a, NULL), 0, "bytes: archive written");
	is_int(write_archive(sample, NSAMPLE, MTIME, &b, NULL), 0, "bytes: written again");
	ok(a.len == b.len && memcmp(a.data, b.data, a.len) == 0, "bytes: two writes identical");
	is_int(a.len % 4, 0, "bytes: length a multiple of 4");
	n = parse_archive(&a, p, 32);
	is_int(n, (long)NEXPECTED, "bytes: every entry and the trailer parse back");
	for (long i = 0; i < n && (size_t)i < NEXPECTED; i++) {
		order_ok &= strcmp(p[i].name, expected_order[i]) == 0;
		aligned &= p[i].offset % 4 == 0;
		if (i < n - 1) {
			ino_ok &= p[i].field[0] == (unsigned long)i + 1;
			owner_ok &= p[i].field[2] == 0 && p[i].field[3] == 0;
			mtime_ok &= p[i].field[5] == MTIME;
		}
	}
	ok(order_ok, "bytes: sorted by path, parents first, /lib's subtree before /lib-extra");
	ok(ino_ok, "bytes: inode numbers follow the output order");
	ok(owner_ok, "bytes: uid and gid 0");
	ok(mtime_ok, "bytes: every mtime is the one given");
	ok(aligned, "bytes: every header 4-byte aligned");
	e = by_name(p, n, "lib");
	is_int(e ? e->field[4] : 0, 3, "bytes: nlink of /lib is 2 + 1 subdirectory");
	e = by_name(p, n, "lib/modules/6.1.0/kernel");
	is_int(e ? e->field[4] : 0, 2, "bytes: nlink of an empty dir is 2");
	e = by_name(p, n, "dev/console");
	ok(e && e->field[1] == (S_IFCHR | 0600) && e->field[9] == 5 && e->field[10] == 1,
	   "bytes: /dev/console is c 5 1, 0600");
	e = by_name(p, n, "bin/sh");
	ok(e && e->field[1] == (S_IFLNK | 0777) && e->field[6] == strlen("busybox"),
	   "bytes: a symlink's size is its target's length");
	e = by_name(p, n, "bin");
	is_int(e ? e->field[1] : 0, S_IFDIR | 01777, "bytes: sticky bit kept");
	e = &p[n - 1];
	ok(n > 0 && e->field[0] == 0 && e->field[4] == 1 && e->field[6] == 0,
	   "bytes: TRAILER!!! last, ino 0, nlink 1");
	free(a.data);
	free(b.data);
}

static void test_mtime(void)
{
	struct buffer a = { 0 };
	struct parsed p[32];
	uint32_t mtime = 1;
	long n;

	is_int(cpio_mtime_from_epoch(NULL, &mtime), 0, "epoch: unset is fine");
	is_int(mtime, 0, "epoch: unset gives 0");
	is_int(cpio_mtime_from_epoch("", &mtime), 0, "epoch: empty gives 0");
	is_int(cpio_mtime_from_epoch("1700000000", &mtime), 0, "epoch: a number is taken");
	is_int(mtime, 1700000000, "epoch: its value");
	is_int(cpio_mtime_from_epoch("17e8", &mtime), -EINVAL, "epoch: not a number refused");
	is_int(cpio_mtime_from_epoch("-1", &mtime), -EINVAL, "epoch: negative refused");
	is_int(cpio_mtime_from_epoch("4294967296", &mtime), -ERANGE, "epoch: past 32 bits refused");
	is_int(write_archive(sample, NSAMPLE, 1234567890u, &a, NULL), 0, "epoch: archive written");
	n = parse_archive(&a, p, 32);
	ok(n > 1 && p[0].field[5] == 1234567890u && p[n - 2].field[5] == 1234567890u,
	   "epoch: the given mtime is in the headers");
	free(a.data);
}

static void test_errors(void)
{
	struct cpio_entry e[3] = {
		{ .path = "/a", .type = CPIO_DIR, .mode = 0755 },
		{ .path = "/a/b/c", .type = CPIO_DIR, .mode = 0755 },
	};
	struct buffer out = { 0 };
	const char *failed = NULL;

	is_int(write_archive(e, 2, 0, &out, &failed), -ENOENT, "errors: missing parent");
	is_str(failed, "/a/b/c", "errors: ... names the entry");
	free(out.data);
	e[1] = (struct cpio_entry){ .path = "/a", .type = CPIO_DIR, .mode = 0700 };
	is_int(write_archive(e, 2, 0, &out, &failed), -EEXIST, "errors: a path twice");
	free(out.data);
	e[1] = (struct cpio_entry){ .path = "/a/../etc", .type = CPIO_DIR };
	is_int(write_archive(e, 2, 0, &out, &failed), -EINVAL, "errors: '..' refused");
	is_str(failed, "/a/../etc", "errors: ... names it");
	free(out.data);
	e[1] = (struct cpio_entry){ .path = "a", .type = CPIO_DIR };
	is_int(write_archive(e, 2, 0, &out, &failed), -EINVAL, "errors: relative path refused");
	free(out.data);
	e[1] = (struct cpio_entry){ .path = "/a//b", .type = CPIO_DIR };
	is_int(write_archive(e, 2, 0, &out, &failed), -EINVAL, "errors: empty component refused");
	free(out.data);
	e[1] = (struct cpio_entry){ .path = "/a/l", .type = CPIO_SYMLINK };
	is_int(write_archive(e, 2, 0, &out, &failed), -EINVAL, "errors: symlink without target");
	free(out.data);
	e[1] = (struct cpio_entry){ .path = "/a/f/g", .type = CPIO_FILE };
	e[2] = (struct cpio_entry){ .path = "/a/f", .type = CPIO_FILE };
	is_int(write_archive(e, 3, 0, &out, &failed), -ENOENT, "errors: a file as a parent");
	free(out.data);
	is_int(write_archive(e, 0, 0, &out, &failed), 0, "errors: no entries: just the trailer");
	is_int(out.len, 124, "errors: ... 110 + 11 + padding bytes");
	free(out.data);
}

static int failing_sink(void *ctx, const void *buf, size_t len)
{
	(void)ctx;
	(void)buf;
	(void)len;
	return -ENOSPC;
}

static void test_order_and_sink(void)
{
	ok(cpio_path_compare("/a", "/a/b") < 0, "order: parent before child");
	ok(cpio_path_compare("/a/b", "/a-b") < 0, "order: a directory's subtree before /a-b");
	ok(cpio_path_compare("/a/z", "/b") < 0, "order: by component");
	is_int(cpio_path_compare("/x", "/x"), 0, "order: equal paths");
	is_int(cpio_write(sample, NSAMPLE, 0, failing_sink, NULL, NULL), -ENOSPC,
	       "sink: its error comes back");
}

/* ---------- GNU cpio ---------- */

static int run_capture(const char *command, char *out, size_t size)
{
	FILE *p = popen(command, "r");
	size_t n;

	if (!p)
		return -1;
	n = fread(out, 1, size - 1, p);
	out[n] = '\0';
	return pclose(p);
}

static const char *line_ending_with(char *text, const char *suffix)
{
	for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
		size_t len = strlen(line), slen = strlen(suffix);

		if (len >= slen && strcmp(line + len - slen, suffix) == 0)
			return line;
	}
	return NULL;
}

static void test_gnu_cpio_list(const char *archive)
{
	char command[512], out[8192], copy[8192];
	const char *line;
	char expected[1024] = "";

	(void)snprintf(command, sizeof(command), "cpio -it --quiet < %s 2>&1", archive);
	is_int(run_capture(command, out, sizeof(out)), 0, "cpio -it: reads the archive");
	for (size_t i = 0; i < NEXPECTED - 1; i++) {
		strcat(expected, expected_order[i]);
		strcat(expected, "\n");
	}
	is_str(out, expected, "cpio -it: the names, in order");
	(void)snprintf(command, sizeof(command), "cpio -itv --quiet < %s 2>&1", archive);
	is_int(run_capture(command, out, sizeof(out)), 0, "cpio -itv: reads the archive");
	memcpy(copy, out, sizeof(copy));
	line = line_ending_with(copy, " dev/console");
	ok(line && strncmp(line, "crw-------", 10) == 0 && strstr(line, "5,") && strstr(line, " root "),
	   "cpio -itv: dev/console a character device, 0600, root");
	memcpy(copy, out, sizeof(copy));
	line = line_ending_with(copy, " dev/sda");
	ok(line && strncmp(line, "brw-rw----", 10) == 0, "cpio -itv: dev/sda a block device");
	memcpy(copy, out, sizeof(copy));
	line = line_ending_with(copy, " bin/sh -> busybox");
	ok(line && strncmp(line, "lrwxrwxrwx", 10) == 0, "cpio -itv: bin/sh a symlink to busybox");
	memcpy(copy, out, sizeof(copy));
	line = line_ending_with(copy, " bin/tool");
	ok(line && strncmp(line, "-rwxr-xr-x", 10) == 0, "cpio -itv: bin/tool a file, 0755");
	memcpy(copy, out, sizeof(copy));
	line = line_ending_with(copy, " lib/modules");
	ok(line && strncmp(line, "drwxr-xr-x", 10) == 0, "cpio -itv: lib/modules a directory");
}

static void test_gnu_cpio_extract(const char *dir, const char *archive)
{
	char command[1024], out[8192], path[1024], target[64] = "";
	struct stat st;
	ssize_t n;

	(void)snprintf(command, sizeof(command),
		       "cd %s/root && cpio -idmv --no-absolute-filenames --quiet < %s 2>&1", dir, archive);
	is_int(run_capture(command, out, sizeof(out)), 0, "cpio -idv: extracts the archive");
	ok(strstr(out, "etc/hello") && strstr(out, "lib/modules/6.1.0/kernel"),
	   "cpio -idv: lists what it extracts");
	(void)snprintf(path, sizeof(path), "%s/root/etc/hello", dir);
	ok(stat(path, &st) == 0 && S_ISREG(st.st_mode) && (st.st_mode & 07777) == 0644 &&
	   st.st_size == (off_t)strlen(hello) && st.st_mtime == MTIME,
	   "cpio -idv: etc/hello a 0644 file of the right size and mtime");
	(void)snprintf(path, sizeof(path), "%s/root/bin/sh", dir);
	n = readlink(path, target, sizeof(target) - 1);
	is_str(n > 0 ? (target[n] = '\0', target) : NULL, "busybox", "cpio -idv: bin/sh -> busybox");
	(void)snprintf(path, sizeof(path), "%s/root/dev/console", dir);
	if (geteuid() != 0) {
		printf("ok %d # SKIP not root: cpio cannot make device nodes\n", ++tap_count);
		return;
	}
	ok(stat(path, &st) == 0 && S_ISCHR(st.st_mode) && major(st.st_rdev) == 5 &&
	   minor(st.st_rdev) == 1 && (st.st_mode & 07777) == 0600,
	   "cpio -idv: dev/console c 5 1, 0600");
}

static void test_gnu_cpio(void)
{
	char dir[] = "/tmp/liveinit-test-cpio.XXXXXX";
	char archive[256], root[300], command[600];
	struct buffer a = { 0 };
	FILE *f;

	if (!mkdtemp(dir)) {
		ok(0, "cpio: cannot make a scratch directory: %s", strerror(errno));
		return;
	}
	(void)snprintf(archive, sizeof(archive), "%s/sample.cpio", dir);
	(void)snprintf(root, sizeof(root), "%s/root", dir);
	f = fopen(archive, "wb");
	ok(f && write_archive(sample, NSAMPLE, MTIME, &a, NULL) == 0 &&
	   fwrite(a.data, 1, a.len, f) == a.len && fclose(f) == 0 && mkdir(root, 0755) == 0,
	   "cpio: sample archive saved in %s", dir);
	test_gnu_cpio_list(archive);
	test_gnu_cpio_extract(dir, archive);
	free(a.data);
	(void)snprintf(command, sizeof(command), "rm -rf '%s'", dir);
	ok(system(command) == 0, "cpio: scratch directory removed");
}

/* ---------- segments ---------- */

static int write_segment(const struct cpio_entry *entries, size_t n, unsigned segment,
			 struct buffer *out, const char **failed)
{
	FILE *f = open_memstream(&out->data, &out->len);
	int err;

	if (!f)
		return -errno;
	err = cpio_write_segment(entries, n, MTIME, segment, cpio_stdio_sink, f, failed);
	if (fclose(f) != 0 && !err)
		err = -errno;
	return err;
}

/* The sample split: the files and links of /bin and /lib in segment 1. */
static void split_sample(struct cpio_entry *split)
{
	memcpy(split, sample, sizeof(sample));
	for (size_t i = 0; i < NSAMPLE; i++)
		if (split[i].type != CPIO_DIR && (strncmp(split[i].path, "/bin/", 5) == 0))
			split[i].segment = 1;
}

/* Each segment is an archive of its own; together they hold what the one
 * archive holds, every header field the same but the inode number, and the
 * inode numbers unique: segment 1 from 1, segment 0 after it. */
static void test_segments(void)
{
	struct cpio_entry split[NSAMPLE];
	struct buffer whole = { 0 }, seg[2] = { { 0 }, { 0 } };
	struct parsed w[32], p[2][32];
	long nw, n0, n1;
	int same = 1;

	split_sample(split);
	ok(write_archive(sample, NSAMPLE, MTIME, &whole, NULL) == 0 &&
	   write_segment(split, NSAMPLE, 0, &seg[0], NULL) == 0 &&
	   write_segment(split, NSAMPLE, 1, &seg[1], NULL) == 0, "segments: written");
	nw = parse_archive(&whole, w, 32);
	n0 = parse_archive(&seg[0], p[0], 32);
	n1 = parse_archive(&seg[1], p[1], 32);
	is_int(n1, 3, "segments: the last holds /bin/sh, /bin/tool and a trailer");
	is_int(n0 + n1, nw + 1, "segments: every entry in one of them, a trailer each");
	for (long i = 0; n0 > 0 && n1 > 0 && i < nw - 1; i++) {
		const struct parsed *q = by_name(p[0], n0, w[i].name);

		q = q ? q : by_name(p[1], n1, w[i].name);
		same = same && q && memcmp(q->field + 1, w[i].field + 1, 12 * sizeof(*q->field)) == 0;
	}
	ok(same, "segments: each entry's header is the whole archive's but for its inode");
	ok(n1 == 3 && p[1][0].field[0] == 1 && p[1][1].field[0] == 2 && n0 > 0 &&
	   p[0][0].field[0] == 3 && p[0][n0 - 2].field[0] == (unsigned long)(n0 + 1),
	   "segments: inodes 1-2 in the last, 3 on in the first");
	is_str(n0 > 0 ? p[0][0].name : NULL, "bin", "segments: the first opens with the directory");
	is_int(n0 > 1 ? (long)p[0][by_name(p[0], n0, "bin") - p[0]].field[4] : 0, 2,
	       "segments: a directory's nlink counts subdirectories in all segments");
	free(whole.data);
	free(seg[0].data);
	free(seg[1].data);
}

/* A child in an earlier segment than its parent would be dropped by the kernel. */
static void test_segment_parent_order(void)
{
	struct cpio_entry split[NSAMPLE];
	struct buffer b = { 0 };
	const char *failed = NULL;

	split_sample(split);
	for (size_t i = 0; i < NSAMPLE; i++)
		if (strcmp(split[i].path, "/etc") == 0)
			split[i].segment = 1;
	is_int(write_segment(split, NSAMPLE, 0, &b, &failed), -ENOENT,
	       "segments: /etc/hello before its directory refused");
	is_str(failed, "/etc/hello", "segments: the entry named");
	free(b.data);
}

int main(void)
{
	test_bytes();
	test_segments();
	test_segment_parent_order();
	test_mtime();
	test_errors();
	test_order_and_sink();
	test_gnu_cpio();
	return done_testing();
}
