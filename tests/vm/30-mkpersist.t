#!/bin/bash
# boot/mkpersist on the host (no VM): a persistence partition added to a copy of
# the selftest ISO the way live-boot documents it for USB sticks (the ISO, its
# boot code and partition 1 unchanged; partition 2 ext4 labelled persistence
# with persistence.conf), the refusals (no terminal and no --yes, no free space,
# an existing file, a mounted device, bad persistence.conf lines), the file and
# disk modes, GPT names, reproducible bytes. The mounted-device checks need root
# and loop devices (skipped otherwise).
source "$(dirname "$0")/../lib/vm.sh"
iso=$B/test/liveinit-selftest.iso
vm_require "$iso"
M=$VM_ROOT/boot/mkpersist
W=$VM_LOG_DIR/mkpersist
rm -rf "$W"
mkdir -p "$W"
export SOURCE_DATE_EPOCH=1700000000
U=c0de0000-0000-4000-8000-0000000000aa
isobytes=$(stat -c %s "$iso")
MiB=1048576

for c in sfdisk debugfs blkid e2fsck; do
	command -v "$c" >/dev/null 2>&1
	vm_ok $? "$c is installed" || { vm_diag "boot/install-deps (sfdisk: Debian package fdisk)"; vm_done; }
done

# run NAME ARGS...: boot/mkpersist, its output in $W/NAME.out, status in $rc
run() {
	local name=$1
	shift
	rc=0
	"$M" "$@" >"$W/$name.out" 2>&1 </dev/null || rc=$?
}
out() { tr '\n' ' ' <"$W/$1.out"; }
# part N FILE: "start size type" of partition N (sfdisk -J)
part() {
	sfdisk -J "$2" 2>/dev/null | python3 -c '
import json, sys
t = json.load(sys.stdin)["partitiontable"]
for p in t.get("partitions", []):
    if p["node"][len(t["device"]):].lstrip("p") == sys.argv[1]:
        print(p["start"], p["size"], p["type"])' "$1"
}
probe() { # probe FILE OFFSET: "LABEL=.. TYPE=.. UUID=.." as blkid -p sees it
	blkid -p -o export -O "$2" "$1" 2>/dev/null | grep -E '^(LABEL|TYPE|UUID)=' | sort | tr '\n' ' ' | sed 's/ $//'
}
conf() { # conf FILE[?offset=N]: persistence.conf as debugfs reads it
	debugfs -R 'cat /persistence.conf' "$1" 2>/dev/null
}

# --- partition: the live-boot way ------------------------------------------------
stick=$W/stick.img
cp --sparse=always "$iso" "$stick"
run part partition "$stick" --uuid "$U" --grow 64M --yes
vm_is "$rc" 0 "partition --grow 64M --yes on a copy of the selftest ISO succeeds" || vm_diag "$(out part)"
xstart=$(((isobytes + MiB - 1) / MiB * 2048)) xend=$(((isobytes + 64 * MiB) / 512 - 1))
xmib=$(awk -v s=$((xend + 1 - xstart)) 'BEGIN { m = s / 2048; if (m == int(m)) printf "%d MiB", m; else printf "%.1f MiB", m }')
grep -qF "will add partition 2 (ext4, label persistence, $xmib, sectors $xstart-$xend) to $stick" "$W/part.out"
vm_ok $? "it named the exact change first (partition 2, label, size, sectors, target)" || vm_diag "$(out part)"
vm_is "$(stat -c %s "$stick")" $((isobytes + 64 * MiB)) "the image grew by exactly 64 MiB"
read -r p2start p2size p2type <<<"$(part 2 "$stick")"
vm_is "${p2type:-none}" 83 "partition 2 exists, type 83 (sfdisk -J)"
vm_ok $((p2start % 2048 != 0 || p2start * 512 < isobytes)) "partition 2 starts on a MiB boundary after the ISO (sector ${p2start:-?})"
vm_is "$(((p2start + p2size) * 512))" "$(stat -c %s "$stick")" "partition 2 ends at the end of the image (--size rest)"
vm_is "$(part 1 "$stick")" "$(part 1 "$iso")" "partition 1 is unchanged in the table"
off=$((p2start * 512))
vm_is "$(probe "$stick" "$off")" "LABEL=persistence TYPE=ext4 UUID=$U" "blkid -p at partition 2: ext4, label persistence, the --uuid"
vm_is "$(conf "$stick?offset=$off")" "/ union" "persistence.conf holds '/ union' (debugfs)"
e2fsck -fn "$stick?offset=$off" >"$W/fsck.out" 2>&1
vm_ok $? "e2fsck -fn finds the new file system clean" || vm_diag "$(cat "$W/fsck.out")"
vm_is "$(blkid -p -o value -s TYPE "$stick")" iso9660 "the stick still probes as iso9660"
cmp -s -n 462 "$stick" "$iso" && cmp -s -i 478 -n $((isobytes - 478)) "$stick" "$iso"
vm_ok $? "the first $isobytes bytes (the ISO, its MBR boot code, partition 1) are unchanged but for MBR entry 2 (bytes 462-477)"
vm_ok $(($(stat -c %b "$stick") * 512 > isobytes + 24 * MiB)) "the image stays sparse ($(($(stat -c %b "$stick") / 2048)) MiB allocated)"

run again partition "$stick" --yes --uuid "$U"
vm_ok $((rc == 0)) "a second partition run on the full stick is refused (exit $rc)"
grep -q 'no free space' "$W/again.out"
vm_ok $? "... saying there is no free space" || vm_diag "$(out again)"

# --conf lines replace the default, --size takes a part of the free space
s2=$W/stick2.img
cp --sparse=always "$iso" "$s2"
run conf partition "$s2" --grow 64M --size 32M --yes --conf '/home bind' --conf '/var/lib/demo bind,source=demo'
vm_is "$rc" 0 "partition --size 32M --conf ... succeeds" || vm_diag "$(out conf)"
read -r c2start c2size _ <<<"$(part 2 "$s2")"
vm_is "$((c2size * 512))" $((32 * MiB)) "partition 2 is 32 MiB"
vm_is "$(conf "$s2?offset=$((c2start * 512))")" $'/home bind\n/var/lib/demo bind,source=demo' "the --conf lines replace '/ union'"

# --- refusals ----------------------------------------------------------------------
s3=$W/stick3.img
cp --sparse=always "$iso" "$s3"
truncate -s +32M "$s3"
sum=$(sha256sum <"$s3")
run noterm partition "$s3"
vm_ok $((rc == 0)) "without --yes and without a terminal it refuses (exit $rc)"
grep -q 'no terminal to ask on and no --yes' "$W/noterm.out" && grep -q "will add partition 2 .* to $s3" "$W/noterm.out"
vm_ok $? "... after naming the change, saying why" || vm_diag "$(out noterm)"
run dry partition "$s3" --dry-run
vm_ok $((rc != 0)) "--dry-run prints the plan" || vm_diag "$(out dry)"
vm_is "$(sha256sum <"$s3")" "$sum" "neither changed a byte"

s4=$W/stick4.img
cp --sparse=always "$iso" "$s4"
run nospace partition "$s4" --yes
vm_ok $((rc == 0)) "an ISO with no space after it is refused without --grow (exit $rc)"
grep -q "no free space on $s4 after partition 1" "$W/nospace.out" && grep -q -- '--grow' "$W/nospace.out"
vm_ok $? "... saying so and pointing at --grow" || vm_diag "$(out nospace)"
run toobig partition "$s3" --size 64M --yes
vm_ok $((rc == 0)) "--size larger than the free space is refused (exit $rc)"
grep -q 'not enough free space' "$W/toobig.out"
vm_ok $? "... saying so" || vm_diag "$(out toobig)"
vm_is "$(sha256sum <"$s4")$(sha256sum <"$s3")" "$(sha256sum <"$iso")$sum" "neither image changed"

for bad in '/srv bind,frobnicate' 'home bind' '/etc/../root bind' '/ bind' '/home source=/etc' '/opt bind union'; do
	run badconf disk "$W/bad.img" --size 8M --conf "$bad"
	[ $rc -ne 0 ] && [ ! -e "$W/bad.img" ]
	vm_ok $? "--conf '$bad' is refused, nothing written" || vm_diag "$(out badconf)"
done

# --- file and disk -------------------------------------------------------------------
run file file "$W/persistence" --size 48M --uuid "$U"
vm_is "$rc" 0 "file PATH --size 48M succeeds" || vm_diag "$(out file)"
vm_is "$(probe "$W/persistence" 0)" "LABEL=persistence TYPE=ext4 UUID=$U" "... an ext4 image labelled persistence"
vm_is "$(stat -c %s "$W/persistence")" $((48 * MiB)) "... of 48 MiB"
vm_is "$(conf "$W/persistence")" "/ union" "... holding '/ union'"
vm_ok $(($(stat -c %b "$W/persistence") * 512 >= 24 * MiB)) "... sparse"
sum=$(sha256sum <"$W/persistence")
run fileagain file "$W/persistence" --size 64M
vm_ok $((rc == 0)) "file refuses an existing PATH (exit $rc)"
vm_is "$(sha256sum <"$W/persistence")" "$sum" "... and leaves it as it was"
run diskagain disk "$W/persistence" --size 64M
vm_ok $((rc == 0)) "disk refuses an existing PATH (exit $rc)"
grep -q 'exists: not overwriting' "$W/diskagain.out"
vm_ok $? "... saying so" || vm_diag "$(out diskagain)"
vm_is "$(sha256sum <"$W/persistence")" "$sum" "... and leaves it as it was"

run disk disk "$W/disk.img" --size 64M --label mydata --uuid "$U"
vm_is "$(probe "$W/disk.img" 0)" "LABEL=mydata TYPE=ext4 UUID=$U" "disk --label mydata: whole-disk ext4 with that label"
run gpt disk "$W/gpt.img" --size 64M --gpt
vm_is "$rc" 0 "disk --gpt succeeds" || vm_diag "$(out gpt)"
name=$(sfdisk -J "$W/gpt.img" 2>/dev/null | python3 -c 'import json,sys; t=json.load(sys.stdin)["partitiontable"]; print(t["label"], len(t["partitions"]), t["partitions"][0].get("name"), t["partitions"][0]["start"])')
vm_is "$name" "gpt 1 persistence 2048" "sfdisk -J: a GPT with one partition named persistence, from sector 2048"
vm_is "$(probe "$W/gpt.img" $MiB | sed 's/ UUID=.*//')" "LABEL=persistence TYPE=ext4" "its file system is ext4 labelled persistence"
vm_is "$(conf "$W/gpt.img?offset=$MiB")" "/ union" "... with '/ union'"

run r1 disk "$W/r1.img" --size 32M --gpt --uuid "$U" --conf '/home bind'
run r2 disk "$W/r2.img" --size 32M --gpt --uuid "$U" --conf '/home bind'
cmp -s "$W/r1.img" "$W/r2.img"
vm_ok $? "the same options, --uuid and SOURCE_DATE_EPOCH give the same bytes"

"$M" --help >"$W/help.out" 2>&1
missing=
for o in partition file disk --size rest --grow --label --conf --uuid --gpt --gpt-name --yes --dry-run persistence.conf 'union'; do
	grep -q -- "$o" "$W/help.out" || missing="$missing $o"
done
vm_is "${missing:-none}" none "--help documents every mode and option"

# --- a mounted device (root, loop devices) --------------------------------------------------
loops=()
cleanup_loops() {
	local l
	umount "$W/mnt" 2>/dev/null || true
	for l in ${loops[@]+"${loops[@]}"}; do losetup -d "$l" 2>/dev/null || true; done
	loops=()
}
trap cleanup_loops EXIT
lstick=$W/loop-stick.img
cp --sparse=always "$iso" "$lstick"
truncate -s +32M "$lstick"
if [ "$(id -u)" != 0 ]; then
	reason="not root"
elif ! loop=$(losetup -f --show -P "$lstick" 2>"$W/losetup.err"); then
	reason="no loop device: $(cat "$W/losetup.err")"
else
	loops+=("$loop")
	reason=
	mkdir -p "$W/mnt"
	mounted=$loop mounted_file=$lstick what="the stick's ISO"
	if ! mount -t iso9660 -o ro "$loop" "$W/mnt" 2>/dev/null; then
		# no iso9660 in the host's kernel: an ext4 volume on a loop device instead
		"$M" disk "$W/mounted.img" --size 16M >/dev/null
		if l2=$(losetup -f --show "$W/mounted.img") && loops+=("$l2") && mount -t ext4 "$l2" "$W/mnt" 2>/dev/null; then
			mounted=$l2 mounted_file=$W/mounted.img what="an ext4 volume (the host kernel has no iso9660)"
		else
			reason="cannot mount anything on a loop device here"
		fi
	fi
fi
if [ -n "$reason" ]; then
	for d in "a mounted block device is refused" "a file attached to a mounted loop device is refused" \
		"partition on an unmounted block device (loop) succeeds" "... and is what the image file then holds"; do
		vm_skip "$d" "$reason"
	done
else
	vm_diag "mounted $what: $mounted on $W/mnt"
	run mounted partition "$mounted" --yes
	[ $rc -ne 0 ] && grep -q "$mounted is in use.*mounted on $(readlink -f "$W/mnt")" "$W/mounted.out"
	vm_ok $? "a mounted block device is refused, naming the mount point (exit $rc)" || vm_diag "$(out mounted)"
	run mountedfile partition "$mounted_file" --yes
	[ $rc -ne 0 ] && grep -q "is attached to $mounted.*mounted on $(readlink -f "$W/mnt")" "$W/mountedfile.out"
	vm_ok $? "a file attached to a mounted loop device is refused (exit $rc)" || vm_diag "$(out mountedfile)"
	umount "$W/mnt"
	run blockdev partition "$loop" --yes --uuid "$U"
	vm_is "$rc" 0 "partition on an unmounted block device (loop) succeeds" || vm_diag "$(out blockdev)"
	sync
	cleanup_loops
	read -r bstart _ btype <<<"$(part 2 "$lstick")"
	vm_is "$btype $(probe "$lstick" $((${bstart:-0} * 512)))" "83 LABEL=persistence TYPE=ext4 UUID=$U" \
		"... and is what the image file then holds (partition 2, ext4 persistence)"
fi
vm_done
