#!/bin/bash
# tests/unit/fuzz-smoke.t: run each libFuzzer target for a short while and
# report one TAP line per fuzzer. `make unit` runs it (10 s each, fresh
# scratch corpus); `make fuzz` runs it for FUZZ_SECONDS with a kept corpus.
#
# Environment (tests/unit/fuzz.mk exports it; the defaults suit a run by
# hand from the top of the tree):
#   LIVEINIT_FUZZ_DIR      the binaries fuzz_NAME and seeds/NAME/ (build/fuzz)
#   LIVEINIT_FUZZ_TARGETS  the NAMEs to run (default: every fuzz_* there)
#   LIVEINIT_FUZZ_WORK     logs, crash inputs, scratch corpus (build/test/fuzz)
#   LIVEINIT_FUZZ_SECONDS  time per fuzzer (10)
#   LIVEINIT_FUZZ_CORPUS   if set, the corpus of NAME lives in CORPUS/NAME and
#                          grows from run to run
set -u

dir=${LIVEINIT_FUZZ_DIR:-build/fuzz}
work=${LIVEINIT_FUZZ_WORK:-build/test/fuzz}
seconds=${LIVEINIT_FUZZ_SECONDS:-10}
targets=${LIVEINIT_FUZZ_TARGETS:-}

if [ -z "$targets" ]; then
	for bin in "$dir"/fuzz_*; do
		[ -x "$bin" ] && targets="$targets ${bin##*/fuzz_}"
	done
fi

# corpus_for NAME: where libFuzzer may write new inputs (its first directory).
corpus_for() {
	if [ -n "${LIVEINIT_FUZZ_CORPUS:-}" ]; then
		echo "$LIVEINIT_FUZZ_CORPUS/$1"
	else
		rm -rf "$work/$1.corpus"
		echo "$work/$1.corpus"
	fi
}

# diagnose LOG: the sanitizer's or libFuzzer's report as TAP comments,
# from its first line (the end of the log is mostly shadow-byte dumps).
diagnose() {
	local first
	first=$(grep -n -m1 -E '==ERROR|runtime error|deadly signal|-timeout|out-of-memory' "$1" |
		cut -d: -f1)
	if [ -n "$first" ]; then
		sed -n "${first},$((first + 15))p" "$1"
	else
		tail -n 15 "$1"
	fi | sed 's/^/# /'
}

# fuzz_one N NAME: one TAP line; the log stays in $work/NAME.log, and a
# crashing input in $work/NAME-crash-* for replay (fuzz_NAME FILE).
fuzz_one() {
	local n=$1 name=$2 bin=$dir/fuzz_$2 log=$work/$2.log corpus runs
	local seeds=()

	if [ ! -x "$bin" ]; then
		echo "not ok $n - fuzz_$name: $bin is not built"
		failed=$((failed + 1))
		return
	fi
	corpus=$(corpus_for "$name")
	mkdir -p "$corpus"
	[ -d "$dir/seeds/$name" ] && seeds=("$dir/seeds/$name")
	if "$bin" -max_total_time="$seconds" -timeout=10 \
		-artifact_prefix="$work/$name-" "$corpus" "${seeds[@]}" \
		>"$log" 2>&1; then
		runs=$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$log")
		echo "ok $n - fuzz_$name: ${seconds}s, ${runs:-?} runs, no failure"
	else
		echo "not ok $n - fuzz_$name: failed, see $log"
		failed=$((failed + 1))
		diagnose "$log"
	fi
}

# shellcheck disable=SC2086 # one word per target
set -- $targets
if [ $# -eq 0 ]; then
	echo "1..0 # SKIP no fuzzer built in $dir"
	exit 0
fi
mkdir -p "$work"
echo "1..$#"
n=0
failed=0
for name; do
	n=$((n + 1))
	fuzz_one "$n" "$name"
done
# A failing exit code too, so that `make fuzz` stops on a finding.
[ "$failed" -eq 0 ]
