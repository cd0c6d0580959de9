/* mkinitramfs/directive.h: one line a build hook prints on its standard output.
 *
 *   file SRC [DEST] [MODE]   the host file SRC (absolute; links followed) at DEST
 *                            (default SRC); MODE octal (default 0755 when the
 *                            host file is executable, else 0644)
 *   dir PATH [MODE]          a directory (default 0755)
 *   slink PATH TARGET        a symbolic link
 *   module NAME              a kernel module or alias, with its dependencies
 *   binary PATH [DEST]       an ELF program with its interpreter and libraries,
 *                            as --add-binary PATH:DEST (default DEST: PATH)
 *   # comment                (and blank lines) nothing
 *
 * Words are separated by blanks; image paths are absolute, without '.' or
 * '..' components. Pure: files are not looked at here.
 */
#ifndef MKINITRAMFS_DIRECTIVE_H
#define MKINITRAMFS_DIRECTIVE_H
#include <stdbool.h>
#include <stddef.h>

enum directive_type {
	DIRECTIVE_NONE, /* a blank line or a comment */
	DIRECTIVE_FILE, DIRECTIVE_DIR, DIRECTIVE_SLINK, DIRECTIVE_MODULE, DIRECTIVE_BINARY,
};

struct directive {
	enum directive_type type;
	char *source; /* file, binary: the host path; module: the name */
	char *path;   /* file, binary, dir, slink: the path in the image */
	char *target; /* slink */
	unsigned mode;
	bool has_mode;
};

/* Parses one line (without its newline). Returns 0 (d->type DIRECTIVE_NONE
 * for nothing), -EINVAL with a reason in detail, or -ENOMEM. Free *d with
 * directive_free in any case. */
int directive_parse(const char *line, struct directive *d, char *detail, size_t size);

void directive_free(struct directive *d);

#endif
