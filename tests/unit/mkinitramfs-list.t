#!/bin/sh
# tests/unit/mkinitramfs-list.t: the live set's manifest, `mkinitramfs --list`
# for configs/modules/live.conf with busybox and e2fsck-static's e2fsck (as
# build/initrd.img), against tests/unit/golden/live.list (TAP). The static
# e2fsck keeps the manifest independent of the host's shared libraries (their
# closure is tested by test_elfdeps and mkinitramfs-chroot.t).
#
# The kernel tree's path reads @KERNEL_TREE@ in the golden file and /init's
# source @INIT@, so it does not depend on where things are. Skipped only when
# there is no kernel tree (make unit makes it first). After an intended change
# (a module added to live.conf, a new kernel, new host libraries), regenerate it
# and review the diff:
#   tests/unit/mkinitramfs-list.t --update
set -u
cd "$(dirname "$0")/../.." || exit 1
mk=${LIVEINIT_MKINITRAMFS:-build/host/mkinitramfs}
tree=${LIVEINIT_KERNEL_TREE:-build/kernel}
work=${LIVEINIT_TEST_DIR:-build/test}/mkinitramfs-list
golden=tests/unit/golden/live.list
conf=configs/modules/live.conf
busybox=/bin/busybox
e2fsck=/sbin/e2fsck.static:/sbin/e2fsck

if [ ! -r "$tree/KVER" ]; then
	echo "1..0 # SKIP no kernel tree at $tree (make build/kernel/KVER)"
	exit 0
fi
echo 1..3
rm -rf "$work" && mkdir -p "$work" || exit 1
kver=$(cat "$tree/KVER")

if "$mk" --list --quiet --kernel-tree "$tree" --kver "$kver" --modules "$conf" \
	--init @INIT@ --busybox "$busybox" --add-binary "$e2fsck" >"$work/raw" 2>"$work/stderr"; then
	echo "ok 1 - mkinitramfs --list for $conf"
else
	echo "not ok 1 - mkinitramfs --list for $conf"
	sed 's/^/# /' "$work/stderr"
	failed=1
fi

# The tree's path, wherever it is, becomes @KERNEL_TREE@ (no regex: paths may hold dots).
awk -v tree="$tree/" '{
	i = index($0, tree)
	if (i) $0 = substr($0, 1, i - 1) "@KERNEL_TREE@/" substr($0, i + length(tree))
	print
}' "$work/raw" >"$work/live.list"

if [ "${1:-}" = --update ]; then
	cp "$work/live.list" "$golden" && echo "# updated $golden"
fi
if diff -u "$golden" "$work/live.list" >"$work/diff"; then
	echo "ok 2 - the manifest equals $golden"
else
	echo "not ok 2 - the manifest differs from $golden (got $work/live.list)"
	sed 's/^/# /' "$work/diff" | head -60
	echo "# if the change is intended: $0 --update, and review the diff"
	failed=1
fi

# Every applet link must be one this busybox provides.
if [ ! -x "$busybox" ]; then
	echo "ok 3 # SKIP no $busybox"
else
	missing=$(awk '$1 == "slink" && $3 == "busybox" { sub(".*/", "", $2); print $2 }' "$work/live.list" |
		while read -r applet; do
			"$busybox" --list | grep -qx "$applet" || echo "$applet"
		done)
	if [ -z "$missing" ]; then
		echo "ok 3 - every applet linked in /bin is in $busybox --list"
	else
		echo "not ok 3 - applets $busybox lacks:" $missing
		failed=1
	fi
fi
[ "${failed:-0}" = 1 ] || rm -rf "$work"
