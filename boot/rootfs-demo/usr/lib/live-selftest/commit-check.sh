# selftest=commit-check (tests/vm/59-commit.t, boot 2): the committed layer is
# stacked, the four changes hold, and the upper layer starts empty of them.
. "$EXTRA_DIR/commit-lib.sh"
commit_changes_hold
commit_layers_are 0001.squashfs
commit_upper_lacks /root/commit-new /etc/hostname /etc/shells "$cdoc"
st_check "the volume holds $clayers/0001.squashfs, no pending commit" \
	"$clayers has: $(ls -A "$clayers" 2>&1 | tr '\n' ' ')" \
	[ "$(ls -A "$clayers" 2>/dev/null | tr '\n' ' ')" = "0001.squashfs " ]
commit_run
case $crc:$cout in
0:*"nothing to commit"*) st_ok "with an empty upper there is nothing to commit" ;;
*) st_notok "with an empty upper there is nothing to commit" "exit status $crc" ;;
esac
