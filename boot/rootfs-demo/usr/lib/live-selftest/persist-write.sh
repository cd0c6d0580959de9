# Extra checks for selftest=persist-write: the first boot of `make run-persistence`.
# The root is on a persistence volume (persist-volume.sh); a marker file written
# to /root lands in the volume's rw/. The second boot (selftest=persist-check)
# looks for it. selftest.marker=TOKEN on the command line is written into it.
. "$EXTRA_DIR/persist-volume.sh"
marker=/root/persistence-marker
token=$(cmdline_value selftest.marker) || token=none
boot_id=$(cat /proc/sys/kernel/random/boot_id 2>/dev/null)
[ ! -e "$marker" ] || st_info "replacing an earlier marker: $(head -c 200 "$marker")"
content="liveinit persistence marker token=$token boot_id=$boot_id written=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
if printf '%s\n' "$content" >"$marker" 2>/dev/null && sync; then
	st_ok "wrote $marker ($content)"
else
	st_notok "wrote $marker" "cannot write it"
fi
st_check "$marker is in the upperdir on the volume ($upper$marker)" \
	"$upper$marker holds '$(head -c 200 "$upper$marker" 2>&1)'" [ "$(cat "$upper$marker" 2>/dev/null)" = "$content" ]
