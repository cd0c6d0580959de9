# Extra checks for selftest=pcheck (tests/vm/5*-persist-*.t, second boot): after
# pstatus.sh, /root/persist-marker and /home/demo/persist-marker hold the
# ptoken=TOKEN of the command line (written by selftest=pwrite or psync).
. "$EXTRA_DIR/pstatus.sh"
ptoken=$(cmdline_value ptoken) || ptoken=none
for _pf in /root/persist-marker /home/demo/persist-marker; do
	_got=$(cat "$_pf" 2>/dev/null)
	if [ "$_got" = "$ptoken" ]; then
		st_ok "$_pf holds $ptoken"
	else
		st_notok "$_pf holds $ptoken" "it holds '${_got:-nothing}'"
	fi
done
