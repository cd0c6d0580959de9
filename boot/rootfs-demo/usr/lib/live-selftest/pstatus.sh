# Extra checks for selftest=pstatus, sourced by the other p*.sh scenarios too
# (tests/vm/5*-persist-*.t): reports, as SELFTEST info lines, each line of /init's
# $LIVE/persistence/status (persistence=..., root=..., volume NAME device=...
# mountpoint=... state=... note=...), the overlay's upperdir, the kernel's
# mounts under $LIVE/persistence/ (volumes, and the partitions holding image
# files), and any sign that a source= link led off a volume onto /etc (etc-escape).
pstatus_file=$LIVE/persistence/status
if [ -r "$pstatus_file" ]; then
	while IFS= read -r _l; do st_info "$_l"; done <"$pstatus_file"
else
	st_info "persistence status: no $pstatus_file"
fi
st_info "upper=$upper"
while read -r _dev _dir _type _opts _rest; do
	case $_dir in "$LIVE"/persistence/*) st_info "mount $_dev $_dir type=$_type options=$_opts" ;; esac
done <"$MOUNTS"
for _pf in passwd os-release initrd-release hostname; do
	[ ! -e "/opt/$_pf" ] || st_info "etc-escape: /opt/$_pf exists (/etc's files over /opt)"
done
