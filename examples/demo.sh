#!/bin/sh
# make demo: compiles examples/ipv4_parse/ipv4_parse.bpf.c with clang, shows
# its disassembly, and runs it with bpfvm over every packet of a bundled
# capture, side by side with tcpdump's reading of the same packet. Exits
# non-zero if bpfvm's answer differs from tcpdump's for any packet.
#   examples/demo.sh [BUILD_DIR]
set -e
B=${1:-build}
ex=examples/ipv4_parse
out=$B/examples
mkdir -p "$out"
clang -target bpf -O2 -g -c "$ex/ipv4_parse.bpf.c" -o "$out/ipv4_parse.o"
llvm-objcopy -O binary --only-section=bpfvm "$out/ipv4_parse.o" "$out/ipv4_parse.bin"

echo "== $ex/ipv4_parse.bpf.c compiled by clang, as bpfvm disassembles it (kernel syntax):"
"$B/bpfvm" disasm "$out/ipv4_parse.bin"
echo
echo "== running it over each packet of $ex/sample.pcap:"
printf '%-4s %-8s %-8s %s\n' pkt bpfvm tcpdump "packet (tcpdump -nn)"
tab=$(printf '\t')
bad=0; n=0
# One line per packet: tcpdump's summary, a tab, the frame's hex bytes.
tcpdump -nn -xx -r "$ex/sample.pcap" 2>/dev/null | awk '
	/^\t0x/ { sub(/^\t0x[0-9a-f]+:/, ""); hex = hex $0; next }
	{ if (sum != "") print sum "\t" hex; sum = $0; hex = "" }
	END { if (sum != "") print sum "\t" hex }' > "$out/packets.txt"
while IFS="$tab" read -r summary hex; do
	n=$((n + 1))
	got=$("$B/bpfvm" run "$out/ipv4_parse.bin" --mem-hex "$hex" | sed -E 's/.*\(([0-9]+)\)$/\1/')
	want=$(echo "$summary" | sed -nE 's/^[0-9:.]+ IP [0-9.]+\.[0-9]+ > [0-9.]+\.([0-9]+): .*/\1/p')
	[ -n "$want" ] || want=0
	mark=""
	[ "$got" = "$want" ] || { mark="  <-- MISMATCH"; bad=$((bad + 1)); }
	printf '%-4s %-8s %-8s %.60s%s\n' "$n" "$got" "$want" "${summary#* }" "$mark"
done < "$out/packets.txt"
echo
if [ "$bad" -ne 0 ]; then
	echo "demo: $bad of $n packets disagree with tcpdump"
	exit 1
fi
echo "demo: all $n packets agree with tcpdump (destination port of IPv4 TCP/UDP, else 0)"
"$B/bpfvm" run "$out/ipv4_parse.bin" --mem-hex "$(sed -n 1p "$out/packets.txt" | cut -f2)" --repeat 1000000
