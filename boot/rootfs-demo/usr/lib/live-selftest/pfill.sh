# Extra checks for selftest=pfill (tests/vm/54-persist-full.t): after pstatus.sh,
# fills the root's upper layer (the volume) with /root/persist-fill until the
# write fails, which must be ENOSPC; then gives 1 MiB back, so the volume stays
# all but full and the next boot's own checks can still write.
. "$EXTRA_DIR/pstatus.sh"
_fill=/root/persist-fill
_err=$(dd if=/dev/zero of="$_fill" bs=65536 2>&1 >/dev/null)
_rc=$?
_msg=$(printf '%s\n' "$_err" | grep -m1 'No space left on device')
if [ -n "$_msg" ]; then
	st_ok "filling the volume ends in ENOSPC: $_msg"
else
	st_notok "filling the volume ends in ENOSPC" "dd exited $_rc: $(printf '%s' "$_err" | tr '\n' ' ')"
fi
sync
_size=$(stat -c %s "$_fill" 2>/dev/null || echo 0)
_keep=$((_size > 1048576 ? _size - 1048576 : 0))
truncate -s "$_keep" "$_fill" 2>/dev/null
sync
st_info "left $_fill at $_keep bytes (of $_size written)"
