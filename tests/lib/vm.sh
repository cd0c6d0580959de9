# tests/lib/vm.sh: helpers for the VM scenarios tests/vm/*.t (bash, TAP, run by
# `prove -j2` from the top of the tree). Source it, then:
#
#   vm_require FILE...              not ok + exit when a build artefact is missing
#   vm_boot NAME [qemu-run args]    boot with boot/qemu-run; log in
#                                   $VM_LOG_DIR/NAME.log (build/test/vm/), timed;
#                                   the exit status in VM_RC[NAME] (124: timeout)
#   vm_boot_typing NAME WAIT_REGEX INPUT [qemu-run args]
#                                   the same, with the serial console on a pipe:
#                                   once a log line matches WAIT_REGEX, INPUT
#                                   (printf %b) is typed on the console
#   vm_boot_monitor NAME REGEX COMMAND [qemu-run args]
#                                   the same, with QEMU's monitor on a socket:
#                                   once a log line matches REGEX, COMMAND is sent
#   vm_boot_monitor_steps NAME REGEX COMMAND [REGEX COMMAND]... -- [qemu-run args]
#                                   several such steps, in turn
#   vm_expect_line NAME REGEX DESC  ok when a line of the log matches REGEX (grep -E)
#   vm_expect_no_line NAME REGEX DESC
#   vm_expect_exit NAME CODE DESC   ok when qemu-run exited with CODE
#   vm_selftest_passed NAME [DESC]  ok when the log has `SELFTEST DONE pass=N fail=0`
#                                   (N > 0); a failure lists the `not ok` lines
#   vm_ok COND-STATUS DESC [NAME]   ok when COND-STATUS is 0 (e.g. vm_ok $? "...")
#   vm_done                         prints the plan (1..N) and exits: 0 when all passed
#
# Every failed check prints the last $VM_TAIL (40) lines of the log as TAP
# diagnostics (# ...). Logs are always kept. VM_TIMEOUT (default 300 s) is the
# default --timeout of each boot; QEMU_ACCEL is passed through (default tcg).

# shellcheck shell=bash
VM_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$VM_ROOT" || exit 1
B=${B:-build}
VM_LOG_DIR=${VM_LOG_DIR:-$B/test/vm}
VM_TIMEOUT=${VM_TIMEOUT:-300}
VM_TAIL=${VM_TAIL:-40}
VM_TESTS=0
VM_FAILED=0
declare -A VM_RC=() VM_SECS=()
mkdir -p "$VM_LOG_DIR"

vm_log() { printf '%s/%s.log\n' "$VM_LOG_DIR" "$1"; }

vm_diag() { # vm_diag TEXT...: TAP diagnostics, one # line per input line
	printf '%s\n' "$@" | sed 's/^/# /'
}

vm_tail() { # vm_tail NAME: the end of the log as diagnostics
	local log
	log=$(vm_log "$1")
	if [ -s "$log" ]; then
		vm_diag "last $VM_TAIL lines of $log (qemu-run exit ${VM_RC[$1]:-?}, ${VM_SECS[$1]:-?} s):"
		tail -n "$VM_TAIL" "$log" | tr -d '\r' | LC_ALL=C sed 's/\x1b\[[0-9;?]*[A-Za-z]//g; s/[\x00-\x08\x0e-\x1f]//g; s/^/#   /' | awk 1
	else
		vm_diag "no log at $log"
	fi
}

vm_ok() { # vm_ok STATUS DESC [NAME]
	VM_TESTS=$((VM_TESTS + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $VM_TESTS - $2"
		return 0
	fi
	echo "not ok $VM_TESTS - $2"
	VM_FAILED=$((VM_FAILED + 1))
	[ -z "${3:-}" ] || vm_tail "$3"
	return 1
}

vm_require() { # vm_require FILE...
	local f missing=
	for f in "$@"; do [ -s "$f" ] || missing="$missing $f"; done
	[ -n "$missing" ] || return 0
	echo "1..1"
	echo "not ok 1 - build artefacts present (missing:$missing; run make vm-check)"
	exit 1
}

vm_boot() { # vm_boot NAME [qemu-run args...]
	local name=$1 rc=0 t0 t1
	shift
	t0=$(date +%s%N)
	"$VM_ROOT/boot/qemu-run" --timeout "$VM_TIMEOUT" --log "$(vm_log "$name")" "$@" \
		2>"$VM_LOG_DIR/$name.stderr" || rc=$?
	t1=$(date +%s%N)
	VM_RC[$name]=$rc
	VM_SECS[$name]=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", (b - a) / 1e9 }')
	vm_diag "$name: qemu-run exit $rc after ${VM_SECS[$name]} s; log $(vm_log "$name")"
	[ ! -s "$VM_LOG_DIR/$name.stderr" ] || vm_diag "$(cat "$VM_LOG_DIR/$name.stderr")"
	return 0
}

vm_boot_typing() { # vm_boot_typing NAME WAIT_REGEX INPUT [qemu-run args...]
	local name=$1 wait=$2 input=$3 log fifo pid rc=0 t0 t1 i
	shift 3
	log=$(vm_log "$name")
	fifo=$VM_LOG_DIR/$name.console
	rm -f "$fifo" "$log"
	mkfifo "$fifo"
	t0=$(date +%s%N)
	"$VM_ROOT/boot/qemu-run" --interactive --timeout "$VM_TIMEOUT" --log "$log" "$@" \
		<"$fifo" >/dev/null 2>"$VM_LOG_DIR/$name.stderr" &
	pid=$!
	exec {console}>"$fifo" # held open: an end of file would end the guest's shell early
	for ((i = 0; i < VM_TIMEOUT * 4; i++)); do
		grep -aEq -- "$wait" "$log" 2>/dev/null && break
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.25
	done
	sleep 1
	printf '%b' "$input" >&"$console" 2>/dev/null || true
	wait "$pid" || rc=$?
	exec {console}>&-
	rm -f "$fifo"
	t1=$(date +%s%N)
	VM_RC[$name]=$rc
	VM_SECS[$name]=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", (b - a) / 1e9 }')
	vm_diag "$name: qemu-run exit $rc after ${VM_SECS[$name]} s; log $log"
	return 0
}

vm_expect_line() { # vm_expect_line NAME REGEX DESC
	grep -aEq -- "$2" "$(vm_log "$1")" 2>/dev/null
	vm_ok $? "$3" "$1" || vm_diag "expected a line matching /$2/"
}

vm_expect_no_line() { # vm_expect_no_line NAME REGEX DESC
	local hit
	hit=$(grep -aE -m1 -- "$2" "$(vm_log "$1")" 2>/dev/null | tr -d '\r')
	[ -z "$hit" ]
	vm_ok $? "$3" "$1" || vm_diag "unexpected line: $hit"
}

vm_expect_exit() { # vm_expect_exit NAME CODE DESC
	[ "${VM_RC[$1]:-none}" = "$2" ]
	vm_ok $? "$3" "$1" || vm_diag "qemu-run exited ${VM_RC[$1]:-none}, expected $2"
}

vm_selftest_passed() { # vm_selftest_passed NAME [DESC]
	local log done_line
	log=$(vm_log "$1")
	done_line=$(grep -aEo 'SELFTEST DONE pass=[0-9]+ fail=[0-9]+' "$log" 2>/dev/null | tail -n 1)
	[[ $done_line =~ pass=([0-9]+)\ fail=0$ ]] && [ "${BASH_REMATCH[1]}" -gt 0 ]
	if ! vm_ok $? "${2:-$1: the live system passed its selftest}"; then
		vm_diag "${done_line:-no SELFTEST DONE line}"
		grep -aE 'SELFTEST (not ok|info)' "$log" 2>/dev/null | tr -d '\r' | sed 's/^/# /' | awk 1
		vm_tail "$1"
		return 1
	fi
}

vm_done() {
	echo "1..$VM_TESTS"
	[ "$VM_FAILED" -eq 0 ]
	exit $?
}

# --- additions for the persistence scenarios --------------------------------------
#   vm_skip DESC REASON             a TAP test that did not run (ok N - DESC # SKIP REASON)
#   vm_is GOT WANT DESC             ok when GOT equals WANT (strings); shows both otherwise
#   VM_PERSIST_DIR                  the fixtures of tests/lib/mkpersist-fixtures
#                                   ($B/test/persist, made by make vm-check)
#   vm_persist_copy FIXTURE NAME    a private, writable copy of a fixture for one
#                                   scenario: prints $VM_LOG_DIR/NAME.img (sparse);
#                                   attach it with --disk FILE:virtio:rw and judge
#                                   it afterwards (the fixture itself stays as made)
#   vm_require_fixtures FIXTURE...  not ok + exit when a fixture is missing
#   vm_boot_until NAME REGEX [qemu-run args]
#                                   like vm_boot, but QEMU is stopped (a power cut:
#                                   the guest shuts nothing down) as soon as a log
#                                   line matches REGEX; VM_RC[NAME] is then
#                                   qemu-run's status after SIGTERM (124: timeout)
VM_PERSIST_DIR=${VM_PERSIST_DIR:-$B/test/persist}

vm_skip() { # vm_skip DESC REASON
	VM_TESTS=$((VM_TESTS + 1))
	echo "ok $VM_TESTS - $1 # SKIP $2"
}

vm_is() { # vm_is GOT WANT DESC
	[ "$1" = "$2" ]
	vm_ok $? "$3" || vm_diag "got:      '$1'" "expected: '$2'"
}

vm_persist_copy() { # vm_persist_copy FIXTURE NAME
	local src=$VM_PERSIST_DIR/$1 dst=$VM_LOG_DIR/$2.img
	[ -s "$src" ] || { echo "vm_persist_copy: no fixture $src (make vm-check)" >&2; return 1; }
	rm -f "$dst"
	cp --sparse=always "$src" "$dst" && printf '%s\n' "$dst"
}

vm_require_fixtures() { # vm_require_fixtures FIXTURE...
	local f files=()
	for f in "$@"; do files+=("$VM_PERSIST_DIR/$f"); done
	vm_require "${files[@]}"
}

vm_boot_monitor() { # vm_boot_monitor NAME REGEX COMMAND [qemu-run args...]
	# like vm_boot; once a log line matches REGEX, COMMAND goes to QEMU's monitor
	local name=$1 re=$2 cmd=$3
	shift 3
	vm_boot_monitor_steps "$name" "$re" "$cmd" -- "$@"
}

vm_boot_monitor_steps() { # vm_boot_monitor_steps NAME REGEX COMMAND [REGEX COMMAND]... -- [qemu-run args...]
	# like vm_boot; the steps in turn: once a log line matches a step's REGEX
	# (anywhere in the log, so a step's REGEX must be new), its COMMAND goes to
	# QEMU's monitor. Once QEMU has ended, the commands left fail, which
	# NAME.monitor-out (and the diagnostic line) shows.
	local name=$1 log sock pid rc=0 i step steps=()
	shift
	while [ $# -gt 0 ] && [ "$1" != -- ]; do steps+=("$1"); shift; done
	shift
	log=$(vm_log "$name")
	sock=$VM_LOG_DIR/$name.monitor
	rm -f "$log" "$sock" "$VM_LOG_DIR/$name.monitor-out"
	"$VM_ROOT/boot/qemu-run" --timeout "$VM_TIMEOUT" --log "$log" "$@" \
		-- -monitor "unix:$sock,server=on,wait=off" 2>"$VM_LOG_DIR/$name.stderr" &
	pid=$!
	for ((step = 0; step < ${#steps[@]}; step += 2)); do
		for ((i = 0; i < VM_TIMEOUT * 10; i++)); do
			grep -aEq -- "${steps[step]}" "$log" 2>/dev/null && break
			kill -0 "$pid" 2>/dev/null || break
			sleep 0.1
		done
		# the monitor echoes the command with terminal escapes: kept are the
		# command and what QEMU answered (nothing, or an error)
		python3 -c 'import re,socket,sys,time
s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1]); time.sleep(0.3); s.recv(4096)
s.sendall(sys.argv[2].encode() + b"\n"); time.sleep(0.5)
said = re.sub(r"\x1b\[[0-9;]*[A-Za-z]", "", s.recv(65536).decode(errors="replace")).split("\r\n")
print("%s: %s" % (sys.argv[2], " ".join(l for l in said[1:] if l.strip() and "(qemu)" not in l) or "ok"))' \
			"$sock" "${steps[step + 1]}" >>"$VM_LOG_DIR/$name.monitor-out" 2>&1
	done
	wait "$pid" || rc=$?
	rm -f "$sock"
	VM_RC[$name]=$rc
	vm_diag "$name: qemu-run exit $rc; monitor: $(tr '\n' ';' <"$VM_LOG_DIR/$name.monitor-out")"
	return 0
}

vm_boot_until() { # vm_boot_until NAME REGEX [qemu-run args...]
	local name=$1 re=$2 log pid rc=0 t0 t1 i cut=no
	shift 2
	log=$(vm_log "$name")
	rm -f "$log"
	t0=$(date +%s%N)
	"$VM_ROOT/boot/qemu-run" --timeout "$VM_TIMEOUT" --log "$log" "$@" \
		2>"$VM_LOG_DIR/$name.stderr" &
	pid=$!
	for ((i = 0; i < VM_TIMEOUT * 10; i++)); do
		if grep -aEq -- "$re" "$log" 2>/dev/null; then cut=yes; break; fi
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	[ $cut = no ] || kill -TERM "$pid" 2>/dev/null
	wait "$pid" || rc=$?
	t1=$(date +%s%N)
	VM_RC[$name]=$rc
	VM_SECS[$name]=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", (b - a) / 1e9 }')
	if [ $cut = yes ]; then
		vm_diag "$name: power cut once the log matched /$re/: qemu-run exit $rc after ${VM_SECS[$name]} s; log $log"
	else
		vm_diag "$name: /$re/ never matched: qemu-run exit $rc after ${VM_SECS[$name]} s; log $log"
	fi
	[ ! -s "$VM_LOG_DIR/$name.stderr" ] || vm_diag "$(cat "$VM_LOG_DIR/$name.stderr")"
	return 0
}
