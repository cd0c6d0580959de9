# bench/lib/common.sh: shared by the bench scripts (sourced, POSIX sh).
# BB: the bench's build directory (build/bench); everything the bench writes is there.
B=${B:-build}
BB=${BB:-$B/bench}
KVER_FILE=$B/kernel/KVER

die() { echo "bench: $*" >&2; exit 1; }
say() { echo "bench: $*" >&2; }

# codename: the host's Debian codename (bookworm).
codename() { . /etc/os-release && printf '%s\n' "$VERSION_CODENAME"; }

# mirror: the URI of the host's apt source for the main suite, read from
# /etc/apt/sources.list.d/*.sources (deb822) or sources.list; never hard-coded.
mirror() {
	_cn=$(codename)
	_uri=
	for _f in /etc/apt/sources.list.d/*.sources; do
		[ -r "$_f" ] || continue
		_uri=$(awk -v cn="$_cn" '
			function flush() { if (types ~ /(^| )deb( |$)/ && (" " suites " ") ~ (" " cn " ") && uris != "" && !done) { split(uris, u, " "); print u[1]; done = 1 }
				types = ""; suites = ""; uris = "" }
			/^[ \t]*#/ { next }
			/^[ \t]*$/ { flush(); next }
			tolower($1) == "types:" { $1 = ""; types = $0 }
			tolower($1) == "suites:" { $1 = ""; suites = $0 }
			tolower($1) == "uris:" { $1 = ""; uris = $0 }
			END { flush() }' "$_f")
		[ -z "$_uri" ] || break
	done
	if [ -z "$_uri" ] && [ -r /etc/apt/sources.list ]; then
		_uri=$(awk -v cn="$_cn" '$1 == "deb" { i = 2; if ($2 ~ /^\[/) while ($i !~ /\]$/) i++; if ($2 ~ /^\[/) i++; if ($(i + 1) == cn) { print $i; exit } }' /etc/apt/sources.list)
	fi
	[ -n "$_uri" ] || die "no apt source for $_cn in /etc/apt/sources.list.d/*.sources or /etc/apt/sources.list"
	printf '%s\n' "$_uri"
}

# Chroot mounts: chroot_mount DIR mounts /proc /sys /dev /dev/pts into DIR;
# chroot_umount DIR undoes whatever of it is mounted (deepest first). Callers
# set a trap that calls chroot_umount.
chroot_mount() {
	for _m in proc sys dev dev/pts; do mkdir -p "$1/$_m"; done
	mountpoint -q "$1/proc" || mount -t proc proc "$1/proc"
	mountpoint -q "$1/sys" || mount -t sysfs sysfs "$1/sys"
	mountpoint -q "$1/dev" || mount --bind /dev "$1/dev"
	mountpoint -q "$1/dev/pts" || mount -t devpts -o newinstance,ptmxmode=0666 devpts "$1/dev/pts"
}
chroot_umount() {
	for _m in dev/pts dev sys proc; do
		[ -d "$1/$_m" ] || continue
		if mountpoint -q "$1/$_m"; then umount "$1/$_m" 2>/dev/null || umount -l "$1/$_m"; fi
	done
}
# in_chroot DIR CMD...: CMD in DIR with a clean environment.
in_chroot() {
	_d=$1
	shift
	env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive \
		SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-}" chroot "$_d" "$@"
}

kver() { [ -s "$KVER_FILE" ] || die "missing $KVER_FILE (make build/kernel/KVER)"; cat "$KVER_FILE"; }
# kernel_conf KEY: a value of configs/kernel.conf
kernel_conf() { sed -n "s/^$1=//p" configs/kernel.conf; }
