/* mkinitramfs/image.c: the initramfs layout (see image.h). */
#include "image.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "hostfile.h"
#include "modindex.h"

#define MODULES_ROOT "/lib/modules"
#define MODULES_BOOT "/etc/liveinit/modules.boot"

struct dir_spec {
	const char *path;
	unsigned mode;
};

static const struct dir_spec base_dirs[] = {
	{ "/bin", 0755 }, { "/dev", 0755 }, { "/etc", 0755 }, { "/etc/liveinit", 0755 },
	{ "/lib", 0755 }, { MODULES_ROOT, 0755 }, { "/proc", 0755 }, { "/root", 0700 },
	{ "/run", 0755 }, { "/sbin", 0755 }, { "/sys", 0755 }, { "/tmp", 01777 },
};

struct node_spec {
	const char *path;
	unsigned mode, major, minor; /* character devices */
};

static const struct node_spec base_nodes[] = {
	{ "/dev/console", 0600, 5, 1 }, { "/dev/null", 0666, 1, 3 },
};

bool image_version_ok(const char *s)
{
	if (!s || !*s)
		return false;
	for (; *s; s++)
		if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'z') || *s == '.' ||
		      *s == '_' || *s == '-'))
			return false;
	return true;
}

bool image_kver_ok(const char *kver)
{
	size_t len = kver ? strlen(kver) : 0;

	if (len == 0 || len > 255 || strcmp(kver, ".") == 0 || strcmp(kver, "..") == 0)
		return false;
	return strspn(kver, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
			    "0123456789._+-") == len;
}

static int add_skeleton(struct manifest *m, const struct image_spec *spec, const char **failed)
{
	int err = 0;

	for (size_t i = 0; i < sizeof(base_dirs) / sizeof(*base_dirs) && !err; i++) {
		*failed = base_dirs[i].path;
		err = manifest_add_dir(m, base_dirs[i].path, base_dirs[i].mode);
	}
	for (size_t i = 0; i < sizeof(base_nodes) / sizeof(*base_nodes) && !err; i++) {
		*failed = base_nodes[i].path;
		err = manifest_add_nod(m, base_nodes[i].path, base_nodes[i].mode, 'c',
				       base_nodes[i].major, base_nodes[i].minor);
	}
	*failed = "/init";
	return err ? err : manifest_add_file(m, "/init", 0755, spec->init);
}

static int add_release(struct manifest *m, const char *version)
{
	char *text = NULL;
	int len = asprintf(&text,
			   "NAME=\"liveinit\"\n"
			   "ID=liveinit\n"
			   "VERSION_ID=%s\n"
			   "PRETTY_NAME=\"liveinit %s (initrd)\"\n"
			   "VARIANT=\"Initial RAM disk\"\n"
			   "VARIANT_ID=initrd\n",
			   version, version);
	int err;

	if (len < 0)
		return -ENOMEM;
	err = manifest_add_generated(m, "/etc/initrd-release", 0644, text, (size_t)len);
	free(text);
	return err;
}

/* Builds an image path under the modules directory into a new string. */
static char *modules_path(const char *kver, const char *file)
{
	char *path = NULL;

	return asprintf(&path, MODULES_ROOT "/%s/%s", kver, file) < 0 ? NULL : path;
}

static int add_module_file(struct manifest *m, const struct image_spec *spec,
			   const struct moddb_module *mod, const char **failed)
{
	char *dest = modules_path(spec->kver, mod->path);
	char *source = NULL;
	int err = -ENOMEM;

	if (dest && asprintf(&source, "%s/%s", spec->modules_dir, mod->path) >= 0) {
		*failed = mod->path;
		err = manifest_add_parents(m, dest);
		if (!err)
			err = manifest_add_file(m, dest, 0644, source);
	}
	free(dest);
	free(source);
	return err;
}

typedef int (*index_maker)(const struct moddb *db, const unsigned char *in, char **text,
			   size_t *len);

static int add_index(struct manifest *m, const struct image_spec *spec, const char *file,
		     index_maker make, const char **failed)
{
	char *dest = modules_path(spec->kver, file);
	char *text = NULL;
	size_t len = 0;
	int err = dest ? make(&spec->modules->db, spec->modules->in_image, &text, &len) : -ENOMEM;

	*failed = file;
	if (!err)
		err = manifest_add_generated(m, dest, 0644, text, len);
	free(dest);
	free(text);
	return err;
}

static int add_modules(struct manifest *m, const struct image_spec *spec, const char **failed)
{
	const struct modset *set = spec->modules;
	enum manifest_segment before = manifest_set_segment(m, MANIFEST_MODULES);
	char *boot = NULL;
	size_t len = 0;
	int err = 0;

	for (size_t i = 0; i < set->db.nmodules && !err; i++)
		if (set->in_image[i])
			err = add_module_file(m, spec, &set->db.modules[i], failed);
	if (!err)
		err = add_index(m, spec, "modules.dep", modindex_dep, failed);
	if (!err)
		err = add_index(m, spec, "modules.alias", modindex_alias, failed);
	if (!err)
		err = add_index(m, spec, "modules.softdep", modindex_softdep, failed);
	(void)manifest_set_segment(m, before);
	if (!err)
		err = modindex_boot(&set->db, set->boot_order, set->nboot, &boot, &len);
	if (!err)
		err = manifest_add_generated(m, *failed = MODULES_BOOT, 0644, boot, len);
	free(boot);
	return err;
}

int image_add_file(struct manifest *m, const char *source, const char *dest, int mode,
		   const char **failed)
{
	struct stat st;

	*failed = dest;
	if (!manifest_path_ok(dest))
		return -EINVAL;
	*failed = source;
	if (stat(source, &st) < 0)
		return -errno;
	if (!S_ISREG(st.st_mode))
		return S_ISDIR(st.st_mode) ? -EISDIR : -EINVAL;
	*failed = dest;
	if (mode < 0)
		mode = (st.st_mode & 0100) ? 0755 : 0644;
	return manifest_add_file_once(m, dest, (unsigned)mode, source);
}

/* The program at its place, then its interpreter and libraries with their links. */
int image_add_binary(struct manifest *m, const struct bindeps *b, const char **failed)
{
	enum manifest_segment before = manifest_set_segment(m, MANIFEST_PROGRAMS);
	int err = image_add_file(m, b->objects[0].host, b->objects[0].image, -1, failed);

	for (size_t i = 1; i < b->count && !err; i++) {
		*failed = b->objects[i].image;
		err = hostfile_add(m, b->objects[i].image, b->objects[i].host);
	}
	(void)manifest_set_segment(m, before);
	return err;
}

int image_build(struct manifest *m, const struct image_spec *spec, const char **failed)
{
	int err;

	*failed = spec->kver;
	if (!image_kver_ok(spec->kver))
		return -EINVAL;
	err = add_skeleton(m, spec, failed);
	if (!err) {
		*failed = "/etc/initrd-release";
		err = image_version_ok(spec->version) ? add_release(m, spec->version) : -EINVAL;
	}
	if (!err)
		err = add_modules(m, spec, failed);
	for (size_t i = 0; i < spec->nbinaries && !err; i++)
		err = image_add_binary(m, &spec->binaries[i], failed);
	for (size_t i = 0; i < spec->nextras && !err; i++)
		err = image_add_file(m, spec->extras[i].source, spec->extras[i].dest, -1, failed);
	if (err)
		return err;
	*failed = NULL;
	manifest_sort(m);
	return 0;
}
