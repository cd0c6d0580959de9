/* mkinitramfs/strlist.h: a growable list of strings (each a malloc'd copy). */
#ifndef MKINITRAMFS_STRLIST_H
#define MKINITRAMFS_STRLIST_H
#include <stdbool.h>
#include <stddef.h>

struct strlist {
	char **items;
	size_t count, capacity;
};

/* Appends a copy of s. 0 or -ENOMEM. */
int strlist_add(struct strlist *l, const char *s);
/* Appends a copy of s unless an equal string is there. 0 or -ENOMEM. */
int strlist_add_unique(struct strlist *l, const char *s);
/* Appends the first len bytes of s as a string. 0 or -ENOMEM. */
int strlist_add_n(struct strlist *l, const char *s, size_t len);
/* Appends each word of text (words separated by blanks: space, tab, CR, LF). */
int strlist_add_words(struct strlist *l, const char *text);
bool strlist_contains(const struct strlist *l, const char *s);
/* Sorts bytewise (strcmp). */
void strlist_sort(struct strlist *l);
/* Empties the list (keeps nothing allocated). */
void strlist_free(struct strlist *l);

#endif
