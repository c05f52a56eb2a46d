mov %r0, 1
add32 %r0, 2
ldxw %r1, [%r1+4]
jeq %r1, 0x5, out
lock fetch add [%r10-8], %r2
lddw %r1, 0x1122334455667788
movsx1664 %r0, %r1
call local f
ja32 out
out:
exit
f: bswap16 %r0
exit
