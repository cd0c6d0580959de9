# tests/lib/tap.sh: TAP helpers for the POSIX sh test scripts of tests/unit/.
# Source it after setting $work (a scratch directory); it keeps $n and $failed.
#   check DESCRIPTION COMMAND...   one test point; the command's output is shown on failure
#   skip_without_kernel_tree TREE  a TAP skip (and exit) when TREE/KVER is missing
n=${n:-0}
failed=${failed:-0}

check() {
	description=$1
	shift
	n=$((n + 1))
	if "$@" >"$work/log" 2>&1; then
		echo "ok $n - $description"
	else
		echo "not ok $n - $description"
		sed 's/^/# /' "$work/log" | head -20
		failed=1
	fi
}

skip_without_kernel_tree() {
	if [ ! -r "$1/KVER" ]; then
		echo "1..0 # SKIP no kernel tree at $1 (make build/kernel/KVER)"
		exit 0
	fi
}
