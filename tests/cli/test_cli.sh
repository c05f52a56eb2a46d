#!/bin/sh
# CLI contract tests: exit codes, output lines and error messages of
# `bpfvm run`, `bpfvm conformance` and the top-level dispatcher.
#   sh tests/cli/test_cli.sh BUILD_DIR
# Ends with `N passed, N failed, N skipped` (tests/run-all.sh adds it up).
B=${1:-build}
BPFVM="$B/bpfvm"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
P=0; F=0

# expect NAME WANT_EXIT PATTERN -- COMMAND...: runs COMMAND, checks its exit
# status and that its stdout+stderr matches the extended regex PATTERN.
expect() {
	name=$1; want=$2; pat=$3; shift 4
	out=$("$@" 2>&1); rc=$?
	if [ "$rc" -ne "$want" ]; then
		echo "FAIL $name: exit $rc, want $want; output: $out" >&2; F=$((F + 1))
	elif ! printf '%s\n' "$out" | grep -Eq -- "$pat"; then
		echo "FAIL $name: output does not match /$pat/: $out" >&2; F=$((F + 1))
	else
		P=$((P + 1))
	fi
}

expect "no args" 2 "Usage: bpfvm" -- "$BPFVM"
expect "help" 0 "Commands:" -- "$BPFVM" --help
expect "unknown command" 2 "unknown command 'frob'" -- "$BPFVM" frob
expect "version" 0 "^bpfvm [0-9]+\.[0-9]+" -- "$BPFVM" --version
for c in asm disasm run conformance; do
	expect "$c --help" 0 "Usage: bpfvm $c" -- "$BPFVM" $c --help
done

# run: result, memory input, repeat
printf 'mov %%r0, 7\nadd %%r0, %%r2\nexit\n' > "$T/add.s"
expect "run result" 0 "^r0 = 0x7 \(7\)$" -- "$BPFVM" run "$T/add.s"
expect "run mem-hex" 0 "^r0 = 0xa \(10\)$" -- "$BPFVM" run "$T/add.s" --mem-hex "00 01 02"
printf 'abcd' > "$T/mem.bin"
expect "run mem-file" 0 "^r0 = 0xb \(11\)$" -- "$BPFVM" run "$T/add.s" --mem-file "$T/mem.bin"
expect "run repeat" 0 "^average: [0-9.]+ ns per run \(1000 runs\)$" -- "$BPFVM" run "$T/add.s" --repeat 1000
expect "run bad repeat" 2 "invalid repeat count 'x'" -- "$BPFVM" run "$T/add.s" --repeat x
expect "run bad hex" 2 "invalid hex character 'z'" -- "$BPFVM" run "$T/add.s" --mem-hex "0z"
expect "run odd hex" 2 "odd number of hex digits" -- "$BPFVM" run "$T/add.s" --mem-hex "012"
expect "run both mems" 2 "exclude each other" -- "$BPFVM" run "$T/add.s" --mem-hex 00 --mem-file "$T/mem.bin"
expect "run no file" 2 "no program file" -- "$BPFVM" run
expect "run missing file" 1 "nonexistent" -- "$BPFVM" run "$T/nonexistent.s"

# run: faults stop the program with the instruction index and the reason
printf 'mov %%r0, 0\nldxw %%r0, [%%r1+2]\nexit\n' > "$T/oob.s"
expect "run oob read" 1 "insn 1: invalid memory read of 4 bytes" -- "$BPFVM" run "$T/oob.s" --mem-hex "00 01 02 03"
expect "run null read" 1 "insn 1: invalid memory read" -- "$BPFVM" run "$T/oob.s"
printf 'stb [%%r10], 1\nexit\n' > "$T/stack.s"
expect "run stack overflow" 1 "insn 0: invalid memory write of 1 bytes" -- "$BPFVM" run "$T/stack.s"
printf 'loop:\nja loop\nexit\n' > "$T/loop.s"
expect "run budget" 1 "instruction budget exhausted" -- "$BPFVM" run "$T/loop.s" --budget 100000
printf 'call local f\nexit\nf:\ncall local f\nexit\n' > "$T/deep.s"
expect "run call depth" 1 "call stack too deep" -- "$BPFVM" run "$T/deep.s"
printf 'call 5\nexit\n' > "$T/helper.s"
expect "run unknown helper" 1 "call to unknown helper #5" -- "$BPFVM" run "$T/helper.s"
expect "run test helper" 0 "^r0 = 0x0 \(0\)$" -- "$BPFVM" run "$T/helper.s" --test-helpers

# run: programs the loader rejects name the instruction
printf 'mov %%r0, 1\n' > "$T/noexit.s"
expect "run no exit" 1 "insn 0: last insn is not an exit or jmp" -- "$BPFVM" run "$T/noexit.s"
printf '\030\0\0\0\0\0\0\0' > "$T/trunc.bin"
expect "run truncated lddw" 1 "incomplete lddw" -- "$BPFVM" run "$T/trunc.bin"
printf '\377\0\0\0\0\0\0\0\225\0\0\0\0\0\0\0' > "$T/badop.bin"
expect "run unknown opcode" 1 "insn 0: unknown opcode 0xff" -- "$BPFVM" run "$T/badop.bin"

# conformance: the closing line is the contract
cat > "$T/pass.data" <<'EOD'
-- asm
mov %r0, 2
exit
-- result
0x2
EOD
cat > "$T/fail.data" <<'EOD'
-- asm
mov %r0, 3
exit
-- result
0x2
EOD
cat > "$T/garbage.data" <<'EOD'
this is not a test
EOD
expect "conformance pass" 0 "^1 passed, 0 failed$" -- "$BPFVM" conformance "$T/pass.data"
expect "conformance fail" 1 "r0 = 0x3, expected 0x2" -- "$BPFVM" conformance "$T/pass.data" "$T/fail.data"
expect "conformance last line" 0 "^1 passed, 1 failed$" -- sh -c "\"$BPFVM\" conformance \"$T/pass.data\" \"$T/fail.data\" | tail -n 1"
expect "conformance garbage" 1 "FAIL .*garbage.data: line 1: text outside any section" -- "$BPFVM" conformance "$T/garbage.data"
expect "conformance missing" 1 "FAIL .*nothere.data" -- "$BPFVM" conformance "$T/nothere.data"
expect "conformance no files" 2 "Usage" -- "$BPFVM" conformance
expect "conformance bad budget" 2 "invalid budget '-5'" -- "$BPFVM" conformance --budget -5 "$T/pass.data"
expect "run bad budget" 2 "invalid budget '0'" -- "$BPFVM" run "$T/add.s" --budget 0

echo "$P passed, $F failed, 0 skipped"
[ "$F" -eq 0 ]
