# Shared by the commit*.sh scenarios (tests/vm/59-commit.t): the four changes
# the first boot makes and commits, and what each later boot checks. Sets
# $cvol (the persistence volume) and $clayers (its layers/ directory).
. "$EXTRA_DIR/pstatus.sh"
ctoken=$(cmdline_value ctoken) || ctoken=none
cvol=${upper%/rw}
clayers=$cvol/layers
cdoc=/usr/share/doc/liveinit-demo

# commit_make_changes: a new file, a changed file, a deleted file, and a
# directory of the image replaced by a new one (an opaque directory).
commit_make_changes() {
	echo "$ctoken" >/root/commit-new &&
		echo "changed-$ctoken" >/etc/hostname &&
		rm /etc/shells &&
		rm -r "$cdoc" && mkdir "$cdoc" && echo "$ctoken" >"$cdoc/NEW"
	st_check "made the four changes: new, changed, deleted, replaced directory" "one of them failed" [ $? = 0 ]
}

# commit_changes_hold: the four changes are what the system shows.
commit_changes_hold() {
	st_check "the new file is there: /root/commit-new holds $ctoken" "it holds '$(cat /root/commit-new 2>&1)'" \
		[ "$(cat /root/commit-new 2>/dev/null)" = "$ctoken" ]
	st_check "the changed file holds its new content" "/etc/hostname holds '$(cat /etc/hostname 2>&1)'" \
		[ "$(cat /etc/hostname 2>/dev/null)" = "changed-$ctoken" ]
	st_check "the deleted file stays deleted: no /etc/shells" "it is back: $(ls -l /etc/shells 2>&1)" \
		[ ! -e /etc/shells ]
	st_check "the replaced directory holds only the new file" "$cdoc has: $(ls -A "$cdoc" 2>&1 | tr '\n' ' ')" \
		[ "$(ls -A "$cdoc" 2>/dev/null | tr '\n' ' ')" = "NEW " ]
}

# commit_upper_lacks PATH...: none of the paths is in the upper layer (as a
# file, a directory or a whiteout), so they come from a committed layer.
commit_upper_lacks() {
	_in=
	for _p in "$@"; do
		[ -e "$upper$_p" ] || [ -h "$upper$_p" ] && _in="$_in $_p"
	done
	st_check "the upper layer holds none of:$(printf ' %s' "$@")" "it holds:$_in" [ -z "$_in" ]
	st_info "upper layer now: $(cd "$upper" && find . 2>/dev/null | sort | tr '\n' ' ')"
}

# commit_layers_are NAME...: the overlay's lower layers are these layers of
# the volume (highest first), right above the medium's image, each a squashfs.
commit_layers_are() {
	_want= _seen=
	for _n in "$@"; do _want="$_want$LIVE/persistence-layers/$_n:"; done
	_want="${_want}$LIVE/rootfs/filesystem.squashfs"
	_seen=$(printf '%s\n' "$lowers" | tr '\n' ':')
	_seen=${_seen%:}
	st_check "the lower layers are: $_want" "they are: $_seen" [ "$_seen" = "$_want" ]
	for _n in "$@"; do
		st_check "$_n is mounted as squashfs" "type $(mount_get "$LIVE/persistence-layers/$_n" type)" \
			[ "$(mount_get "$LIVE/persistence-layers/$_n" type)" = squashfs ]
	done
}

# commit_run ARGS: live-commit --yes, its output as info lines; sets $crc
# and $cout.
commit_run() {
	cout=$(live-commit --yes "$@" 2>&1)
	crc=$?
	printf '%s\n' "$cout" | while IFS= read -r _l; do st_info "$_l"; done
}
