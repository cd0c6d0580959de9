/* tests/unit/test_cmdline.c: the kernel command line as /init reads it. */
#include "../../init/cmdline.h"
#include "../tap.h"

static struct live_options parse(const char *text)
{
	struct live_options o;

	cmdline_defaults(&o);
	cmdline_parse(&o, text, strlen(text));
	return o;
}

static void test_defaults(void)
{
	struct live_options o = parse("");

	is_str(o.media_path, "/live", "live-media-path defaults to /live");
	is_int(o.media_timeout_s, 30, "live-media-timeout defaults to 30 s");
	is_str(o.overlay_size, "50%", "overlay-size defaults to half of RAM");
	is_str(o.media, "", "no live-media hint by default");
	ok(!o.debug && !o.quiet && !o.boot_live, "no flags by default");
}

static void test_live_boot_names(void)
{
	struct live_options o = parse("BOOT_IMAGE=/live/vmlinuz boot=live live-media=UUID=2026-11-30-01-02-03-00 "
				      "live-media-path=/casper live-media-timeout=5 overlay-size=2G "
				      "init=/lib/systemd/systemd quiet debug\n");

	ok(o.boot_live, "boot=live is accepted");
	is_str(o.media, "UUID=2026-11-30-01-02-03-00", "live-media=UUID=...");
	is_str(o.media_path, "/casper", "live-media-path=");
	is_int(o.media_timeout_s, 5, "live-media-timeout=");
	is_str(o.overlay_size, "2G", "overlay-size=");
	is_str(o.init, "/lib/systemd/systemd", "init=");
	ok(o.quiet && o.debug, "quiet and debug flags");
	is_int(o.nwarnings, 0, "no warnings for valid values");
}

static void test_quotes_and_last_wins(void)
{
	struct live_options o = parse("live-media=\"LABEL=My Live\" live-media-timeout=3 live-media-timeout=7");

	is_str(o.media, "LABEL=My Live", "quotes group blanks and are removed");
	is_int(o.media_timeout_s, 7, "the last occurrence wins");
	o = parse("\"live-media=LABEL=a b\"");
	is_str(o.media, "LABEL=a b", "a token quoted as a whole");
}

static void test_refused_values(void)
{
	struct live_options o = parse("live-media-timeout=12x live-media-timeout=0 live-media-timeout= "
				      "live-media-path=/a/../b overlay-size=lots init=sbin/init");

	is_int(o.media_timeout_s, 30, "malformed timeouts keep the default");
	is_str(o.media_path, "/live", "a path with .. is refused");
	is_str(o.overlay_size, "50%", "an unreadable size is refused");
	is_str(o.init, "", "a relative init= is refused");
	is_int(o.nwarnings, 6, "each refusal is reported");
	ok(strstr(o.warnings[0], "live-media-timeout=12x") != NULL, "the warning names the parameter: %s",
	   o.warnings[0]);
	o = parse("live-media-timeout=99999999999999999999999");
	is_int(o.media_timeout_s, 30, "an overflowing number is refused");
}

static void test_unknown_and_end_marker(void)
{
	struct live_options o = parse("foo=bar nosplash live-mediax=1 -- live-media=/dev/sda");

	is_str(o.media, "", "arguments after -- belong to the real init");
	is_int(o.nwarnings, 0, "unknown parameters are ignored silently");
	o = parse("break");
	is_str(o.break_stage, "premount", "a bare break stops before the medium is mounted");
	o = parse("break=top");
	is_str(o.break_stage, "top", "break=STAGE");
}

static void test_tokenizer_limits(void)
{
	char big[2000];
	struct live_options o;

	memset(big, 'a', sizeof(big));
	memcpy(big, "live-media=", 11);
	big[sizeof(big) - 1] = '\0';
	o = parse(big);
	is_str(o.media, "", "an over-long value is refused, not truncated");
	o = parse("live-media=\"unterminated quote");
	is_str(o.media, "unterminated quote", "an unterminated quote runs to the end");
	{
		const char text[] = { 'q', 'u', 'i', 'e', 't' };
		struct live_options p;

		cmdline_defaults(&p);
		cmdline_parse(&p, text, sizeof(text)); /* not NUL-terminated */
		ok(p.quiet, "text without a terminating NUL");
	}
}

static void test_persistence(void)
{
	struct live_options o = parse("");

	ok(!cmdline_wants_persistence(&o), "persistence is off unless asked for");
	is_str(o.persistence_label, "persistence", "the default label");
	ok(o.persistence_in_filesystems && o.persistence_in_files, "both storages by default");
	o = parse("persistence persistence-label=mine persistence-storage=file persistence-media=removable-usb "
		  "persistence-read-only");
	ok(cmdline_wants_persistence(&o), "persistence asks for it");
	is_str(o.persistence_label, "mine", "persistence-label=");
	ok(!o.persistence_in_filesystems && o.persistence_in_files, "persistence-storage=file");
	is_str(o.persistence_media, "removable-usb", "persistence-media=");
	ok(o.persistence_read_only, "persistence-read-only");
	o = parse("nopersistence persistence");
	ok(!cmdline_wants_persistence(&o), "nopersistence wins, wherever it stands");
	o = parse("persistence-storage=disk persistence-media=usb persistence-label=a/b");
	ok(o.persistence_in_filesystems && o.persistence_in_files && o.persistence_media[0] == '\0' &&
	   strcmp(o.persistence_label, "persistence") == 0, "refused values keep the defaults");
	is_int(o.nwarnings, 3, "and each is reported");
}

static void test_toram(void)
{
	struct live_options o = parse("toram");

	is_str(o.toram, "all", "a bare toram copies every image");
	o = parse("toram=auto");
	is_str(o.toram, "auto", "toram=auto");
	o = parse("toram=filesystem.squashfs");
	is_str(o.toram, "filesystem.squashfs", "toram=FILE");
	o = parse("toram=../x toram=a/b");
	is_str(o.toram, "", "a path is not an image name");
	is_int(o.nwarnings, 2, "both refusals are reported");
}

static void test_verity(void)
{
	const char *h = "e111212206c2c9fed93bad955a0c6d7e40cee97c5dcf181403729e15119cdf72";
	char arg[512];
	struct live_options o = parse("");

	is_str(o.verity, "", "no live-verity by default");
	(void)snprintf(arg, sizeof(arg), "live-verity=%s", h);
	o = parse(arg);
	is_str(o.verity, h, "live-verity=ROOTHASH");
	is_int(o.nwarnings, 0, "a valid root hash is not warned about");
	o = parse("live-verity=E111212206C2C9FED93BAD955A0C6D7E40CEE97C5DCF181403729E15119CDF72");
	is_str(o.verity, h, "upper-case hex is kept in lower case");
	(void)snprintf(arg, sizeof(arg), "live-verity=%.63s live-verity=%s0 live-verity=%.63sg live-verity= live-verity", h, h, h);
	o = parse(arg);
	is_str(o.verity, "", "63 digits, 65 digits, a non-hex digit, empty, bare: all refused");
	is_int(o.nwarnings, 5, "each refusal is reported");
	ok(o.nwarnings && strstr(o.warnings[0], "64 hexadecimal digits"), "the warning says what is expected");
	(void)snprintf(arg, sizeof(arg), "live-verity=%s live-verity=xyz", h);
	o = parse(arg);
	is_str(o.verity, h, "a refused value keeps the previous one");
}

int main(void)
{
	test_verity();
	test_toram();
	test_persistence();
	test_defaults();
	test_live_boot_names();
	test_quotes_and_last_wins();
	test_refused_values();
	test_unknown_and_end_marker();
	test_tokenizer_limits();
	return done_testing();
}
