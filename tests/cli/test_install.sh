#!/bin/sh
# `make install` into a staging directory, then build a small program
# against the installed headers with pkg-config, linked both statically and
# against the shared library, and run both.
#   sh tests/cli/test_install.sh BUILD_DIR
B=${1:-build}
case "$B" in build) ;; *) echo "0 passed, 0 failed, 1 skipped"; exit 0 ;; esac
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
P=0; F=0
ok() { P=$((P + 1)); }
bad() { echo "FAIL $*" >&2; F=$((F + 1)); }

if make --no-print-directory -s install DESTDIR="$T/root" PREFIX=/usr >"$T/install.log" 2>&1; then ok
else bad "make install: $(tail -n 5 "$T/install.log")"; fi
for f in usr/lib/libbpfvm.a usr/lib/libbpfvm.so.0 usr/lib/libbpfvm.so \
	 usr/include/bpfvm/bpfvm.h usr/include/bpfvm/asm.h \
	 usr/lib/pkgconfig/bpfvm.pc usr/bin/bpfvm; do
	[ -e "$T/root/$f" ] && ok || bad "not installed: $f"
done

cat > "$T/hello.c" <<'EOC'
#include <stdio.h>
#include <bpfvm/asm.h>
#include <bpfvm/bpfvm.h>
#include <stdlib.h>
int main(void)
{
	struct bpf_insn *insns; size_t n; struct bpfvm_prog *prog; uint64_t r0;
	char err[256];
	struct bpfvm *vm = bpfvm_new();
	if (bpfvm_asm("r0 = 6\nr0 *= 7\nexit\n", "hello", &insns, &n, err, sizeof(err)) ||
	    bpfvm_prog_load(vm, insns, n, 0, &prog, err, sizeof(err)) ||
	    bpfvm_prog_run_mem(prog, NULL, 0, &r0, NULL)) { puts(err); return 1; }
	printf("%llu\n", (unsigned long long)r0);
	free(insns); bpfvm_free(vm);
	return 0;
}
EOC
# The .pc file names the real prefix; point it at the staging root.
sed "s|^prefix=.*|prefix=$T/root/usr|; s|^libdir=.*|libdir=$T/root/usr/lib|; s|^includedir=.*|includedir=$T/root/usr/include|" \
	"$T/root/usr/lib/pkgconfig/bpfvm.pc" > "$T/bpfvm.pc"
export PKG_CONFIG_PATH="$T"
if cc -o "$T/hello-static" "$T/hello.c" $(pkg-config --cflags bpfvm) \
	"$T/root/usr/lib/libbpfvm.a" $(pkg-config --libs-only-other --static bpfvm) -lm -lpthread; then
	[ "$("$T/hello-static")" = 42 ] && ok || bad "static program printed '$("$T/hello-static")'"
else bad "static link failed"; fi
if cc -o "$T/hello-shared" "$T/hello.c" $(pkg-config --cflags --libs bpfvm); then
	out=$(LD_LIBRARY_PATH="$T/root/usr/lib" "$T/hello-shared")
	[ "$out" = 42 ] && ok || bad "shared program printed '$out'"
	if LD_LIBRARY_PATH="$T/root/usr/lib" ldd "$T/hello-shared" | grep -q "libbpfvm.so.0 => $T/root"; then ok
	else bad "not linked against the installed shared library"; fi
else bad "shared link failed"; fi
echo "$P passed, $F failed, 0 skipped"
[ "$F" -eq 0 ]
