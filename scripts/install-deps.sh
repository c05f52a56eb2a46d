#!/bin/sh
# Installs the Debian 12 packages bpfvm needs to build, test and benchmark.
# Idempotent and quick when everything is present (checks with dpkg first).
set -e
PKGS="build-essential clang llvm libelf-dev libpcap-dev libseccomp-dev \
libcapstone-dev libdpdk-dev pkg-config linux-libc-dev libclang-rt-14-dev \
iproute2 tcpdump"
missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "installing:$missing"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO=sudo
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
