#!/bin/sh
# The bundled example end to end (examples/demo.sh): clang-compiled parser,
# run by bpfvm over every packet of a capture, each answer compared with
# tcpdump's reading of the packet.
#   sh tests/cli/test_demo.sh BUILD_DIR
B=${1:-build}
if out=$(sh examples/demo.sh "$B" 2>&1); then
	echo "$out" | grep -E '^demo:'
	echo "1 passed, 0 failed, 0 skipped"
else
	echo "$out" | tail -n 20
	echo "0 passed, 1 failed, 0 skipped"
	exit 1
fi
