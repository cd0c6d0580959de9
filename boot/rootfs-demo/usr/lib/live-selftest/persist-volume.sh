# Extra checks for selftest=persist-volume, also sourced by persist-write.sh and
# persist-check.sh: the live root's changes go to a persistence volume (`/ union`),
# judged from the running system. Sets $pvol (its mount point) and $pdev.
st_check "the kernel command line has persistence" "$(cat "$CMDLINE" 2>/dev/null)" cmdline_has persistence
pvol=$(mount_point_of "${upper:-/}") || pvol=/
pdev=$(mount_get "$pvol" dev) || pdev=none
ptype=$(mount_get "$pvol" type) || ptype=none
popts=$(mount_get "$pvol" opts) || popts=
st_info "persistence volume: $pvol dev=$pdev type=$ptype opts=$popts upper=$upper work=$work"

# /run/live/persistence/<device>, one level down
case ${pvol#"$LIVE/persistence/"} in
"$pvol" | '' | */*) pvol_where=no ;;
*) pvol_where=yes ;;
esac
st_check "upperdir is on a volume mounted at $LIVE/persistence/<device>" "upperdir=$upper is on $pvol" \
	[ "$pvol_where" = yes ]
case $ptype in tmpfs | ramfs | overlay | none) pfs=no ;; *) pfs=yes ;; esac
[ -b "$pdev" ] || pfs=no
st_check "the volume is a disk file system ($ptype) on a block device ($pdev)" "$ptype on $pdev" [ "$pfs" = yes ]
case ,$popts, in *,rw,*) prw=yes ;; *) prw=no ;; esac
st_check "the volume is mounted read-write" "options $popts" [ "$prw" = yes ]
st_check "upperdir is rw/ at the volume's root" "upperdir=$upper" [ "$upper" = "$pvol/rw" ]
st_check "workdir is work/ at the volume's root" "workdir=$work" [ "${work%/}" = "$pvol/work" ]
if [ -r "$pvol/persistence.conf" ] &&
	awk '$1 == "/" && $2 ~ /(^|,)union(,|$)/ { f = 1 } END { exit !f }' "$pvol/persistence.conf"; then
	st_ok "the volume's persistence.conf has '/ union'"
else
	st_notok "the volume's persistence.conf has '/ union'" "$(head -c 200 "$pvol/persistence.conf" 2>&1 | tr '\n' ';')"
fi
