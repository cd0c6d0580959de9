#!/bin/sh
# tests/unit/mkinitramfs-cache.t: the cache of compressed segments (TAP).
# The image is the same bytes whether its segments came from the cache (warm),
# from the compressor (cold) or with --no-cache; a changed /init compresses
# only the first segment again; a short or altered entry is never used (it is
# compressed again and replaced); another compressor finds none of zstd's
# entries; runs at once leave a sound cache; a cache that cannot be made is a
# note, not an error. A small module set and busybox keep it quick.
set -u
cd "$(dirname "$0")/../.." || exit 1
mk=${LIVEINIT_MKINITRAMFS:-build/host/mkinitramfs}
tree=${LIVEINIT_KERNEL_TREE:-build/kernel}
work=${LIVEINIT_TEST_DIR:-build/test}/mkinitramfs-cache
busybox=/bin/busybox

. tests/lib/tap.sh
# The image is three archives (mkinitramfs/output.h): cpio-join makes them one for GNU cpio.
join=$(pwd)/tests/unit/cpio-join
skip_without_kernel_tree "$tree"
echo 1..15
rm -rf "$work" && mkdir -p "$work" || exit 1
kver=$(cat "$tree/KVER")
cache=$work/cache
printf 'loop boot\nsquashfs boot\n' >"$work/small.conf"
cp /bin/true "$work/init" || exit 1

# build OUT [OPTION...]: the note about the segments in $work/err
build() {
	out=$1
	shift
	SOURCE_DATE_EPOCH=1700000000 "$mk" --no-config --no-hooks -o "$out" --kernel-tree "$tree" \
		--kver "$kver" --modules "$work/small.conf" --init "$work/init" --version 1.0 \
		--add-binary "$busybox:/bin/busybox" "$@" 2>"$work/err"
	status=$?
	cat "$work/err"
	return $status
}

said() { grep -q -e "$1" "$work/err"; }
entries() { find "$cache" -type f | wc -l; }
largest_entry() { ls -S "$cache"/* | head -n 1; }

cold() {
	build "$work/cold.img" --cache-dir "$cache" && said "0 from the cache $cache, 3 compressed" &&
		[ "$(entries)" = 3 ]
}

warm() {
	build "$work/warm.img" --cache-dir "$cache" && said "3 from the cache $cache, 0 compressed" &&
		cmp "$work/cold.img" "$work/warm.img"
}

no_cache() {
	build "$work/none.img" --no-cache && said "3 segments" && ! said "from the cache /" &&
		cmp "$work/cold.img" "$work/none.img" && [ "$(entries)" = 3 ]
}

unpacks() {
	zstd -dcq "$work/warm.img" | "$join" | cpio -it --quiet >"$work/names" &&
		grep -qx init "$work/names" && grep -qx bin/busybox "$work/names" &&
		grep -qx "lib/modules/$kver/kernel/drivers/block/loop.ko" "$work/names" &&
		[ "$(zstd -dcq "$work/warm.img" | grep -a -o '0000000B00000000TRAILER!!!' | wc -l)" = 3 ]
}

init_changed() {
	printf 'x' >>"$work/init" &&
		build "$work/init.img" --cache-dir "$cache" && said "2 from the cache $cache, 1 compressed" &&
		build "$work/init-none.img" --no-cache && cmp "$work/init.img" "$work/init-none.img" &&
		! cmp -s "$work/init.img" "$work/cold.img"
}

# damaged HOW: the largest entry (a segment of busybox) altered, then a build compresses it again
damaged() {
	entry=$(largest_entry)
	size=$(stat -c %s "$entry")
	case $1 in
	short) head -c $((size - 1)) "$entry" >"$work/e" ;;
	flipped) { head -c 1000 "$entry"; printf 'Z'; tail -c $((size - 1001)) "$entry"; } >"$work/e" ;;
	esac
	cmp -s "$work/e" "$entry" && { echo "not altered"; return 1; }
	cat "$work/e" >"$entry" &&
		build "$work/damaged.img" --cache-dir "$cache" && said "1 damaged entry" &&
		said "2 from the cache $cache, 1 compressed" && cmp "$work/damaged.img" "$work/init.img" &&
		build "$work/repaired.img" --cache-dir "$cache" && said "3 from the cache"
}

other_compressor() {
	before=$(entries)
	build "$work/xz.img" --cache-dir "$cache" --compress xz && said "0 from the cache $cache, 3 compressed" &&
		[ "$(entries)" = $((before + 3)) ] &&
		build "$work/xz2.img" --cache-dir "$cache" --compress xz && said "3 from the cache" &&
		cmp "$work/xz.img" "$work/xz2.img" &&
		[ "$(head -c 6 "$work/xz.img" | od -An -tx1 | tr -d ' ')" = fd377a585a00 ]
}

no_temporary_files() {
	[ -z "$(find "$cache" -name '.*' -type f)" ]
}

# Three cold runs at once on a new cache: the same image, then every segment a hit.
concurrent() {
	rm -rf "$cache"
	for i in 1 2 3; do
		SOURCE_DATE_EPOCH=1700000000 "$mk" --quiet --no-config --no-hooks -o "$work/c$i.img" \
			--kernel-tree "$tree" --kver "$kver" --modules "$work/small.conf" --init "$work/init" \
			--version 1.0 --add-binary "$busybox:/bin/busybox" --cache-dir "$cache" &
	done
	wait
	cmp "$work/c1.img" "$work/init.img" && cmp "$work/c2.img" "$work/init.img" &&
		cmp "$work/c3.img" "$work/init.img" && [ "$(entries)" = 3 ] &&
		build "$work/c4.img" --cache-dir "$cache" && said "3 from the cache"
}

unusable_cache() {
	: >"$work/a-file"
	build "$work/nodir.img" --cache-dir "$work/a-file/cache" && said "cannot use the cache" &&
		cmp "$work/nodir.img" "$work/init.img"
}

default_dir() {
	xdg=$(cd "$work" && pwd)/xdg
	XDG_CACHE_HOME=$xdg build "$work/xdg.img" && said "from the cache $xdg/liveinit/initramfs" &&
		[ "$(find "$xdg/liveinit/initramfs" -type f | wc -l)" = 3 ]
}

check "cold: all three segments compressed, three entries stored" cold
check "warm: all three from the cache, the cold image's bytes" warm
check "--no-cache: the same bytes, nothing stored" no_cache
check "the image: three archives, /init, busybox, a module" unpacks
check "a changed /init: only the first segment compressed; as --no-cache makes it" init_changed
check "a short entry: compressed again, the same image, the entry replaced" damaged short
check "a flipped byte: compressed again, the same image, the entry replaced" damaged flipped
check "another compressor (xz): other keys, its own entries hit next time" other_compressor
check "no temporary file left in the cache" no_temporary_files
check "three runs at once: the same image, a sound cache" concurrent
check "no temporary file left by them" no_temporary_files
check "a cache that cannot be made: a note, the same image" unusable_cache
check "the default: \$XDG_CACHE_HOME/liveinit/initramfs" default_dir
both_refused() {
	"$mk" --cache-dir x --no-cache --list --no-config --init /bin/true --modules "$work/small.conf" \
		2>"$work/err"
	[ $? = 2 ] && cat "$work/err" && said "--cache-dir and --no-cache exclude each other"
}

check "--cache-dir with --no-cache refused" both_refused
check "--help names --cache-dir and --no-cache" \
	sh -c '"$0" --help | grep -q -- "--cache-dir DIR" && "$0" --help | grep -q -- "--no-cache"' "$mk"

[ "$failed" = 1 ] || rm -rf "$work"
