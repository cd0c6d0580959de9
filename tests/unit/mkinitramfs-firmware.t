#!/bin/sh
# tests/unit/mkinitramfs-firmware.t: an image for a kernel that is not the
# running one, from a made-up root file system (TAP): modules under
# ROOT/usr/lib/modules/VER without modules.dep (as Debian's packages ship
# them), so mkinitramfs indexes a scratch copy with depmod -b and leaves the
# tree alone; the release found without --kver; --modules-tree; and the
# firmware each module names in its .modinfo (made with objcopy
# --add-section), found in ROOT/lib/firmware, through a link, under a
# directory, for a compressed module (.ko.xz), and a missing one as a note.
# Needs gcc, objcopy, depmod and xz (make check installs them).
set -u
cd "$(dirname "$0")/../.." || exit 1
mk=$(realpath "${LIVEINIT_MKINITRAMFS:-build/host/mkinitramfs}")
work=${LIVEINIT_TEST_DIR:-build/test}/mkinitramfs-firmware
kver=9.9.9-liveinit-test

for tool in gcc objcopy xz; do
	if ! command -v "$tool" >/dev/null; then
		echo "1..0 # SKIP no $tool"
		exit 0
	fi
done
echo 1..12
rm -rf "$work" && mkdir -p "$work/src" "$work/tmp" || exit 1
work=$(cd "$work" && pwd)
root=$work/root
mods=$root/usr/lib/modules/$kver
n=0
failed=0

. tests/lib/tap.sh
# The image is two archives (mkinitramfs/output.h): cpio-join makes them one for GNU cpio.
join=$(pwd)/tests/unit/cpio-join

# module PATH NAME MODINFO-ENTRY...: a relocatable object with a .modinfo section.
module() {
	path=$1 name=$2
	shift 2
	mkdir -p "$(dirname "$path")" &&
		printf 'int %s_data;\n' "$name" >"$work/src/$name.c" &&
		gcc -c -o "$work/src/$name.o" "$work/src/$name.c" &&
		{ printf '%s\0' "name=$name" "license=GPL" "vermagic=$kver SMP mod_unload " "$@"; } \
			>"$work/src/$name.modinfo" &&
		objcopy --add-section .modinfo="$work/src/$name.modinfo" "$work/src/$name.o" "$path"
}

make_root() {
	module "$mods/kernel/drivers/foo/foo.ko" foo "firmware=foo/a.bin" "firmware=b.bin" \
		"firmware=linked.bin" "firmware=missing.bin" "alias=pci:v00001234d*sv*sd*bc*sc*i*" &&
		module "$work/src/bar.ko" bar "firmware=bar.bin" &&
		mkdir -p "$mods/kernel/drivers/bar" && xz -c "$work/src/bar.ko" >"$mods/kernel/drivers/bar/bar.ko.xz" &&
		mkdir -p "$root/lib/firmware/foo" &&
		echo 'firmware a' >"$root/lib/firmware/foo/a.bin" &&
		echo 'firmware b' >"$root/lib/firmware/b.bin" &&
		ln -s b.bin "$root/lib/firmware/linked.bin" &&
		echo 'firmware bar' >"$root/lib/firmware/bar.bin" &&
		printf 'foo\nbar boot\n' >"$work/set.conf" &&
		[ ! -e "$mods/modules.dep" ]
}

# run OPTION...: mkinitramfs for the made-up kernel, no configuration, no hook, its own /tmp.
run() {
	TMPDIR=$work/tmp SOURCE_DATE_EPOCH=1700000000 "$mk" --no-config --no-hooks \
		--modules "$work/set.conf" --init /bin/true --version 1.0 "$@"
}

has() { awk -v t="$2" -v p="$3" '$1 == t && $2 == p { found = 1 } END { exit !found }' "$1"; }

list_from_root() {
	run --list --kernel-tree "$root" >"$work/root.list" 2>"$work/err" || { cat "$work/err"; return 1; }
	cat "$work/err" "$work/root.list"
	has "$work/root.list" file "/lib/modules/$kver/kernel/drivers/foo/foo.ko" &&
		has "$work/root.list" file "/lib/modules/$kver/kernel/drivers/bar/bar.ko.xz" &&
		grep -q "indexed with depmod -b" "$work/err"
}

dependencies_resolved() {
	(cd "$work" && rm -rf x && mkdir x && cd x &&
		run -o "$work/image.cpio" --compress none --kernel-tree "$root" &&
		"$join" <"$work/image.cpio" | cpio -idm --quiet) &&
		grep -qx 'kernel/drivers/bar/bar.ko.xz:' "$work/x/lib/modules/$kver/modules.dep" &&
		grep -qx 'alias pci:v00001234d\*sv\*sd\*bc\*sc\*i\* foo' "$work/x/lib/modules/$kver/modules.alias" &&
		[ "$(cat "$work/x/etc/liveinit/modules.boot")" = bar ]
}

tree_untouched() {
	[ ! -e "$mods/modules.dep" ] && [ -z "$(ls -A "$work/tmp")" ]
}

firmware_in() {
	has "$work/root.list" file /lib/firmware/foo/a.bin && has "$work/root.list" file /lib/firmware/b.bin &&
		grep -q '^slink /lib/firmware/linked.bin b.bin ' "$work/root.list"
}

compressed_module_firmware() { has "$work/root.list" file /lib/firmware/bar.bin; }

missing_noted() {
	grep -q "note: firmware of foo not found (in $root/lib/firmware.*): missing.bin;" "$work/err" &&
		! grep -q missing.bin "$work/root.list"
}

firmware_bytes() {
	[ "$(cat "$work/x/lib/firmware/foo/a.bin")" = 'firmware a' ] &&
		[ "$(cat "$work/x/lib/firmware/linked.bin")" = 'firmware b' ]
}

modules_tree() {
	run --list --modules-tree "$mods" >"$work/mt.list" 2>"$work/err" &&
		has "$work/mt.list" file "/lib/modules/$kver/kernel/drivers/foo/foo.ko" &&
		has "$work/mt.list" file /lib/firmware/b.bin
}

firmware_dir_option() {
	mkdir -p "$work/fw" && echo 'other b' >"$work/fw/b.bin" &&
		run --list --kernel-tree "$root" --firmware-dir "$work/fw" >"$work/fw.list" 2>/dev/null &&
		grep -q "^file  /lib/firmware/b.bin 0644 0 0 $work/fw/b.bin\$" "$work/fw.list" &&
		! has "$work/fw.list" file /lib/firmware/foo/a.bin
}

two_kernels_named() {
	mkdir -p "$root/lib/modules/8.8.8-other" &&
		! run --list --kernel-tree "$root" >/dev/null 2>"$work/err" && cat "$work/err" &&
		grep -q "cannot choose a kernel in $root: 2 kernels there (8.8.8-other $kver): name one with --kver" \
			"$work/err" &&
		run --list --kernel-tree "$root" --kver "$kver" >/dev/null 2>&1
}

no_such_kernel_named() {
	! run --list --kernel-tree "$root" --kver 1.2.3 >/dev/null 2>"$work/err" && cat "$work/err" &&
		grep -q "cannot find the modules of 1.2.3: neither $root/lib/modules/1.2.3 nor" "$work/err"
}

check "a made-up root: modules in usr/lib/modules, no modules.dep, firmware in lib/firmware" make_root
check "listed: VER found, the tree indexed by depmod -b in a scratch copy" list_from_root
check "the image's indexes: depmod's modules.dep and modules.alias, modules.boot" dependencies_resolved
check "the tree left without modules.dep, the scratch copy removed" tree_untouched
check "firmware found: under a directory, plain, through a link" firmware_in
check "a compressed module's firmware read (xz)" compressed_module_firmware
check "a missing firmware file is a note, not an error" missing_noted
check "the firmware files in the unpacked image hold their bytes" firmware_bytes
check "--modules-tree DIR: VER from its name, firmware from the root above it" modules_tree
check "--firmware-dir DIR instead of the tree's and the host's" firmware_dir_option
check "two kernels in the root and no --kver: both named" two_kernels_named
check "--kver naming no kernel of the root: both places named" no_such_kernel_named

[ "$failed" = 1 ] || rm -rf "$work"
