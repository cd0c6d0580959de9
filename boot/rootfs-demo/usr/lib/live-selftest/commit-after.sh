# selftest=commit-after (tests/vm/59-commit.t, boot 5): after a power loss right
# after the commit, the new state: both layers stacked, every change there,
# the upper empty of them.
. "$EXTRA_DIR/commit-lib.sh"
commit_changes_hold
commit_layers_are 0002.squashfs 0001.squashfs
st_check "the second change is there" "/root/second-change holds '$(cat /root/second-change 2>&1)'" \
	[ "$(cat /root/second-change 2>/dev/null)" = "$ctoken" ]
commit_upper_lacks /root/commit-new /root/second-change /root/big /etc/shells
