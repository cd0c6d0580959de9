#!/bin/sh
# tests/unit/mkinitramfs-hooks.t: build hooks through mkinitramfs (TAP).
# Hooks in scratch directories print each directive (file with and without
# DEST and MODE, dir, slink, module, binary, comments, a runtime hook under
# /lib/liveinit/hooks/premount/); they run in name order across directories
# with KERNEL_VERSION, KERNEL_TREE, MODULES_DIR and BUSYBOX set; a later
# directory's hook replaces or disables one of the same name; names run-parts
# would skip are skipped; a bad directive, a missing file, a failing hook and
# two hooks clashing are refused naming the hook and the line; the command
# line's entry wins over a hook's; the shipped hooks install busybox and
# e2fsck. The parser's own cases are in test_directive. Skipped only when
# there is no kernel tree (make unit makes it first).
set -u
cd "$(dirname "$0")/../.." || exit 1
mk=${LIVEINIT_MKINITRAMFS:-build/host/mkinitramfs}
tree=${LIVEINIT_KERNEL_TREE:-build/kernel}
work=${LIVEINIT_TEST_DIR:-build/test}/mkinitramfs-hooks

. tests/lib/tap.sh
skip_without_kernel_tree "$tree"
echo 1..15
rm -rf "$work" && mkdir -p "$work/a" "$work/b" "$work/bad" "$work/src" || exit 1
work=$(cd "$work" && pwd)
kver=$(cat "$tree/KVER")
n=0
failed=0


# run OPTION...: mkinitramfs on the live set, no configuration, only the given hook directories.
run() {
	"$mk" --no-config --no-hooks --kernel-tree "$tree" --kver "$kver" --modules live \
		--init /bin/true --version 1.0 --list "$@"
}

has() { awk -v t="$2" -v p="$3" '$1 == t && $2 == p { found = 1 } END { exit !found }' "$1"; }

# hook DIR NAME BODY: an executable sh script.
hook() {
	printf '#!/bin/sh\n%s\n' "$3" >"$work/$1/$2" && chmod +x "$work/$1/$2"
}

echo 'a file' >"$work/src/data"
chmod 600 "$work/src/data"
echo 'echo premount' >"$work/src/runtime-hook"
chmod 755 "$work/src/runtime-hook"
hook a 30-every "echo '# each directive'
echo ''
echo 'file $work/src/data /usr/share/x/data'
echo 'file $work/src/data /usr/share/x/data.0644 0644'
echo 'file $work/src/data 0444'
echo 'dir /var/lib/thing 0700'
echo 'slink /usr/bin/vi2 /bin/vi'
echo 'module btrfs'
echo 'binary /sbin/e2fsck.static /usr/sbin/fsck.ext4'
echo 'file $work/src/runtime-hook /lib/liveinit/hooks/premount/10-hello'
echo \"env \$KERNEL_VERSION|\$KERNEL_TREE|\$MODULES_DIR|\$BUSYBOX|\$E2FSCK\" >&2
echo '30-every' >>$work/order"
hook b 20-second "echo '20-second' >>$work/order"
hook a 10-first "echo '10-first' >>$work/order"
hook a 40-replaced "echo 'dir /from-a'"
hook b 40-replaced "echo 'dir /from-b'"
hook a 45-disabled "echo 'dir /disabled'"
printf 'not executable\n' >"$work/b/45-disabled"
hook a skipped.sh "echo 'dir /skipped-dot'"
hook a 'skipped~' "echo 'dir /skipped-tilde'"
hook a .skipped "echo 'dir /skipped-hidden'"

every_directive() {
	run --busybox /bin/busybox --e2fsck /sbin/e2fsck.static --hooks-dir hooks/build --hooks-dir "$work/a" --hooks-dir "$work/b" \
		>"$work/every.list" 2>"$work/err" || { cat "$work/err"; return 1; }
	cat "$work/every.list"
	grep -q "^file  $work/src/data 0444 0 0 $work/src/data\$" "$work/every.list" &&
		grep -q "^file  /usr/share/x/data 0644 0 0 $work/src/data\$" "$work/every.list" &&
		grep -q "^file  /usr/share/x/data.0644 0644 0 0 " "$work/every.list" &&
		grep -q "^dir   /var/lib/thing 0700 0 0\$" "$work/every.list" &&
		grep -q "^slink /usr/bin/vi2 /bin/vi 0777 0 0\$" "$work/every.list" &&
		has "$work/every.list" file "/lib/modules/$kver/kernel/fs/btrfs/btrfs.ko" &&
		has "$work/every.list" file /usr/sbin/fsck.ext4 &&
		grep -q "^file  /lib/liveinit/hooks/premount/10-hello 0755 0 0 $work/src/runtime-hook\$" \
			"$work/every.list"
}
# (a file's mode from the host: data is 0600, not executable: 0644)

in_name_order() { [ "$(tr '\n' ' ' <"$work/order")" = "10-first 20-second 30-every " ]; }

environment() {
	grep -qx "env $kver|$tree|$tree/lib/modules/$kver|/bin/busybox|/sbin/e2fsck.static" "$work/err"
}

overrides() {
	has "$work/every.list" dir /from-b && ! has "$work/every.list" dir /from-a &&
		! has "$work/every.list" dir /disabled
}

skipped_names() { ! grep -q skipped "$work/every.list"; }

# refused HOOK-BODY LINE TEXT: the error names the hook (in bad/) and the line.
refused() {
	rm -f "$work/bad/"*
	hook bad 50-bad "$1"
	if run --hooks-dir "$work/bad" >/dev/null 2>"$work/err"; then
		echo "accepted"
		return 1
	fi
	cat "$work/err"
	grep -q "^mkinitramfs: hook $work/bad/50-bad$2: $3" "$work/err"
}

two_hooks_clash() {
	rm -f "$work/bad/"*
	hook bad 60-one "echo 'slink /etc/x /one'"
	hook bad 61-two "echo '# first'; echo 'slink /etc/x /two'"
	! run --hooks-dir "$work/bad" >/dev/null 2>"$work/err" && cat "$work/err" &&
		grep -q "^mkinitramfs: hook $work/bad/61-two:2: slink /etc/x: File exists (another entry" "$work/err"
}

same_entry_twice() {
	rm -f "$work/bad/"*
	hook bad 60-one "echo 'dir /etc/y 0700'; echo 'slink /etc/z /one'"
	hook bad 61-two "echo 'dir /etc/y 0700'; echo 'slink /etc/z /one'"
	run --hooks-dir "$work/bad" >"$work/twice.list" && has "$work/twice.list" slink /etc/z
}

command_line_wins() {
	rm -f "$work/bad/"*
	hook bad 60-motd "echo 'file $work/src/data /etc/motd'"
	run --hooks-dir "$work/bad" --add-file "$work/src/runtime-hook:/etc/motd" \
		>"$work/wins.list" 2>"$work/err" || return 1
	cat "$work/err"
	grep -q "^file  /etc/motd 0755 0 0 $work/src/runtime-hook\$" "$work/wins.list" &&
		grep -q "60-motd:1: /etc/motd is given by the configuration or the command line" "$work/err"
}

shipped_hooks() {
	run --busybox /bin/busybox --hooks-dir hooks/build >"$work/shipped.list" &&
		has "$work/shipped.list" file /bin/busybox && has "$work/shipped.list" slink /bin/sh &&
		has "$work/shipped.list" file /sbin/e2fsck && has "$work/shipped.list" slink /etc/mtab
}

check "each directive adds its entry (file, dir, slink, module, binary, a runtime hook)" every_directive
check "hooks run in name order across the directories" in_name_order
check "KERNEL_VERSION, KERNEL_TREE, MODULES_DIR, BUSYBOX, E2FSCK in the environment" environment
check "a later directory's hook replaces one of the same name, or disables it" overrides
check "x.sh, x~ and .x are no hooks" skipped_names
check "an unknown directive: hook and line named" refused "echo 'dir /ok'; echo 'copy /a /b'" \
	:2 "unknown directive 'copy'"
check "a missing file: hook, line and file named" refused "echo 'file /nonexistent/x /x'" \
	:1 "file /nonexistent/x: No such file or directory"
check "a bad mode: hook and line named" refused "echo 'dir /d 999'" :1 "'999': expected an octal MODE"
check "a module of no kernel: hook and line named" refused "echo 'module no_such_mod'" \
	:1 "module no_such_mod: no module or alias named 'no_such_mod'"
check "a hook exiting 3: named, with its status" refused "echo 'dir /d'; exit 3" "" "exited with status 3"
check "a binary without its library: hook, line, library named" refused \
	"echo 'binary $work/src/runtime-hook /bin/x'" :1 "binary $work/src/runtime-hook: cannot parse the ELF headers"
check "two hooks giving different entries at one path: the second named" two_hooks_clash
check "the same entry from two hooks is no clash" same_entry_twice
check "the command line's --add-file wins over a hook's entry, with a note" command_line_wins
check "the shipped hooks install busybox with its applets, e2fsck and /etc/mtab" shipped_hooks

[ "$failed" = 1 ] || rm -rf "$work"
