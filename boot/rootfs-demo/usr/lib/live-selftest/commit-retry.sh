# selftest=commit-retry (tests/vm/59-commit.t, boot 4): after the power cut
# mid-commit, the old state: layer 0001 only, the second change still in the
# upper, no partial file. Then the commit again, this time to its end; the
# test kills QEMU right after it: a power cut after the commit.
. "$EXTRA_DIR/commit-lib.sh"
commit_changes_hold
commit_layers_are 0001.squashfs
st_check "the change the cut commit was taking is still there, in the upper layer" \
	"$(ls -l /root/second-change "$upper/root/second-change" 2>&1 | tr '\n' ' ')" \
	[ "$(cat "$upper/root/second-change" 2>/dev/null)" = "$ctoken" ]
st_check "the partial layer is gone; only 0001.squashfs is on the volume" \
	"$clayers has: $(ls -A "$clayers" 2>&1 | tr '\n' ' ')" \
	[ "$(ls -A "$clayers" 2>/dev/null | tr '\n' ' ')" = "0001.squashfs " ]
commit_run
st_check "the commit, done again, succeeded" "exit status $crc" [ "$crc" = 0 ]
echo "SELFTEST POWER-CUT-NOW"
sleep 300
