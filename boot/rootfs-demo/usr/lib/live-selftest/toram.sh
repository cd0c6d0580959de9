# selftest=toram: the images run from RAM. Says so, waits (at most 120 s) for
# the test to eject the CD through QEMU's monitor, then reads every file of
# the root: all of it must still be readable without the medium.
lower_src=$(mount_get "${lowers%%:*}" dev)
st_info "lowest layer ${lowers%%:*} from $lower_src"
# through dm-verity (live-verity=), the image and its hash tree are the
# verity device's two loop devices; both must read from RAM
loops=${lower_src#/dev/}
case $loops in dm-*) loops=$(ls /sys/block/$loops/slaves 2>/dev/null) ;; esac
for loop in ${loops:-none}; do
	backing=$(cat /sys/block/$loop/loop/backing_file 2>/dev/null)
	case $backing in
	/run/live/toram/*) st_ok "the image's loop device reads $backing, in RAM" ;;
	*) st_notok "the image's loop device reads a file in /run/live/toram" "$loop reads ${backing:-nothing}" ;;
	esac
done
echo "SELFTEST TORAM-READY"
# the kernel does not poll the drive: a read is what notices the empty tray
i=0
while dd if=/dev/sr0 of=/dev/null bs=2048 count=1 2>/dev/null && [ $i -lt 240 ]; do
	sleep 0.5
	i=$((i + 1))
done
err=$(dd if=/dev/sr0 of=/dev/null bs=2048 count=1 2>&1 >/dev/null)
st_check "the CD was ejected" "sr0 still reads" [ -n "$err" ]
st_info "reading sr0 now says: $(echo "$err" | head -n 1)"
echo 3 >/proc/sys/vm/drop_caches # nothing read before may come from the page cache
files=0 errors=0
for f in $(find / -xdev -type f 2>/dev/null); do
	files=$((files + 1))
	cat "$f" >/dev/null 2>&1 || errors=$((errors + 1))
done
st_check "all $files files of the root read back without the medium" "$errors could not be read" [ "$errors" = 0 ]
