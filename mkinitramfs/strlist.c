/* mkinitramfs/strlist.c: lists of strings (see strlist.h). */
#include "strlist.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define BLANKS " \t\r\n"

int strlist_add_n(struct strlist *l, const char *s, size_t len)
{
	char *copy;

	if (l->count == l->capacity) {
		size_t capacity = l->capacity ? l->capacity * 2 : 8;
		char **grown = realloc(l->items, capacity * sizeof(*grown));

		if (!grown)
			return -ENOMEM;
		l->items = grown;
		l->capacity = capacity;
	}
	copy = strndup(s, len);
	if (!copy)
		return -ENOMEM;
	l->items[l->count++] = copy;
	return 0;
}

int strlist_add(struct strlist *l, const char *s)
{
	return strlist_add_n(l, s, strlen(s));
}

bool strlist_contains(const struct strlist *l, const char *s)
{
	for (size_t i = 0; i < l->count; i++)
		if (strcmp(l->items[i], s) == 0)
			return true;
	return false;
}

int strlist_add_unique(struct strlist *l, const char *s)
{
	return strlist_contains(l, s) ? 0 : strlist_add(l, s);
}

int strlist_add_words(struct strlist *l, const char *text)
{
	while (*text) {
		size_t len;
		int err;

		text += strspn(text, BLANKS);
		len = strcspn(text, BLANKS);
		if (len == 0)
			break;
		err = strlist_add_n(l, text, len);
		if (err)
			return err;
		text += len;
	}
	return 0;
}

static int compare_strings(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void strlist_sort(struct strlist *l)
{
	if (l->count > 1)
		qsort(l->items, l->count, sizeof(*l->items), compare_strings);
}

void strlist_free(struct strlist *l)
{
	for (size_t i = 0; i < l->count; i++)
		free(l->items[i]);
	free(l->items);
	memset(l, 0, sizeof(*l));
}
