r0 = *(u32 *)(r1 +4)
*(u64 *)(r10 -8) = r1
*(u32 *)(r10 -4) = 0
if r1 > 0x5 goto pc+1
r0 = -r0
r1 = map[fd:5][0]+8
r2 = atomic64_fetch_add((u64 *)(r1 +0), r2)
r0 = atomic_cmpxchg((u32 *)(r1 +0), r0, r2)
r0 = *(u8 *)skb[r7 + 14]
call kernel-function#12 off:1
call 1
gotol pc-3
exit
