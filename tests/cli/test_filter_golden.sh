#!/bin/sh
# test_filter_golden.sh - `bpfvm filter` end to end: exit codes and output
# forms, -w writing exactly the matches, pcapng input, and the tcpdump golden
# counts of ../shared/cbpf/expected/counts.tsv through the CLI for every
# STEP-th pair (all 3003 pairs, with libpcap's bpf_filter as a second
# reference, are in tests/unit/test_cbpf_golden.c; a process per pair here
# would take about a minute).  Usage: sh test_filter_golden.sh BUILD_DIR
B=${1:-build}
BIN=$B/bpfvm
TSV=../shared/cbpf/expected/counts.tsv
PCAP=../shared/pcap
STEP=${STEP:-15}
P=0; F=0; S=0
ok()   { P=$((P + 1)); }
fail() { F=$((F + 1)); echo "FAIL: $*"; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# usage errors -> 2
"$BIN" filter >/dev/null 2>&1; [ $? -eq 2 ] && ok || fail "no args should exit 2"
"$BIN" filter ip >/dev/null 2>&1; [ $? -eq 2 ] && ok || fail "one arg should exit 2"
"$BIN" filter ip a b c >/dev/null 2>&1; [ $? -eq 2 ] && ok || fail "three args should exit 2"
"$BIN" filter --bogus ip x >/dev/null 2>&1; [ $? -eq 2 ] && ok || fail "unknown option should exit 2"
"$BIN" filter --help >/dev/null 2>&1; [ $? -eq 0 ] && ok || fail "--help should exit 0"

if [ ! -f "$TSV" ]; then
	S=$((S + 1)); echo "SKIP: no $TSV"
	echo "$P passed, $F failed, $S skipped"; [ $F -eq 0 ]; exit
fi
cap=$PCAP/HSRP_election.pcap
# bad expression -> libpcap's message, exit 1
"$BIN" filter 'ip and' "$cap" >"$tmp/out" 2>"$tmp/err"; rc=$?
[ $rc -eq 1 ] && ok || fail "bad expression exit $rc, want 1"
grep -q 'syntax error' "$tmp/err" && ok || fail "bad expression message: $(cat "$tmp/err")"
# unreadable file -> 1
"$BIN" filter ip "$tmp/nonexistent.pcap" >/dev/null 2>&1; rc=$?
[ $rc -eq 1 ] && ok || fail "missing file exit $rc, want 1"
printf 'not a capture' >"$tmp/junk.pcap"
"$BIN" filter ip "$tmp/junk.pcap" >/dev/null 2>&1; rc=$?
[ $rc -eq 1 ] && ok || fail "corrupt file exit $rc, want 1"

# truncated capture: the packets before the cut are kept, exit 1, offset named
size=$(wc -c <"$cap")
head -c $((size - 10)) "$cap" >"$tmp/trunc.pcap"
all=$("$BIN" filter '' "$cap" --count)
out=$("$BIN" filter '' "$tmp/trunc.pcap" --count 2>"$tmp/err"); rc=$?
[ $rc -eq 1 ] && ok || fail "truncated capture exit $rc, want 1"
[ "$out" = $((all - 1)) ] && ok || fail "truncated capture kept $out packets, want $((all - 1))"
grep -q 'byte offset' "$tmp/err" && ok || fail "truncated capture message: $(cat "$tmp/err")"

# output forms; the expected number comes from the golden table
want=$(awk -F'\t' '$3 == "ip" && $4 == "HSRP_election.pcap" { print $5 }' "$TSV")
out=$("$BIN" filter ip "$cap")
[ "$out" = "$want packets matched" ] && ok || fail "plain output '$out', want '$want packets matched'"
out=$("$BIN" filter ip "$cap" --count)
[ "$out" = "$want" ] && ok || fail "--count output '$out', want '$want'"
# -w writes the matches: filtering the output with 'ip' keeps all of them,
# with 'not ip' none
"$BIN" filter ip "$cap" -w "$tmp/ip.pcap" >/dev/null; rc=$?
[ $rc -eq 0 ] && ok || fail "-w exit $rc"
out=$("$BIN" filter '' "$tmp/ip.pcap" --count)
[ "$out" = "$want" ] && ok || fail "-w wrote $out packets, want $want"
out=$("$BIN" filter 'not ip' "$tmp/ip.pcap" --count)
[ "$out" = "0" ] && ok || fail "-w output has $out non-ip packets"

# pcapng input
ng=$PCAP/OSPFv2_Capture_FINAL.pcapng
if [ -f "$ng" ]; then
	out=$("$BIN" filter '' "$ng" --count); rc=$?
	[ $rc -eq 0 ] && [ "$out" -gt 0 ] 2>/dev/null && ok || fail "pcapng: exit $rc, '$out'"
	ospf=$("$BIN" filter 'ip proto 89' "$ng" --count)
	[ "$ospf" -gt 0 ] 2>/dev/null && [ "$ospf" -le "$out" ] && ok || fail "pcapng ospf count '$ospf'"
else
	S=$((S + 1)); echo "SKIP: no $ng"
fi

# golden counts through the CLI
n=0
while IFS='	' read -r id dlt expr pcap count; do
	[ "$id" = id ] && continue
	n=$((n + 1))
	[ $((n % STEP)) -eq 1 ] || [ "$STEP" -eq 1 ] || continue
	got=$("$BIN" filter "$expr" "$PCAP/$pcap" --count 2>&1)
	if [ "$got" = "$count" ]; then ok; else fail "$id '$expr' $pcap: got '$got', tcpdump $count"; fi
done <"$TSV"

echo "$P passed, $F failed, $S skipped"
[ $F -eq 0 ]
