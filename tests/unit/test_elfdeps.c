/* tests/unit/test_elfdeps.c: what a program needs, for --add-binary.
 *   mkinitramfs/elf.c       the parser, on the host's e2fsck and static busybox,
 *                           on made-up objects, on every truncation and on garbage
 *   mkinitramfs/bindeps.c   the closure: e2fsck's libraries once each; RPATH,
 *                           RUNPATH and $ORIGIN; other machines' files passed over;
 *                           a missing library named with who needs it
 *   mkinitramfs/hostfile.c  libraries into the manifest with their links
 *   mkinitramfs/pathname.c  lexical paths
 * Made-up objects live in a scratch directory under $LIVEINIT_TEST_DIR/elfdeps
 * (build/test/elfdeps), removed when every test passed. */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <ftw.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bindeps.h"
#include "elf.h"
#include "fileio.h"
#include "hostfile.h"
#include "manifest.h"
#include "pathname.h"
#include "tap.h"

#define E2FSCK "/sbin/e2fsck"
#define BUSYBOX "/bin/busybox"
#define INTERP "/lib64/ld-linux-x86-64.so.2"
#define EM_X86_64 62
#define EM_AARCH64 183

static char scratch[PATH_MAX];

/* ---------- made-up ELF objects ---------- */

/* Where the builder puts things, so tests can break them on purpose. */
#define SYNTH_PHOFF 64
#define SYNTH_INTERP_OFF 512
#define SYNTH_STR_OFF 1024
#define SYNTH_DYN_OFF 4096
#define SYNTH_SIZE 24576
#define SYNTH_VADDR 0x10000u

struct synth {
	uint16_t type, machine; /* 0: ET_DYN, x86-64 */
	const char *interp;
	const char *needed[6];  /* up to a NULL */
	const char *rpath, *runpath, *soname;
	size_t more_needed;     /* extra DT_NEEDED entries naming needed[0] */
};

static void w16(unsigned char *p, uint16_t v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
}

static void w32(unsigned char *p, uint32_t v)
{
	w16(p, (uint16_t)v);
	w16(p + 2, (uint16_t)(v >> 16));
}

static void w64(unsigned char *p, uint64_t v)
{
	w32(p, (uint32_t)v);
	w32(p + 4, (uint32_t)(v >> 32));
}

static void put_phdr(unsigned char *ph, uint32_t type, uint64_t off, uint64_t size)
{
	w32(ph, type);
	w64(ph + 8, off);
	w64(ph + 16, SYNTH_VADDR + off);
	w64(ph + 32, size);
	w64(ph + 40, size);
}

struct dyn_writer {
	unsigned char *buf;
	size_t dyn, str; /* next entry, next string */
};

static void put_dyn(struct dyn_writer *w, uint64_t tag, uint64_t val)
{
	w64(w->buf + SYNTH_DYN_OFF + w->dyn, tag);
	w64(w->buf + SYNTH_DYN_OFF + w->dyn + 8, val);
	w->dyn += 16;
}

static void put_string_dyn(struct dyn_writer *w, uint64_t tag, const char *s)
{
	size_t len = strlen(s) + 1;

	memcpy(w->buf + SYNTH_STR_OFF + w->str, s, len);
	put_dyn(w, tag, w->str);
	w->str += len;
}

/* Writes the object into buf (SYNTH_SIZE bytes): one PT_LOAD over the whole
 * file, PT_INTERP when asked, PT_DYNAMIC; DT_NEEDED entries come first. */
static size_t synth_build(const struct synth *s, unsigned char *buf)
{
	struct dyn_writer w = { buf, 0, 1 };
	unsigned char *ph = buf + SYNTH_PHOFF;
	uint16_t phnum = 2;

	memset(buf, 0, SYNTH_SIZE);
	memcpy(buf, "\177ELF\2\1\1", 7);
	w16(buf + 16, s->type ? s->type : 3);
	w16(buf + 18, s->machine ? s->machine : EM_X86_64);
	w32(buf + 20, 1);
	w64(buf + 32, SYNTH_PHOFF);
	w16(buf + 52, 64);
	w16(buf + 54, 56);
	put_phdr(ph, 1, 0, SYNTH_SIZE);
	put_phdr(ph + 56, 2, SYNTH_DYN_OFF, SYNTH_SIZE - SYNTH_DYN_OFF);
	if (s->interp) {
		strcpy((char *)buf + SYNTH_INTERP_OFF, s->interp);
		put_phdr(ph + 112, 3, SYNTH_INTERP_OFF, strlen(s->interp) + 1);
		phnum = 3;
	}
	w16(buf + 56, phnum);
	for (size_t i = 0; i < 6 && s->needed[i]; i++)
		put_string_dyn(&w, 1, s->needed[i]);
	for (size_t i = 0; i < s->more_needed; i++)
		put_dyn(&w, 1, 1); /* the first name again */
	if (s->soname)
		put_string_dyn(&w, 14, s->soname);
	if (s->rpath)
		put_string_dyn(&w, 15, s->rpath);
	if (s->runpath)
		put_string_dyn(&w, 29, s->runpath);
	put_dyn(&w, 5, SYNTH_VADDR + SYNTH_STR_OFF);
	put_dyn(&w, 10, w.str);
	return SYNTH_SIZE;
}

/* Writes the object to scratch/rel (its directory made first). */
static int synth_file(const struct synth *s, const char *rel)
{
	static unsigned char buf[SYNTH_SIZE];
	char path[PATH_MAX];
	size_t len = synth_build(s, buf);
	FILE *f;

	if (snprintf(path, sizeof(path), "%s/%s", scratch, rel) >= (int)sizeof(path))
		return -ENAMETOOLONG;
	*strrchr(path, '/') = '\0';
	if (mkdir(path, 0755) < 0 && errno != EEXIST)
		return -errno;
	path[strlen(path)] = '/';
	f = fopen(path, "wb");
	if (!f)
		return -errno;
	if (fwrite(buf, 1, len, f) != len) {
		(void)fclose(f);
		return -EIO;
	}
	return fclose(f) == 0 ? 0 : -errno;
}

static int scratch_symlink(const char *target, const char *rel)
{
	char path[PATH_MAX];

	if (snprintf(path, sizeof(path), "%s/%s", scratch, rel) >= (int)sizeof(path))
		return -ENAMETOOLONG;
	return symlink(target, path) == 0 ? 0 : -errno;
}

static const char *in_scratch(const char *rel)
{
	static char paths[4][PATH_MAX];
	static int next;
	char *p = paths[next++ % 4];

	if (snprintf(p, PATH_MAX, "%s/%s", scratch, rel) >= PATH_MAX)
		p[0] = '\0'; /* names nothing */
	return p;
}

/* ---------- helpers ---------- */

static int parse_file(const char *path, struct elf_info *info)
{
	char *data = NULL;
	size_t len = 0;
	int err = read_whole_file(path, 64u << 20, &data, &len);

	if (!err)
		err = elf_parse(data, len, info);
	free(data);
	return err;
}

static int has_needed(const struct elf_info *info, const char *name)
{
	for (size_t i = 0; i < info->nneeded; i++)
		if (strcmp(info->needed[i], name) == 0)
			return 1;
	return 0;
}

/* How many objects of d have this file name in the image. */
static int count_objects(const struct bindeps *d, const char *base)
{
	int n = 0;

	for (size_t i = 0; i < d->count; i++) {
		const char *slash = strrchr(d->objects[i].image, '/');

		n += strcmp(slash + 1, base) == 0;
	}
	return n;
}

static const struct bindeps_object *find_object(const struct bindeps *d, const char *name)
{
	for (size_t i = 0; i < d->count; i++)
		if (d->objects[i].name && strcmp(d->objects[i].name, name) == 0)
			return &d->objects[i];
	return NULL;
}

/* ---------- the parser ---------- */

static void test_parse_e2fsck(void)
{
	struct elf_info info;
	int err = parse_file(E2FSCK, &info);

	is_int(err, 0, "elf: " E2FSCK " parsed");
	is_str(info.interp, INTERP, "elf: e2fsck's interpreter");
	ok(has_needed(&info, "libext2fs.so.2"), "elf: e2fsck needs libext2fs.so.2");
	ok(has_needed(&info, "libc.so.6"), "elf: e2fsck needs libc.so.6");
	is_int(info.machine, EM_X86_64, "elf: e2fsck is for x86-64");
	ok(info.runpath == NULL && info.rpath == NULL, "elf: e2fsck has no RPATH or RUNPATH");
	elf_info_free(&info);
}

static void test_parse_static(void)
{
	struct elf_info info;

	is_int(parse_file(BUSYBOX, &info), 0, "elf: " BUSYBOX " (busybox-static) parsed");
	ok(info.interp == NULL, "elf: static busybox has no interpreter");
	is_int(info.nneeded, 0, "elf: static busybox needs no library");
	elf_info_free(&info);
}

static void test_parse_synthetic(void)
{
	static unsigned char buf[SYNTH_SIZE];
	const struct synth s = {
		.interp = "/lib/ld-test.so.1", .needed = { "libone.so.1", "libtwo.so.2", NULL },
		.rpath = "/r1:/r2", .runpath = "$ORIGIN/../lib", .soname = "libself.so.3",
	};
	struct elf_info info;
	size_t len = synth_build(&s, buf);

	is_int(elf_parse(buf, len, &info), 0, "elf: made-up object parsed");
	is_str(info.interp, "/lib/ld-test.so.1", "elf: ... its interpreter");
	ok(info.nneeded == 2 && strcmp(info.needed[0], "libone.so.1") == 0 &&
	   strcmp(info.needed[1], "libtwo.so.2") == 0, "elf: ... its needs, in order");
	is_str(info.rpath, "/r1:/r2", "elf: ... DT_RPATH");
	is_str(info.runpath, "$ORIGIN/../lib", "elf: ... DT_RUNPATH");
	is_str(info.soname, "libself.so.3", "elf: ... DT_SONAME");
	is_int(info.kind, ELF_DYN, "elf: ... a shared object");
	elf_info_free(&info);
}

/* Builds s, lets poke break it, expects err from the parser. */
static void expect_refused(const struct synth *s, void (*poke)(unsigned char *), int err,
			   const char *what)
{
	static unsigned char buf[SYNTH_SIZE];
	struct elf_info info;
	size_t len = synth_build(s, buf);

	poke(buf);
	is_int(elf_parse(buf, len, &info), err, "elf: refused: %s", what);
}

static void poke_class32(unsigned char *b) { b[4] = 1; }
static void poke_big_endian(unsigned char *b) { b[5] = 2; }
static void poke_relocatable(unsigned char *b) { w16(b + 16, 1); }
static void poke_phentsize(unsigned char *b) { w16(b + 54, 32); }
static void poke_phoff(unsigned char *b) { w64(b + 32, SYNTH_SIZE - 8); }
static void poke_phnum_zero(unsigned char *b) { w16(b + 56, 0); }
static void poke_needed_offset(unsigned char *b) { w64(b + SYNTH_DYN_OFF + 8, 1u << 20); }
static void poke_strtab_addr(unsigned char *b) { w64(b + SYNTH_DYN_OFF + 24, 0x999999); }
static void poke_dyn_filesz(unsigned char *b) { w64(b + SYNTH_PHOFF + 56 + 32, SYNTH_SIZE); }
static void poke_interp_nul(unsigned char *b) { b[SYNTH_INTERP_OFF + 17] = 'x'; }
static void poke_strsz(unsigned char *b) { w64(b + SYNTH_DYN_OFF + 40, 5); }
static void poke_empty_name(unsigned char *b) { b[SYNTH_STR_OFF + 1] = '\0'; }

static void test_parse_refusals(void)
{
	const struct synth s = { .interp = "/lib/ld-test.so.1", .needed = { "libone.so.1", NULL } };
	const struct synth many = { .needed = { "libone.so.1", NULL },
				    .more_needed = ELF_MAX_NEEDED };
	static unsigned char buf[SYNTH_SIZE];
	struct elf_info info;

	expect_refused(&s, poke_class32, -ENOEXEC, "ELF32");
	expect_refused(&s, poke_big_endian, -ENOEXEC, "big-endian");
	expect_refused(&s, poke_relocatable, -ENOEXEC, "a relocatable object (ET_REL)");
	expect_refused(&s, poke_phentsize, -EBADMSG, "program headers of the wrong size");
	expect_refused(&s, poke_phoff, -EBADMSG, "program headers past the end");
	expect_refused(&s, poke_phnum_zero, -EBADMSG, "no program header");
	expect_refused(&s, poke_needed_offset, -EBADMSG, "a DT_NEEDED past the string table");
	expect_refused(&s, poke_strtab_addr, -EBADMSG, "DT_STRTAB in no PT_LOAD");
	expect_refused(&s, poke_dyn_filesz, -EBADMSG, "PT_DYNAMIC past the end");
	expect_refused(&s, poke_interp_nul, -EBADMSG, "PT_INTERP without its NUL");
	expect_refused(&s, poke_strsz, -EBADMSG, "a name cut by DT_STRSZ");
	expect_refused(&s, poke_empty_name, -EBADMSG, "an empty DT_NEEDED name");
	is_int(elf_parse(buf, synth_build(&many, buf), &info), -E2BIG,
	       "elf: refused: more than ELF_MAX_NEEDED needs");
	is_int(elf_parse("#!/bin/sh\n", 10, &info), -ENOEXEC, "elf: refused: a script");
	is_int(elf_parse(NULL, 0, &info), -ENOEXEC, "elf: refused: nothing");
}

/* Parses an exact-size copy (so ASan sees any read past the end). */
static int parse_copy(const unsigned char *data, size_t len)
{
	unsigned char *copy = malloc(len ? len : 1);
	struct elf_info info;
	int err;

	if (!copy)
		return -ENOMEM;
	if (len)
		memcpy(copy, data, len);
	err = elf_parse(copy, len, &info);
	if (!err)
		elf_info_free(&info);
	free(copy);
	return err;
}

static int known_error(int err)
{
	return err == -ENOEXEC || err == -EBADMSG || err == -E2BIG;
}

static void test_truncations(void)
{
	char *data = NULL;
	size_t len = 0, bad = 0, accepted = 0;
	int err = read_whole_file(E2FSCK, 64u << 20, &data, &len);

	is_int(err, 0, "truncations: " E2FSCK " read");
	for (size_t n = 0; n < 4096 && n <= len && !err; n++) {
		int e = parse_copy((unsigned char *)data, n);

		bad += !known_error(e);
		accepted += e == 0;
	}
	ok(!err && bad == 0 && accepted == 0,
	   "truncations: every prefix of e2fsck's first 4 KiB refused (%zu odd, %zu accepted)",
	   bad, accepted);
	for (size_t n = 4096; n <= len && !err; n += 509) {
		int e = parse_copy((unsigned char *)data, n);

		bad += e != 0 && !known_error(e);
	}
	ok(!err && bad == 0, "truncations: longer prefixes parse or are refused cleanly");
	is_int(err ? -1 : parse_copy((unsigned char *)data, len), 0,
	       "truncations: the whole file parses");
	free(data);
}

static void test_random_bytes(unsigned *seed)
{
	static unsigned char buf[8192];
	size_t bad = 0;

	for (int round = 0; round < 3000; round++) {
		size_t n = (size_t)rand_r(seed) % sizeof(buf);
		int err;

		for (size_t i = 0; i < n; i++)
			buf[i] = (unsigned char)rand_r(seed);
		if (round % 2 && n >= 64) { /* a plausible header, to get further in */
			memcpy(buf, "\177ELF\2\1\1", 7);
			w16(buf + 16, 3);
			w16(buf + 54, 56);
			w64(buf + 32, 64);
			w16(buf + 56, (uint16_t)(1 + rand_r(seed) % 8));
		}
		err = parse_copy(buf, n);
		bad += err != 0 && !known_error(err);
	}
	ok(bad == 0, "garbage: random bytes refused cleanly (%zu odd)", bad);
}

/* The file range of e2fsck's PT_DYNAMIC (to aim changes at it). */
static void dynamic_range(const unsigned char *p, size_t len, size_t *off, size_t *size)
{
	size_t phoff = (size_t)(p[32] | p[33] << 8), phnum = (size_t)(p[56] | p[57] << 8);

	*off = 0;
	*size = len;
	for (size_t i = 0; i < phnum && phoff + (i + 1) * 56 <= len; i++) {
		const unsigned char *ph = p + phoff + i * 56;

		if (ph[0] == 2 && ph[1] == 0 && ph[2] == 0 && ph[3] == 0) {
			*off = (size_t)(ph[8] | ph[9] << 8 | ph[10] << 16);
			*size = (size_t)(ph[32] | ph[33] << 8);
		}
	}
}

static void test_mutations(unsigned *seed)
{
	char *data = NULL;
	size_t len = 0, bad = 0, dyn_off, dyn_size, accepted = 0;

	if (read_whole_file(E2FSCK, 64u << 20, &data, &len) != 0 || len < 4096) {
		ok(0, "garbage: cannot read " E2FSCK);
		return;
	}
	dynamic_range((unsigned char *)data, len, &dyn_off, &dyn_size);
	for (int round = 0; round < 400; round++) {
		unsigned char *copy = malloc(len);
		int err;

		if (!copy)
			break;
		memcpy(copy, data, len);
		for (int k = 0; k < 8; k++) { /* the headers, then the dynamic section */
			size_t at = k % 2 ? (size_t)rand_r(seed) % 1024
					  : dyn_off + (size_t)rand_r(seed) % (dyn_size ? dyn_size : 1);

			copy[at < len ? at : 0] = (unsigned char)rand_r(seed);
		}
		err = parse_copy(copy, len);
		bad += err != 0 && !known_error(err);
		accepted += err == 0;
		free(copy);
	}
	ok(bad == 0, "garbage: e2fsck with bytes of its headers and dynamic section changed: "
	   "parsed or refused cleanly (%zu of 400 parsed)", accepted);
	free(data);
}

/* ---------- the closure ---------- */

static void test_closure_e2fsck(void)
{
	static const char *const libs[] = { "libext2fs.so.2", "libcom_err.so.2", "libblkid.so.1",
					    "libuuid.so.1", "libe2p.so.2", "libc.so.6" };
	struct bindeps d;
	struct bindeps_problem problem;
	int missing = 0;

	is_int(bindeps_resolve(&d, E2FSCK, "/sbin/e2fsck", &problem), 0, "closure: e2fsck resolved");
	ok(d.count > 1 && d.has_interp && strcmp(d.objects[1].image, INTERP) == 0,
	   "closure: the interpreter second, at " INTERP);
	is_str(d.triplet, "x86_64-linux-gnu", "closure: the triplet from the interpreter's directory");
	for (size_t i = 0; i < sizeof(libs) / sizeof(*libs); i++) {
		const struct bindeps_object *o = find_object(&d, libs[i]);
		char want[64];

		(void)snprintf(want, sizeof(want), "/lib/x86_64-linux-gnu/%s", libs[i]);
		if (!o || strcmp(o->image, want) != 0) {
			printf("# %s: %s\n", libs[i], o ? o->image : "not found");
			missing++;
		}
	}
	is_int(missing, 0, "closure: e2fsck's six libraries in /lib/x86_64-linux-gnu");
	is_int(count_objects(&d, "libc.so.6"), 1, "closure: libc.so.6 once");
	is_int(count_objects(&d, "libcom_err.so.2"), 1, "closure: libcom_err.so.2 once");
	is_int(count_objects(&d, "ld-linux-x86-64.so.2"), 1,
	       "closure: libc's need of ld-linux-x86-64.so.2 is the interpreter");
	bindeps_free(&d);
}

static void test_closure_static(void)
{
	struct bindeps d;
	struct bindeps_problem problem;

	is_int(bindeps_resolve(&d, BUSYBOX, "/bin/busybox", &problem), 0,
	       "closure: static busybox resolved");
	ok(d.count == 1 && !d.has_interp, "closure: static busybox is just itself");
	bindeps_free(&d);
}

static void test_missing_library(void)
{
	const struct synth prog = { .type = 2, .interp = INTERP,
				    .needed = { "libc.so.6", "libliveinit-missing.so.7", NULL } };
	struct bindeps d;
	struct bindeps_problem problem;
	char real[PATH_MAX];

	is_int(synth_file(&prog, "bin/missing"), 0, "missing: made-up program written");
	is_int(bindeps_resolve(&d, in_scratch("bin/missing"), "/bin/missing", &problem), -ENOENT,
	       "missing: a library not found is -ENOENT");
	is_str(problem.action, "cannot find", "missing: ... cannot find");
	is_str(problem.path, "libliveinit-missing.so.7", "missing: ... names the library");
	is_str(problem.needed_by, realpath(in_scratch("bin/missing"), real),
	       "missing: ... and the program that needs it");
	ok(strstr(problem.searched, "/lib/x86_64-linux-gnu /usr/lib/x86_64-linux-gnu /lib64 /lib "
				    "/usr/lib") != NULL, "missing: ... and where it looked: %s",
	   problem.searched);
	bindeps_free(&d);
	is_int(bindeps_resolve(&d, in_scratch("bin/none"), "/bin/none", &problem), -ENOENT,
	       "missing: no program at all");
	ok(strcmp(problem.action, "cannot read") == 0 && strstr(problem.path, "bin/none"),
	   "missing: ... cannot read PATH");
	bindeps_free(&d);
}

static const struct manifest_entry *entry(const struct manifest *m, const char *path)
{
	long i = manifest_find(m, path);

	return i >= 0 ? &m->entries[i] : NULL;
}

/* The libraries of d into a manifest, twice (the second time adds nothing). */
static void test_manifest_of(const struct bindeps *d)
{
	struct manifest m = { 0 };
	const struct manifest_entry *e;
	char real[PATH_MAX];
	int err = 0;
	size_t count;

	for (size_t i = 1; i < d->count && !err; i++)
		err = hostfile_add(&m, d->objects[i].image, d->objects[i].host);
	is_int(err, 0, "manifest: interpreter and libraries added");
	e = entry(&m, "/usr/local/lib/libfoo.so.1");
	ok(e && e->type == MANIFEST_SLINK && strcmp(e->target, "libfoo.so.1.0") == 0,
	   "manifest: libfoo.so.1 is the link, as on the host");
	e = entry(&m, "/usr/local/lib/libfoo.so.1.0");
	ok(e && e->type == MANIFEST_FILE && e->mode == 0644 &&
	   strcmp(e->source, realpath(in_scratch("lib/libfoo.so.1.0"), real)) == 0,
	   "manifest: ... and its target the file, 0644, from its real path");
	e = entry(&m, INTERP);
	ok(e && e->type == MANIFEST_SLINK && strcmp(e->target, "/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2") == 0,
	   "manifest: " INTERP " stays a link at its own path");
	e = entry(&m, "/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2");
	ok(e && e->type == MANIFEST_FILE && e->mode == 0755, "manifest: ... to the interpreter, 0755");
	ok(entry(&m, "/lib64") && entry(&m, "/usr/local/lib"), "manifest: parent directories added");
	count = m.count;
	for (size_t i = 1; i < d->count && !err; i++)
		err = hostfile_add(&m, d->objects[i].image, d->objects[i].host);
	ok(err == 0 && m.count == count, "manifest: adding the same libraries again adds nothing");
	is_int(hostfile_add(&m, "/usr/local/lib/libfoo.so.1.0", E2FSCK), -EEXIST,
	       "manifest: another file at a taken path is -EEXIST");
	manifest_free(&m);
}

/* prog (RUNPATH $ORIGIN/../lib) -> libfoo.so.1 (a link to libfoo.so.1.0) -> libc.so.6 */
static void test_origin_and_links(void)
{
	const struct synth prog = { .type = 3, .interp = INTERP, .runpath = "$ORIGIN/../lib",
				    .needed = { "libfoo.so.1", NULL } };
	const struct synth foo = { .soname = "libfoo.so.1", .needed = { "libc.so.6", NULL } };
	struct bindeps d;
	struct bindeps_problem problem;
	const struct bindeps_object *o;

	ok(synth_file(&prog, "opt/prog") == 0 && synth_file(&foo, "lib/libfoo.so.1.0") == 0 &&
	   scratch_symlink("libfoo.so.1.0", "lib/libfoo.so.1") == 0,
	   "origin: program and linked library written");
	is_int(bindeps_resolve(&d, in_scratch("opt/prog"), "/usr/local/bin/prog", &problem), 0,
	       "origin: resolved");
	o = find_object(&d, "libfoo.so.1");
	ok(o && strcmp(o->host, in_scratch("opt/../lib/libfoo.so.1")) == 0,
	   "origin: found through $ORIGIN on the host: %s", o ? o->host : "(none)");
	is_str(o ? o->image : NULL, "/usr/local/lib/libfoo.so.1",
	       "origin: placed by $ORIGIN in the image");
	ok(find_object(&d, "libc.so.6") != NULL, "origin: the library's own need found");
	test_manifest_of(&d);
	bindeps_free(&d);
}

/* RPATH is inherited by what the program loads, unless RUNPATH is there;
 * another machine's file of the right name is passed over. */
static void test_search_order(void)
{
	const struct synth prog = { .type = 2, .rpath = "", .needed = { "libchain.so.1", NULL } };
	const struct synth chain = { .needed = { "libdeep.so.1", "libpick.so.1", NULL } };
	const struct synth plain = { 0 }, arm = { .machine = EM_AARCH64 };
	char rpath[PATH_MAX * 2];
	struct synth p = prog;
	struct bindeps d;
	struct bindeps_problem problem;
	const struct bindeps_object *o;

	(void)snprintf(rpath, sizeof(rpath), "%s:%s", in_scratch("r1"), in_scratch("r2"));
	p.rpath = rpath;
	ok(synth_file(&p, "bin/order") == 0 && synth_file(&chain, "r1/libchain.so.1") == 0 &&
	   synth_file(&plain, "r2/libdeep.so.1") == 0 && synth_file(&arm, "r1/libpick.so.1") == 0 &&
	   synth_file(&plain, "r2/libpick.so.1") == 0, "order: objects in r1 and r2 written");
	is_int(bindeps_resolve(&d, in_scratch("bin/order"), "/bin/order", &problem), 0,
	       "order: resolved");
	o = find_object(&d, "libdeep.so.1");
	is_str(o ? o->host : NULL, in_scratch("r2/libdeep.so.1"),
	       "order: a library's need found through the program's RPATH");
	o = find_object(&d, "libpick.so.1");
	is_str(o ? o->host : NULL, in_scratch("r2/libpick.so.1"),
	       "order: an aarch64 file of the same name passed over");
	ok(!d.has_interp && d.count == 4, "order: no interpreter, three libraries");
	bindeps_free(&d);
	p.runpath = in_scratch("nowhere");
	ok(synth_file(&p, "bin/order2") == 0, "order: the program again, with a RUNPATH too");
	is_int(bindeps_resolve(&d, in_scratch("bin/order2"), "/bin/order2", &problem), -ENOENT,
	       "order: with a RUNPATH its RPATH is ignored");
	is_str(problem.path, "libchain.so.1", "order: ... so libchain.so.1 is not found");
	bindeps_free(&d);
}

static void test_links(void)
{
	struct manifest m = { 0 };

	ok(scratch_symlink("loop2", "loop1") == 0 && scratch_symlink("loop1", "loop2") == 0,
	   "links: a loop of two links made");
	is_int(hostfile_add(&m, "/lib/loop1", in_scratch("loop1")), -ELOOP,
	       "links: a loop is -ELOOP");
	is_int(hostfile_add(&m, "/lib/dir", scratch), -EISDIR, "links: a directory is -EISDIR");
	is_int(hostfile_add(&m, "/lib/none", in_scratch("none")), -ENOENT,
	       "links: a missing file is -ENOENT");
	is_int(hostfile_add(&m, "relative", E2FSCK), -EINVAL, "links: a relative image path");
	manifest_free(&m);
}

static void check_resolve(const char *dir, const char *path, const char *want)
{
	char out[64];
	int err = pathname_resolve(dir, path, out, sizeof(out));

	is_str(err ? NULL : out, want, "pathname: %s + %s", dir, path);
}

static void test_pathname(void)
{
	char out[8];

	check_resolve("/a/b", "../c", "/a/c");
	check_resolve("/", "../../x", "/x");
	check_resolve("/a", "/b/./c//d/..", "/b/c");
	check_resolve("/usr/local/bin", "../lib/./libfoo.so.1", "/usr/local/lib/libfoo.so.1");
	check_resolve("/a/b", "..", "/a");
	check_resolve("/a", "../..", "/");
	is_int(pathname_resolve("a", "b", out, sizeof(out)), -EINVAL, "pathname: relative dir");
	is_int(pathname_resolve("/", "/abcdefghij", out, sizeof(out)), -ENAMETOOLONG,
	       "pathname: too long for the buffer");
	ok(pathname_dirname("/a/b", out, sizeof(out)) == 0 && strcmp(out, "/a") == 0,
	   "pathname: dirname /a/b");
	ok(pathname_dirname("/a", out, sizeof(out)) == 0 && strcmp(out, "/") == 0,
	   "pathname: dirname /a");
}

/* ---------- the scratch directory ---------- */

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path) == 0 ? 0 : -1;
}

static int make_scratch(void)
{
	const char *env = getenv("LIVEINIT_TEST_DIR");
	char base[PATH_MAX], tmpl[PATH_MAX];

	if (snprintf(base, sizeof(base), "%s/elfdeps", env && *env ? env : "build/test") >=
		    (int)sizeof(base) - 16)
		return -ENAMETOOLONG;
	if (mkdir(base, 0755) < 0 && errno != EEXIST)
		return -errno;
	if (snprintf(tmpl, sizeof(tmpl), "%s/unit.XXXXXX", base) >= (int)sizeof(tmpl))
		return -ENAMETOOLONG;
	if (!mkdtemp(tmpl) || !realpath(tmpl, scratch))
		return -errno;
	return 0;
}

int main(void)
{
	unsigned seed = 20240601;
	int err = make_scratch();

	test_pathname();
	test_parse_e2fsck();
	test_parse_static();
	test_parse_synthetic();
	test_parse_refusals();
	test_truncations();
	test_random_bytes(&seed);
	test_mutations(&seed);
	test_closure_e2fsck();
	test_closure_static();
	if (err) {
		ok(0, "cannot make a scratch directory: %s", strerror(-err));
		return done_testing();
	}
	test_missing_library();
	test_origin_and_links();
	test_search_order();
	test_links();
	if (!tap_failed)
		ok(nftw(scratch, remove_one, 16, FTW_DEPTH | FTW_PHYS) == 0,
		   "scratch directory removed");
	else
		printf("# scratch kept: %s\n", scratch);
	return done_testing();
}
