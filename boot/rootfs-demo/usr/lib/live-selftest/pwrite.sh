# Extra checks for selftest=pwrite (tests/vm/5*-persist-*.t, first boot): after
# pstatus.sh, writes the ptoken=TOKEN of the command line to /root/persist-marker
# and /home/demo/persist-marker, and syncs. selftest=pcheck looks for them.
. "$EXTRA_DIR/pstatus.sh"
ptoken=$(cmdline_value ptoken) || ptoken=none
for _pf in /root/persist-marker /home/demo/persist-marker; do
	if mkdir -p "${_pf%/*}" 2>/dev/null && printf '%s\n' "$ptoken" >"$_pf" 2>/dev/null && sync; then
		st_ok "wrote $ptoken to $_pf"
	else
		st_notok "wrote $ptoken to $_pf" "cannot write it"
	fi
done
