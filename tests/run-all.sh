#!/bin/sh
# Runs every test of bpfvm and ends with one line `N passed, N failed, N skipped`.
#   [FUZZ_BUILD=DIR] tests/run-all.sh BUILD...
# Each test program prints its own `N passed, N failed, N skipped` as its last
# line; a program that crashes or prints no such line counts as one failure.
# The tests are the same in both builds; the sanitizer build runs them again
# under AddressSanitizer + UBSan. Fuzzers run for FUZZ_SECONDS each (default 20).
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
cd "$root" || exit 1
P=0; F=0; S=0
run_one() { # label command...
	label=$1; shift
	out=$("$@" 2>&1); rc=$?
	line=$(printf '%s\n' "$out" | grep -E '^[0-9]+ passed, [0-9]+ failed' | tail -n 1)
	if [ -z "$line" ]; then
		printf '%s\n' "$out" | tail -n 20
		echo "FAIL $label (exit $rc, no summary line)"; F=$((F + 1)); return
	fi
	p=$(echo "$line" | sed -E 's/^([0-9]+) passed.*/\1/')
	f=$(echo "$line" | sed -E 's/^[0-9]+ passed, ([0-9]+) failed.*/\1/')
	s=$(echo "$line" | sed -nE 's/.*, ([0-9]+) skipped.*/\1/p'); s=${s:-0}
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
	P=$((P + p)); F=$((F + f)); S=$((S + s))
	if [ "$f" -ne 0 ]; then
		printf '%s\n' "$out" | grep -E 'FAIL|error|ERROR' | head -n 40
		echo "FAIL $label: $line"
	else
		printf '%s\n' "$out" | grep -E '^SKIP' | head -n 5
		echo "ok   $label: $line"
	fi
}
for b in "$@"; do
	[ -n "$b" ] && [ -d "$b" ] || continue
	for t in "$b"/tests/test_*; do
		[ -x "$t" ] || continue
		run_one "$t" "$t"
	done
	for f in tests/cli/test_*.sh; do
		[ -f "$f" ] || continue
		run_one "$f [$b]" sh "$f" "$b"
	done
	run_one "conformance [$b]" "$b/bpfvm" conformance --skip-list tests/conformance/skip.txt \
		../shared/conformance/bpf_conformance/*.data \
		$(find ../shared/conformance/ubpf -name '*.data' | sort)
	# The same programs through the trusted (unchecked, fast) interpreter.
	run_one "conformance --trusted [$b]" "$b/bpfvm" conformance --trusted \
		--skip-list tests/conformance/skip.txt \
		../shared/conformance/bpf_conformance/*.data \
		$(find ../shared/conformance/ubpf -name '*.data' | sort)
done
fz=${FUZZ_BUILD:-}
if [ -n "$fz" ] && [ -d "$fz" ]; then
	for z in "$fz"/fuzz_*; do
		[ -x "$z" ] || continue
		name=$(basename "$z")
		corpus=tests/fuzz/corpus/$name
		work=$(mktemp -d)
		[ -d "$corpus" ] && cp -r "$corpus"/. "$work"/ 2>/dev/null
		if "$z" -max_total_time="${FUZZ_SECONDS:-20}" -timeout=10 -rss_limit_mb=2048 \
			"$work" > "$work.log" 2>&1; then
			echo "ok   fuzz $name: $(grep -Eo 'Done [0-9]+ runs in [0-9]+ second' "$work.log" | tail -n 1)s"
			P=$((P + 1))
		else
			tail -n 40 "$work.log"; echo "FAIL fuzz $name"; F=$((F + 1))
		fi
		rm -rf "$work" "$work.log"
	done
fi
echo "$P passed, $F failed, $S skipped"
[ "$F" -eq 0 ]
