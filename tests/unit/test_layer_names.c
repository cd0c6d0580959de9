/* tests/unit/test_layer_names.c: init/layer_names.c, which names in a
 * persistence volume's layers/ directory /init stacks, finishes or removes. */
#include "../../init/layer_names.h"
#include "../tap.h"

static void test_kinds(void)
{
	static const struct {
		const char *name;
		enum layer_name_kind kind;
	} cases[] = {
		{ "0001.squashfs", LAYER_STACKED },
		{ "my-tools.squashfs", LAYER_STACKED },
		{ "0002.squashfs.committed", LAYER_PENDING },
		{ ".tmp-0002.squashfs", LAYER_LEFTOVER },
		{ ".tmp-", LAYER_LEFTOVER },
		{ ".squashfs", LAYER_OTHER },            /* hidden */
		{ ".hidden.squashfs", LAYER_OTHER },
		{ ".squashfs.committed", LAYER_OTHER },
		{ "notes.txt", LAYER_OTHER },
		{ "0001.squashfs.bak", LAYER_OTHER },
		{ "0001.squashfs.committed.old", LAYER_OTHER },
		{ "squashfs", LAYER_OTHER },
		{ "", LAYER_OTHER },
		{ "a/b.squashfs", LAYER_OTHER },
		{ "0001.SQUASHFS", LAYER_OTHER },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		ok(layer_name_kind(cases[i].name) == cases[i].kind, "kind of \"%s\" is %d", cases[i].name,
		   (int)cases[i].kind);
}

static void test_long_names(void)
{
	char name[LAYER_NAME_MAX + 20];

	memset(name, 'a', sizeof(name));
	memcpy(name + LAYER_NAME_MAX - 1 - strlen(".squashfs"), ".squashfs", strlen(".squashfs") + 1);
	ok(strlen(name) == LAYER_NAME_MAX - 1 && layer_name_kind(name) == LAYER_STACKED,
	   "a name of LAYER_NAME_MAX - 1 bytes is a layer");
	memset(name, 'a', sizeof(name));
	memcpy(name + LAYER_NAME_MAX - strlen(".squashfs"), ".squashfs", strlen(".squashfs") + 1);
	ok(layer_name_kind(name) == LAYER_OTHER, "one byte longer is not (it would not fit the state)");
}

static void test_stacked_name(void)
{
	char out[LAYER_NAME_MAX];

	ok(layer_name_stacked("0003.squashfs.committed", out, sizeof(out)) && strcmp(out, "0003.squashfs") == 0,
	   "a pending layer's stacked name drops .committed");
	ok(!layer_name_stacked("0003.squashfs", out, sizeof(out)), "a stacked layer has no other stacked name");
	ok(!layer_name_stacked(".tmp-0003.squashfs", out, sizeof(out)), "nor has a leftover");
	ok(!layer_name_stacked("0003.squashfs.committed", out, 13), "a buffer one byte short is refused");
	ok(layer_name_stacked("0003.squashfs.committed", out, 14) && strcmp(out, "0003.squashfs") == 0,
	   "an exact buffer is enough");
}

int main(void)
{
	test_kinds();
	test_long_names();
	test_stacked_name();
	return done_testing();
}
