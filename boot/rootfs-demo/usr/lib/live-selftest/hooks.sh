# selftest=hooks: what the bottom runtime hook of tests/vm/hooks left in the new root.
got=$(head -n 1 /etc/liveinit-hook-was-here 2>&1)
case $got in
"medium "*) st_ok "a bottom hook left /etc/liveinit-hook-was-here: $got" ;;
*) st_notok "a bottom hook left /etc/liveinit-hook-was-here" "$got" ;;
esac
note=$(sed -n 2p /etc/liveinit-hook-was-here 2>/dev/null)
st_check "it holds the note a build hook put in the image: $note" "${note:-nothing}" \
	[ "$note" = "a note a build hook put in the image" ]
