#!/bin/sh
# tests/unit/mkinitramfs-chroot.t: programs added with --add-binary run from
# the unpacked image, chrooted, with nothing of the host's (TAP). This proves
# the library closure complete without a VM: e2fsck checks an ext4 image (a
# clean one, then one with a wrong free-blocks count, as /init runs it: -p), and
# with /proc mounted (in a private mount namespace) /etc/mtab tells it what is
# mounted; a program made here finds its library through RUNPATH $ORIGIN at the
# place DEST gives it. Then the image of configs/mkinitramfs.conf, with
# liveinit's own static busybox and e2fsck (programs/): no dynamic loader in
# it, and its shell and e2fsck work chrooted. Needs root (chroot): make check runs as root; skipped
# otherwise, and when there is no kernel tree (make unit makes it first).
set -u
cd "$(dirname "$0")/../.." || exit 1
mk=${LIVEINIT_MKINITRAMFS:-build/host/mkinitramfs}
tree=${LIVEINIT_KERNEL_TREE:-build/kernel}
work=${LIVEINIT_TEST_DIR:-build/test}/mkinitramfs-chroot
busybox=/bin/busybox
e2fsck=/sbin/e2fsck

if [ "$(id -u)" != 0 ]; then
	echo "1..0 # SKIP chroot needs root"
	exit 0
fi
. tests/lib/tap.sh
skip_without_kernel_tree "$tree"
echo 1..16
rm -rf "$work" && mkdir -p "$work/src" "$work/root" || exit 1
work=$(cd "$work" && pwd) # the program's RUNPATH is relative to it; chroot wants it absolute
kver=$(cat "$tree/KVER")
root=$work/root
n=0
failed=0


# A program with its own library, found through RUNPATH $ORIGIN/../lib/greet.
make_greet() {
	mkdir -p "$work/src/bin" "$work/src/lib/greet" &&
		printf 'const char *greeting(void) { return "hello from libgreet"; }\n' >"$work/src/greet.c" &&
		printf '#include <stdio.h>\nconst char *greeting(void);\nint main(void) { puts(greeting()); return 0; }\n' \
			>"$work/src/main.c" &&
		gcc -shared -fPIC -Wl,-soname,libgreet.so.1 -o "$work/src/lib/greet/libgreet.so.1.0" \
			"$work/src/greet.c" &&
		ln -s libgreet.so.1.0 "$work/src/lib/greet/libgreet.so.1" &&
		gcc -o "$work/src/bin/greet" "$work/src/main.c" -L"$work/src/lib/greet" -l:libgreet.so.1 \
			-Wl,--enable-new-dtags,-rpath,'$ORIGIN/../lib/greet'
}

build_image() {
	printf 'loop boot\n' >"$work/small.conf" &&
		SOURCE_DATE_EPOCH=1700000000 "$mk" --quiet --no-config -o "$work/image.cpio" --compress none \
			--kernel-tree "$tree" --kver "$kver" --modules "$work/small.conf" \
			--init "$busybox" --busybox "$busybox" --add-binary "$e2fsck" \
			--add-binary "$work/src/bin/greet:/opt/greet/bin/greet"
}

# The image is two archives (mkinitramfs/output.h): cpio-join makes them one for GNU cpio.
join=$(pwd)/tests/unit/cpio-join
unpack() { (cd "$root" && "$join" <"${1:-$work/image.cpio}" | cpio -idm --quiet); } # unpack [CPIO]

make_ext4() {
	truncate -s 8M "$root/clean.ext4" && mke2fs -q -F -t ext4 -L persistence "$root/clean.ext4" &&
		cp "$root/clean.ext4" "$root/damaged.ext4" &&
		debugfs -w -R 'ssv free_blocks_count 17' "$root/damaged.ext4"
}

# in_root COMMAND...: the command chrooted, with an empty environment but PATH.
in_root() { env -i PATH=/sbin:/bin chroot "$root" "$@"; }

version_runs() { in_root /sbin/e2fsck -V 2>&1 | grep -q '^e2fsck [0-9]'; }

# e2fsck's exit status: 0 clean, 1 errors corrected, 4 errors left.
fsck_status() {
	want=$1
	shift
	in_root /sbin/e2fsck "$@"
	status=$?
	echo "exit status $status, want $want"
	[ "$status" = "$want" ]
}

# with_proc COMMAND...: in_root with /proc mounted in a private mount
# namespace (gone with the command), as /init has it.
with_proc() {
	unshare --mount --fork sh -c 'mount -t proc proc "$0/proc" &&
		exec env -i PATH=/sbin:/bin chroot "$0" "$@"' "$root" "$@"
}

# /etc/mtab -> /proc/mounts answers e2fsck's question.
mtab_answers() {
	with_proc /sbin/e2fsck -n -f /clean.ext4 >"$work/mtab.log" 2>&1
	status=$?
	cat "$work/mtab.log"
	[ "$status" = 0 ] && ! grep -q 'missing mtab' "$work/mtab.log"
}

# glibc finds a program's $ORIGIN through /proc/self/exe.
greet_runs() { [ "$(with_proc /opt/greet/bin/greet)" = "hello from libgreet" ]; }

check "a program with a RUNPATH \$ORIGIN library built" make_greet
check "image with --add-binary $e2fsck and the program built" build_image
check "the image unpacks (cpio -idm)" unpack
check "/lib64/ld-linux-x86-64.so.2 and e2fsck's libraries are in it" test -x "$root/sbin/e2fsck" \
	-a -L "$root/lib64/ld-linux-x86-64.so.2" -a -e "$root/lib64/ld-linux-x86-64.so.2" \
	-a -e "$root/lib/x86_64-linux-gnu/libext2fs.so.2" -a -e "$root/lib/x86_64-linux-gnu/libc.so.6"
check "ext4 images made (one with a wrong free-blocks count)" make_ext4
check "chroot: e2fsck -V runs" version_runs
check "chroot: e2fsck -n -f on the clean image: 0" fsck_status 0 -n -f /clean.ext4
check "chroot: e2fsck -p on the damaged image corrects it: 1" fsck_status 1 -p -f /damaged.ext4
check "chroot, /proc mounted: /etc/mtab lets e2fsck check what is mounted" mtab_answers
check "chroot: the program finds its library at \$ORIGIN/../lib/greet in the image" greet_runs

# The default configuration's image: liveinit's busybox and e2fsck.
# with_root DIR COMMAND...: the command with $root (the tree the helpers above use) set to DIR.
with_root() {
	root_was=$root root=$1
	shift
	"$@"
	status=$?
	root=$root_was
	return $status
}
build_default() {
	SOURCE_DATE_EPOCH=1700000000 "$mk" --quiet -o "$work/default.cpio" --compress none \
		--config configs/mkinitramfs.conf --kernel-tree "$tree" --kver "$kver" --init "$busybox" &&
		mkdir -p "$work/default" && with_root "$work/default" unpack "$work/default.cpio" && with_root "$work/default" make_ext4
}
no_loader() { [ ! -e "$work/default/lib64/ld-linux-x86-64.so.2" ] && [ ! -e "$work/default/lib64" ]; }
default_version() { in_root /sbin/e2fsck -V 2>&1 | grep '^e2fsck 1\.47'; }
default_shell() {
	out=$(in_root /bin/sh -c 'echo premount-$((6*7)) | wc -c; ls /bin | grep -c .')
	echo "$out" | sed 's/^/# /'
	[ "$(echo "$out" | head -n 1)" = 12 ] && [ "$(echo "$out" | tail -n 1)" -gt 50 ]
}
default_fsck() {
	fsck_status 0 -n -f /clean.ext4 && fsck_status 1 -p -f /damaged.ext4 && fsck_status 0 -n -f /damaged.ext4
}
check "image of configs/mkinitramfs.conf built and unpacked" build_default
check "its busybox and e2fsck are liveinit's static builds: no dynamic loader in the image" no_loader
check "its e2fsck reports version 1.47" with_root "$work/default" default_version
check "chroot: its busybox sh runs a pipeline of applets (wc, ls) over the links in /bin" \
	with_root "$work/default" default_shell
check "chroot: its e2fsck passes the clean image, corrects the damaged one (1), then passes it" \
	with_root "$work/default" default_fsck
check "its busybox is not the host's" sh -c "! cmp -s '$work/default/bin/busybox' /bin/busybox"

[ "$failed" = 1 ] || rm -rf "$work"
