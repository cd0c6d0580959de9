# selftest=commit-crash (tests/vm/59-commit.t, boot 3): a second commit, with a
# 12 MiB file to write, is stopped while mksquashfs writes the layer (SIGSTOP,
# so the moment is certain), what it wrote so far is synced (so the partial
# file is on the disk, as after a power cut late in the write), and the test
# kills QEMU: a power cut mid-commit.
. "$EXTRA_DIR/commit-lib.sh"
echo "$ctoken" >/root/second-change
dd if=/dev/urandom of=/root/big bs=1M count=12 2>/dev/null
sync
live-commit --yes >/dev/null 2>&1 &
i=0
while [ ! -s "$clayers/.tmp-0002.squashfs" ] && [ $i -lt 4000 ]; do
	usleep 5000
	i=$((i + 1))
done
kill -STOP $(pidof mksquashfs) 2>/dev/null
sync
if [ -s "$clayers/.tmp-0002.squashfs" ] && [ ! -e "$clayers/0002.squashfs.committed" ]; then
	st_ok "caught the commit while it wrote the layer ($(stat -c %s "$clayers/.tmp-0002.squashfs") bytes so far)"
else
	st_notok "caught the commit while it wrote the layer" "$clayers has: $(ls -A "$clayers" | tr '\n' ' ')"
fi
echo "SELFTEST POWER-CUT-NOW"
sleep 300
