#!/bin/sh
# tests/unit/mkinitramfs-list.t: the manifest of each module set, as
# `mkinitramfs --list` prints it through configs/mkinitramfs.conf (what
# build/initrd.img is made from: liveinit's own busybox and e2fsck, built by
# programs/build.mk, by the build hooks), against tests/unit/golden/{live,most,dep}.list (TAP):
#   live   MODULES=live, the configuration as it is
#   most   --modules most: every storage and file system driver
#   dep    --modules dep on a made-up machine: a sysfs with an AHCI controller,
#          a virtio disk, an xHCI controller with a USB stick, and /proc/mounts
#          with ext4 and vfat
# Firmware is looked for in an empty directory (--firmware-dir), so the
# manifests do not depend on the host's /lib/firmware. The static e2fsck keeps
# them independent of the host's shared libraries (their closure is tested by
# test_elfdeps and mkinitramfs-chroot.t).
#
# The kernel tree's path reads @KERNEL_TREE@ in the golden files, the built
# programs' directory @PROGRAMS@ and /init's source @INIT@, so they do not depend on where things are. Skipped only when
# there is no kernel tree (make unit makes it first). After an intended change
# (a module set changed, a new kernel, new host programs), regenerate them and
# review the diff:
#   tests/unit/mkinitramfs-list.t --update
set -u
cd "$(dirname "$0")/../.." || exit 1
mk=${LIVEINIT_MKINITRAMFS:-build/host/mkinitramfs}
tree=${LIVEINIT_KERNEL_TREE:-build/kernel}
work=${LIVEINIT_TEST_DIR:-build/test}/mkinitramfs-list
config=configs/mkinitramfs.conf
programs=${LIVEINIT_PROGRAMS_DIR:-build/programs}
busybox=$programs/busybox

if [ ! -r "$tree/KVER" ]; then
	echo "1..0 # SKIP no kernel tree at $tree (make build/kernel/KVER)"
	exit 0
fi
echo 1..7
rm -rf "$work" && mkdir -p "$work/firmware" || exit 1
kver=$(cat "$tree/KVER")
n=0
failed=0

# The made-up machine of the dep set.
make_machine() {
	m=$work/machine
	mkdir -p "$m/sys/devices/pci0000:00/0000:00:1f.2" "$m/sys/devices/pci0000:00/0000:00:04.0/virtio1" \
		"$m/sys/devices/pci0000:00/0000:00:14.0/usb1/1-1/1-1:1.0" "$m/proc" &&
		echo 'pci:v00008086d00002922sv00001AF4sd00001100bc01sc06i01' \
			>"$m/sys/devices/pci0000:00/0000:00:1f.2/modalias" &&
		echo 'pci:v00001AF4d00001042sv00001AF4sd00001100bc01sc80i00' \
			>"$m/sys/devices/pci0000:00/0000:00:04.0/modalias" &&
		echo 'virtio:d00000002v00001AF4' >"$m/sys/devices/pci0000:00/0000:00:04.0/virtio1/modalias" &&
		echo 'pci:v00008086d0000A36Dsv00001AF4sd00001100bc0Csc03i30' \
			>"$m/sys/devices/pci0000:00/0000:00:14.0/modalias" &&
		echo 'usb:v0781p5567d0100dc00dsc00dp00ic08isc06ip50in00' \
			>"$m/sys/devices/pci0000:00/0000:00:14.0/usb1/1-1/1-1:1.0/modalias" &&
		printf '%s\n' 'proc /proc proc rw 0 0' 'sysfs /sys sysfs rw 0 0' '/dev/vda1 / ext4 rw 0 0' \
			'/dev/sda1 /boot/efi vfat rw 0 0' >"$m/proc/mounts"
}

# golden NAME [OPTION...]: one test point for the list, one for its golden file.
golden() {
	name=$1
	shift
	n=$((n + 1))
	if "$mk" --list --quiet --config "$config" --kernel-tree "$tree" --kver "$kver" --init @INIT@ \
		--firmware-dir "$work/firmware" "$@" >"$work/$name.raw" 2>"$work/stderr"; then
		echo "ok $n - mkinitramfs --list, set $name"
	else
		echo "not ok $n - mkinitramfs --list, set $name"
		sed 's/^/# /' "$work/stderr"
		failed=1
	fi
	# The tree's and the programs' paths, wherever they are, become @KERNEL_TREE@
	# and @PROGRAMS@ (no regex: paths may hold dots).
	awk -v tree="$tree/" -v programs="$(cd "$programs" 2>/dev/null && pwd)/" '
	function put(from, to,  i) {
		i = index($0, from)
		if (i) $0 = substr($0, 1, i - 1) to substr($0, i + length(from))
	}
	{ put(tree, "@KERNEL_TREE@/"); put(programs, "@PROGRAMS@/"); print }' "$work/$name.raw" >"$work/$name.list"
	[ "$update" = 1 ] && cp "$work/$name.list" "tests/unit/golden/$name.list" &&
		echo "# updated tests/unit/golden/$name.list"
	n=$((n + 1))
	if diff -u "tests/unit/golden/$name.list" "$work/$name.list" >"$work/diff"; then
		echo "ok $n - the manifest equals tests/unit/golden/$name.list"
	else
		echo "not ok $n - the manifest differs from tests/unit/golden/$name.list (got $work/$name.list)"
		sed 's/^/# /' "$work/diff" | head -60
		echo "# if the change is intended: $0 --update, and review the diff"
		failed=1
	fi
}

update=0
[ "${1:-}" = --update ] && update=1
make_machine || { echo "Bail out! cannot make the made-up machine in $work"; exit 1; }
golden live
golden most --modules most
golden dep --modules dep --sysfs "$work/machine/sys" --proc "$work/machine/proc"

# Every applet link must be one this busybox provides.
n=$((n + 1))
if [ ! -x "$busybox" ]; then
	echo "ok $n # SKIP no $busybox"
else
	missing=$(awk '$1 == "slink" && $3 == "busybox" { sub(".*/", "", $2); print $2 }' "$work/live.list" |
		while read -r applet; do
			"$busybox" --list | grep -qx "$applet" || echo "$applet"
		done)
	if [ -z "$missing" ] && grep -q '^slink /bin/sh busybox' "$work/live.list"; then
		echo "ok $n - every applet linked in /bin is in $busybox --list"
	else
		echo "not ok $n - applets $busybox lacks:" $missing
		failed=1
	fi
fi
[ "$failed" = 1 ] || rm -rf "$work"
