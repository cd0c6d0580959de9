#!/bin/sh
# tests/unit/mkinitramfs-repro.t: mkinitramfs on the real kernel (TAP).
# The same inputs give the same bytes, for every compressor; SOURCE_DATE_EPOCH
# is honoured; the image holds what docs/DESIGN.md lists, and e2fsck with its
# interpreter and libraries (--add-binary); configs/mkinitramfs.conf gives the
# bytes the command line of before gave; a bad module set line, a program that
# is no ELF file and a missing library are named. Builds here read no
# configuration file (--no-config) and the small ones run no build hook.
# /bin/busybox stands in for /init (any binary does). Skipped only when there
# is no kernel tree (make unit makes it first).
set -u
cd "$(dirname "$0")/../.." || exit 1
mk=${LIVEINIT_MKINITRAMFS:-build/host/mkinitramfs}
tree=${LIVEINIT_KERNEL_TREE:-build/kernel}
work=${LIVEINIT_TEST_DIR:-build/test}/mkinitramfs-repro
conf=configs/modules/live.conf
busybox=/bin/busybox
e2fsck=/sbin/e2fsck
programs=${LIVEINIT_PROGRAMS_DIR:-build/programs} # liveinit's busybox and e2fsck (programs/build.mk)

. tests/lib/tap.sh
# The image is two archives (mkinitramfs/output.h): cpio-join makes them one for GNU cpio.
join=$(pwd)/tests/unit/cpio-join
skip_without_kernel_tree "$tree"
echo 1..17
rm -rf "$work" && mkdir -p "$work" || exit 1
kver=$(cat "$tree/KVER")
n=0
failed=0


# build EPOCH OUT METHOD CONF [OPTION...]: every segment compressed (mkinitramfs-cache.t
# tests the cache)
build() {
	epoch=$1 out=$2 method=$3 config=$4
	shift 4
	SOURCE_DATE_EPOCH=$epoch "$mk" --quiet --no-config -o "$out" --kernel-tree "$tree" \
		--kver "$kver" --modules "$config" --init "$busybox" --version 1.0 --compress "$method" \
		--no-cache "$@"
}

differ() { ! cmp -s "$1" "$2"; }

# The plain archive inside a compressed image is the uncompressed one.
same_archive() { zstd -dc "$1" | cmp - "$2"; }

lists() { # lists ARCHIVE PATH...: cpio -it names every PATH
	archive=$1
	shift
	"$join" <"$archive" | cpio -it --quiet >"$work/names" || return 1
	for path; do
		grep -qx "$path" "$work/names" || { echo "missing: $path"; return 1; }
	done
}

device_nodes() {
	"$join" <"$1" | cpio -itv --quiet >"$work/long" || return 1
	grep -E '^crw------- .* 5, +1 .* dev/console$' "$work/long" &&
		grep -E '^crw-rw-rw- .* 1, +3 .* dev/null$' "$work/long"
}

boot_list_starts_with_loop() {
	(cd "$work" && "$join" <plain.cpio | cpio -i --quiet --to-stdout etc/liveinit/modules.boot) \
		>"$work/boot" &&
		[ "$(head -n 1 "$work/boot")" = loop ] && grep -qx squashfs "$work/boot" &&
		grep -qx overlay "$work/boot"
}

later_epoch_differs() {
	build 1700000001 "$work/later.cpio" none "$conf" --busybox "$busybox" --add-binary "$e2fsck" &&
		differ "$work/later.cpio" "$work/plain.cpio"
}

two_builds_identical() {
	build 1700000000 "$work/small.$1.1" "$1" "$work/small.conf" --no-hooks &&
		build 1700000000 "$work/small.$1.2" "$1" "$work/small.conf" --no-hooks &&
		cmp "$work/small.$1.1" "$work/small.$1.2"
}

rejects_unknown_module() {
	printf 'loop boot\n# comment\nno_such_module_here\n' >"$work/bad.conf"
	if build 0 "$work/bad.img" none "$work/bad.conf" --no-hooks 2>"$work/err"; then
		echo "accepted a config naming a module that does not exist"
		return 1
	fi
	cat "$work/err"
	grep -q "bad.conf:3:.*no_such_module_here" "$work/err" && [ ! -e "$work/bad.img" ] &&
		[ ! -e "$work/bad.img.tmp" ]
}

# A program whose library is gone: built against libgone.so.1, which is then removed.
missing_library_named() {
	printf 'void gone(void) {}\n' >"$work/gone.c" &&
		printf 'void gone(void);\nint main(void) { gone(); return 0; }\n' >"$work/uses-gone.c" &&
		gcc -shared -fPIC -Wl,-soname,libgone.so.1 -o "$work/libgone.so.1" "$work/gone.c" &&
		gcc -o "$work/uses-gone" "$work/uses-gone.c" "$work/libgone.so.1" &&
		rm "$work/libgone.so.1" || return 1
	if build 0 "$work/gone.img" none "$work/small.conf" --no-hooks --add-binary "$work/uses-gone:/bin/x" \
		2>"$work/err"; then
		echo "accepted a program whose library is missing"
		return 1
	fi
	cat "$work/err"
	grep -q -- "--add-binary $work/uses-gone: cannot find libgone.so.1, needed by .*/uses-gone" \
		"$work/err" && [ ! -e "$work/gone.img" ]
}

no_elf_refused() {
	printf '#!/bin/sh\necho hi\n' >"$work/script" && chmod +x "$work/script"
	if build 0 "$work/script.img" none "$work/small.conf" --no-hooks --add-binary "$work/script:/bin/s" \
		2>"$work/err"; then
		echo "accepted a script as a program"
		return 1
	fi
	cat "$work/err"
	grep -q -- "--add-binary $work/script: cannot parse the ELF headers of .*script: Exec format error" \
		"$work/err"
}

# configs/mkinitramfs.conf (and its build hooks) against the command line
# build/initrd.img was made with before it.
config_equals_command_line() {
	SOURCE_DATE_EPOCH=1700000000 "$mk" --quiet -o "$work/by-config.cpio" \
		--config configs/mkinitramfs.conf --kernel-tree "$tree" --kver "$kver" \
		--init "$busybox" --version 1.0 --compress none &&
		build 1700000000 "$work/by-options.cpio" none "$conf" --busybox "$programs/busybox" \
			--e2fsck "$programs/e2fsck" &&
		cmp "$work/by-config.cpio" "$work/by-options.cpio"
}

check "zstd image of the live set built" build 1700000000 "$work/a.img" zstd "$conf" --busybox "$busybox" \
	--add-binary "$e2fsck"
check "built again" build 1700000000 "$work/b.img" zstd "$conf" --busybox "$busybox" \
	--add-binary "$e2fsck"
check "the two zstd images are byte-identical" cmp "$work/a.img" "$work/b.img"
check "no .tmp left behind" test ! -e "$work/a.img.tmp"
check "uncompressed archive built" build 1700000000 "$work/plain.cpio" none "$conf" --busybox "$busybox" \
	--add-binary "$e2fsck"
check "the zstd image holds that archive" same_archive "$work/a.img" "$work/plain.cpio"
check "the archive holds /init, devices, release, module indexes, busybox, e2fsck and its libraries" lists "$work/plain.cpio" \
	init dev/console dev/null etc/initrd-release etc/liveinit/modules.boot \
	"lib/modules/$kver/modules.dep" "lib/modules/$kver/modules.alias" \
	"lib/modules/$kver/modules.softdep" "lib/modules/$kver/kernel/fs/squashfs/squashfs.ko" \
	bin/busybox bin/sh etc/mtab sbin/e2fsck lib64/ld-linux-x86-64.so.2 \
	lib/x86_64-linux-gnu/ld-linux-x86-64.so.2 lib/x86_64-linux-gnu/libext2fs.so.2 \
	lib/x86_64-linux-gnu/libc.so.6
check "/dev/console c 5 1 0600, /dev/null c 1 3 0666" device_nodes "$work/plain.cpio"
check "modules.boot: loop first, squashfs and overlay" boot_list_starts_with_loop
check "another SOURCE_DATE_EPOCH, other bytes" later_epoch_differs
check "configs/mkinitramfs.conf gives the bytes of the command line it replaced" \
	config_equals_command_line

# The other compressors, on a small set (they are slow on the whole one).
printf 'loop boot\nsquashfs boot\n' >"$work/small.conf"
for method in xz gzip lz4; do
	check "$method: two builds byte-identical" two_builds_identical "$method"
done
check "a config naming no module is refused, with file and line" rejects_unknown_module
check "--add-binary: a missing library is refused, naming it, who needs it, the option" \
	missing_library_named
check "--add-binary: a script is refused: no ELF headers" no_elf_refused

[ "$failed" = 1 ] || rm -rf "$work"
