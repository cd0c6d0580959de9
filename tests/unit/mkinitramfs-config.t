#!/bin/sh
# tests/unit/mkinitramfs-config.t: the configuration file through mkinitramfs
# (TAP): each key does what it says, relative paths are the file's, the
# command line overrides it, a bad line is refused with the file and line
# and nothing written, a missing file and an empty module list are named.
# The parser's own cases are in test_conffile. Skipped only when there is no
# kernel tree (make unit makes it first).
set -u
cd "$(dirname "$0")/../.." || exit 1
mk=${LIVEINIT_MKINITRAMFS:-build/host/mkinitramfs}
tree=${LIVEINIT_KERNEL_TREE:-build/kernel}
work=${LIVEINIT_TEST_DIR:-build/test}/mkinitramfs-config

. tests/lib/tap.sh
skip_without_kernel_tree "$tree"
echo 1..14
rm -rf "$work" && mkdir -p "$work/cfg/sets" "$work/cfg/files" "$work/cfg/hooks" || exit 1
work=$(cd "$work" && pwd)
kver=$(cat "$tree/KVER")
n=0
failed=0


# run CONFIG OPTION...: mkinitramfs with that configuration, the real kernel, /bin/true as /init.
run() {
	config=$1
	shift
	SOURCE_DATE_EPOCH=1700000000 "$mk" --config "$config" --kernel-tree "$tree" --kver "$kver" \
		--init /bin/true --version 1.0 "$@"
}

# has LIST TYPE PATH: the manifest has an entry of that type at that path.
has() { awk -v t="$2" -v p="$3" '$1 == t && $2 == p { found = 1 } END { exit !found }' "$1"; }

# A configuration using every key; relative paths are the file's.
printf 'loop boot\nbtrfs\n' >"$work/cfg/sets/mine.conf"
echo 'hello' >"$work/cfg/files/motd"
mkdir -p "$work/cfg/tools" && cp /sbin/e2fsck.static "$work/cfg/tools/e2fsck"
printf '#!/bin/sh\necho "dir /from-hook 0700"\n' >"$work/cfg/hooks/50-mark"
chmod +x "$work/cfg/hooks/50-mark"
cat >"$work/cfg/all.conf" <<'CONF'
# every key
MODULES=live sets/mine.conf   # a set name and a relative path
COMPRESS=gzip
BUSYBOX=/bin/busybox
E2FSCK=tools/e2fsck
BINARIES=/sbin/e2fsck.static:/opt/fsck
FILES="files/motd:/etc/motd"
HOOKS_DIRS=hooks
CONF

# HOOKS_DIRS=hooks (the file's) and, from the command line, the shipped
# hooks/build, whose 10-busybox installs BUSYBOX.
every_key() {
	run "$work/cfg/all.conf" --list --hooks-dir hooks/build >"$work/all.list" || return 1
	has "$work/all.list" file "/lib/modules/$kver/kernel/fs/squashfs/squashfs.ko" &&
		has "$work/all.list" file "/lib/modules/$kver/kernel/fs/btrfs/btrfs.ko" &&
		has "$work/all.list" file /opt/fsck && has "$work/all.list" file /etc/motd &&
		grep -q "^file  /etc/motd 0644 0 0 $work/cfg/files/motd\$" "$work/all.list" &&
		grep -q "^file  /sbin/e2fsck 0755 0 0 $work/cfg/tools/e2fsck\$" "$work/all.list" &&
		has "$work/all.list" dir /from-hook && has "$work/all.list" file /bin/busybox
}

busybox_needs_its_hook() {
	! run "$work/cfg/all.conf" --list >/dev/null 2>"$work/err" &&
		grep -q "BUSYBOX is /bin/busybox, but no build hook installed /bin/busybox" "$work/err"
}

compress_key() {
	sed 's/^BUSYBOX=.*/BUSYBOX=/' "$work/cfg/all.conf" >"$work/cfg/nobb.conf" &&
		run "$work/cfg/nobb.conf" -o "$work/gzip.img" --no-cache &&
		[ "$(head -c 2 "$work/gzip.img" | od -An -tx1 | tr -d ' ')" = 1f8b ]
}

command_line_overrides() {
	run "$work/cfg/nobb.conf" -o "$work/plain.img" --compress none --modules "$work/cfg/sets/mine.conf" \
		--hooks-dir hooks/build --add-file "$work/cfg/files/motd:/etc/motd2" &&
		[ "$(head -c 6 "$work/plain.img")" = 070701 ] &&
		run "$work/cfg/nobb.conf" --list --modules "$work/cfg/sets/mine.conf" --busybox /bin/busybox \
			--hooks-dir hooks/build --add-file "$work/cfg/files/motd:/etc/motd2" >"$work/over.list" &&
		! has "$work/over.list" file "/lib/modules/$kver/kernel/fs/squashfs/squashfs.ko" &&
		has "$work/over.list" file "/lib/modules/$kver/kernel/fs/btrfs/btrfs.ko" &&
		has "$work/over.list" file /etc/motd && has "$work/over.list" file /etc/motd2 &&
		has "$work/over.list" file /bin/busybox &&
		grep -q "^file  /sbin/e2fsck 0755 0 0 $work/cfg/tools/e2fsck\$" "$work/over.list" &&
		(cd "$work/cfg" && run nobb.conf --list --e2fsck files/motd2 --hooks-dir "$OLDPWD/hooks/build" \
			>"$work/over2.list" 2>"$work/err"; [ $? != 0 ]) &&
		grep -q "20-e2fsck: E2FSCK is $work/cfg/files/motd2, which is not an executable file" "$work/err" &&
		(cd "$work/cfg" && run nobb.conf --list --e2fsck /sbin/e2fsck.static \
			--hooks-dir "$OLDPWD/hooks/build" >"$work/over2.list") &&
		grep -q "^file  /sbin/e2fsck 0755 0 0 /usr/sbin/e2fsck.static\$" "$work/over2.list"
}

empty_hooks_dirs() {
	printf 'MODULES=live\nBUSYBOX=\nHOOKS_DIRS=\n' >"$work/cfg/nohooks.conf" &&
		run "$work/cfg/nohooks.conf" --list >"$work/nohooks.list" &&
		! has "$work/nohooks.list" file /bin/busybox && ! has "$work/nohooks.list" file /sbin/e2fsck
}

# refused CONFIG LINE TEXT: no image, exit status 2, "CONFIG:LINE: ...TEXT..."
refused() {
	config=$1 line=$2 text=$3
	rm -f "$work/bad.img"
	run "$config" -o "$work/bad.img" 2>"$work/err"
	status=$?
	cat "$work/err"
	[ "$status" = 2 ] && grep -q "^mkinitramfs: $config:$line: .*$text" "$work/err" &&
		[ ! -e "$work/bad.img" ] && [ ! -e "$work/bad.img.tmp" ]
}

printf 'MODULES=live\n# fine so far\nCOMPRESS = zstd\n' >"$work/cfg/blanks.conf"
printf 'MODULES=live\nKERNEL=6.1\n' >"$work/cfg/unknown.conf"
printf 'MODULES=live\nBUSYBOX=$HOME/busybox\n' >"$work/cfg/dollar.conf"
printf 'MODULES=live\n\nMODULES=most\n' >"$work/cfg/twice.conf"
printf 'COMPRESS=bzip2\n' >"$work/cfg/method.conf"
printf 'MODULES=no-such-set\n' >"$work/cfg/noset.conf"
printf '# nothing\n' >"$work/cfg/empty.conf"

missing_set_named() {
	! run "$work/cfg/noset.conf" --list >/dev/null 2>"$work/err" && cat "$work/err" &&
		grep -q "cannot read the module set .*/no-such-set.conf: No such file" "$work/err"
}

missing_config_named() {
	! run "$work/cfg/nonexistent.conf" --list >/dev/null 2>"$work/err" && cat "$work/err" &&
		grep -q "cannot read the configuration file $work/cfg/nonexistent.conf: No such file or directory (--no-config" "$work/err"
}

no_modules_named() {
	! run "$work/cfg/empty.conf" --list >/dev/null 2>"$work/err" && cat "$work/err" &&
		grep -q "no module set: MODULES in the configuration, or --modules SET" "$work/err"
}

check "every key: MODULES (a name, a relative path), BUSYBOX, E2FSCK (relative), BINARIES, FILES, HOOKS_DIRS" every_key
check "BUSYBOX set, but its hook not in HOOKS_DIRS: said so" busybox_needs_its_hook
check "COMPRESS=gzip: a gzip image" compress_key
check "the command line overrides MODULES, COMPRESS, BUSYBOX, E2FSCK (relative to the working directory, a non-program refused); adds to FILES and hooks" command_line_overrides
check "HOOKS_DIRS= (empty): no hook runs" empty_hooks_dirs
check "blanks around '=' refused, with file and line" refused "$work/cfg/blanks.conf" 3 "expected KEY=VALUE"
check "an unknown key refused" refused "$work/cfg/unknown.conf" 2 "unknown key 'KERNEL'"
check "a variable refused: values are literal" refused "$work/cfg/dollar.conf" 2 "'\\$' in a value"
check "a key set twice refused" refused "$work/cfg/twice.conf" 3 "MODULES set twice (first on line 1)"
check "an unknown compressor refused" refused "$work/cfg/method.conf" 1 "COMPRESS: 'bzip2'"
check "a set name with no file: the file named" missing_set_named
check "a missing configuration file named, --no-config suggested" missing_config_named
check "no module set at all: said so" no_modules_named
both_refused() {
	! "$mk" --config "$work/cfg/all.conf" --no-config --list --init /bin/true 2>"$work/err" &&
		cat "$work/err" && grep -q -- "--config and --no-config exclude each other" "$work/err"
}
check "--config and --no-config together refused" both_refused

[ "$failed" = 1 ] || rm -rf "$work"
