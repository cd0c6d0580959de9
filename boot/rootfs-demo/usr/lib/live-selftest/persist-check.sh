# Extra checks for selftest=persist-check: the second boot of `make run-persistence`.
# The root is on the persistence volume again (persist-volume.sh), and the marker
# the first boot (selftest=persist-write) wrote to /root is there: written by
# another boot, with this run's selftest.marker=TOKEN, and in the volume's rw/.
. "$EXTRA_DIR/persist-volume.sh"
marker=/root/persistence-marker
token=$(cmdline_value selftest.marker) || token=
boot_id=$(cat /proc/sys/kernel/random/boot_id 2>/dev/null)
if [ -f "$marker" ]; then
	content=$(cat "$marker")
	st_ok "the marker written by the previous boot is there: $content"
	case " $content " in
	*" token=$token "*) st_ok "it carries this run's token ($token)" ;;
	*) st_notok "it carries this run's token" "want token=${token:-<none on the command line>}" ;;
	esac
	old_id=$(printf '%s\n' "$content" | sed -n 's/.* boot_id=\([^ ]*\).*/\1/p')
	other=no
	[ -z "$old_id" ] || [ "$old_id" = "$boot_id" ] || other=yes
	st_check "it was written by another boot (boot_id ${old_id:-?}, this one $boot_id)" "same boot_id" [ "$other" = yes ]
	st_check "it is in the upperdir on the volume ($upper$marker)" "$upper$marker: $(head -c 200 "$upper$marker" 2>&1)" \
		[ "$(cat "$upper$marker" 2>/dev/null)" = "$content" ]
else
	st_notok "the marker written by the previous boot is there" "no $marker; /root has: $(ls -A /root 2>&1 | tr '\n' ' ')"
fi
