# selftest=hooks: what the bottom runtime hook of tests/vm/hooks left in the new root.
got=$(cat /etc/liveinit-hook-was-here 2>&1)
case $got in
"medium "*) st_ok "a bottom hook left /etc/liveinit-hook-was-here: $got" ;;
*) st_notok "a bottom hook left /etc/liveinit-hook-was-here" "$got" ;;
esac
