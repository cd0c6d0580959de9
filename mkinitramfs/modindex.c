/* mkinitramfs/modindex.c: the image's module indexes (see modindex.h). */
#include "modindex.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

/* Each writer prints into a memory stream; an error of any print shows in
 * ferror, checked once when the stream is closed. */
typedef void (*index_writer)(FILE *out, const struct moddb *db, const void *arg, size_t n);

static int write_to_memory(index_writer write, const struct moddb *db, const void *arg,
			   size_t n, char **text, size_t *len)
{
	FILE *out = open_memstream(text, len);
	int failed;

	if (!out)
		return -ENOMEM;
	write(out, db, arg, n);
	failed = ferror(out);
	if (fclose(out) != 0 || failed) {
		free(*text);
		*text = NULL;
		return -ENOMEM;
	}
	return 0;
}

static void write_dep(FILE *out, const struct moddb *db, const void *arg, size_t n)
{
	const unsigned char *in = arg;

	(void)n;
	for (size_t i = 0; i < db->nmodules; i++) {
		const struct moddb_module *m = &db->modules[i];

		if (!in[i])
			continue;
		fprintf(out, "%s:", m->path);
		for (size_t d = 0; d < m->ndeps; d++)
			fprintf(out, " %s", db->modules[m->deps[d]].path);
		fputc('\n', out);
	}
}

static void write_alias(FILE *out, const struct moddb *db, const void *arg, size_t n)
{
	const unsigned char *in = arg;

	(void)n;
	fputs("# Aliases extracted from modules themselves.\n", out);
	for (size_t i = 0; i < db->naliases; i++)
		if (in[db->aliases[i].module])
			fprintf(out, "alias %s %s\n", db->aliases[i].pattern,
				db->modules[db->aliases[i].module].name);
}

static void write_names(FILE *out, const char *label, char **names, size_t n)
{
	if (n == 0)
		return;
	fprintf(out, " %s", label);
	for (size_t i = 0; i < n; i++)
		fprintf(out, " %s", names[i]);
}

static void write_softdep(FILE *out, const struct moddb *db, const void *arg, size_t n)
{
	const unsigned char *in = arg;

	(void)n;
	fputs("# Soft dependencies extracted from modules themselves.\n", out);
	for (size_t i = 0; i < db->nmodules; i++) {
		const struct moddb_module *m = &db->modules[i];

		if (!in[i] || (m->nsoftdep_pre == 0 && m->nsoftdep_post == 0))
			continue;
		fprintf(out, "softdep %s", m->name);
		write_names(out, "pre:", m->softdep_pre, m->nsoftdep_pre);
		write_names(out, "post:", m->softdep_post, m->nsoftdep_post);
		fputc('\n', out);
	}
}

static void write_boot(FILE *out, const struct moddb *db, const void *arg, size_t n)
{
	const size_t *order = arg;

	for (size_t i = 0; i < n; i++)
		fprintf(out, "%s\n", db->modules[order[i]].name);
}

int modindex_dep(const struct moddb *db, const unsigned char *in, char **text, size_t *len)
{
	return write_to_memory(write_dep, db, in, 0, text, len);
}

int modindex_alias(const struct moddb *db, const unsigned char *in, char **text, size_t *len)
{
	return write_to_memory(write_alias, db, in, 0, text, len);
}

int modindex_softdep(const struct moddb *db, const unsigned char *in, char **text, size_t *len)
{
	return write_to_memory(write_softdep, db, in, 0, text, len);
}

int modindex_boot(const struct moddb *db, const size_t *order, size_t n, char **text, size_t *len)
{
	return write_to_memory(write_boot, db, order, n, text, len);
}
