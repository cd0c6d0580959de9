# Extra checks for selftest=pliveboot (tests/vm/57-persist-liveboot-stick.t):
# after pstatus.sh, /root/from-live-boot.txt, put in rw/root/ of the stick's
# persistence partition before the boot, holds "kept by live-boot".
. "$EXTRA_DIR/pstatus.sh"
_got=$(cat /root/from-live-boot.txt 2>/dev/null)
if [ "$_got" = "kept by live-boot" ]; then
	st_ok "/root/from-live-boot.txt holds what was prepared"
else
	st_notok "/root/from-live-boot.txt holds what was prepared" "it holds '${_got:-nothing}'"
fi
