# selftest=commit (tests/vm/59-commit.t, boot 1): makes four changes, commits
# them with live-commit, and checks that / is read-only afterwards.
. "$EXTRA_DIR/commit-lib.sh"
commit_make_changes
sync
commit_run
st_check "live-commit succeeded" "exit status $crc" [ "$crc" = 0 ]
st_check "the layer is on the volume, awaiting the reboot: $clayers/0001.squashfs.committed" \
	"$clayers has: $(ls -A "$clayers" 2>&1 | tr '\n' ' ')" [ -f "$clayers/0001.squashfs.committed" ]
if (echo x >/root/after-commit) 2>/dev/null; then
	st_notok "after the commit, / is read-only" "a file could be written"
else
	st_ok "after the commit, / is read-only"
fi
commit_run
case $crc:$cout in
1:*"waits for a reboot"*) st_ok "a second commit before the reboot is refused" ;;
*) st_notok "a second commit before the reboot is refused" "exit status $crc" ;;
esac
