/* SPDX-License-Identifier: MIT */
/*
 * arith - an arithmetic loop: 256 rounds of a xorshift64 generator and a
 * 64-bit LCG seeded from the first 16 packet bytes, coupled by a data-
 * dependent select done with masks. Pure ALU (shifts, xor, and, 64-bit
 * multiply, add): the interpreter's dispatch cost per simple instruction.
 * Branch-free on purpose: DPDK's validator walks every path, and a chain of
 * 256 if/else diamonds never finishes validating (32 take 0.4 s, 64 take
 * minutes).
 */
#include "bench.h"

static __always_inline __u32 arith_logic(const __u8 *data, const __u8 *end,
					 __u32 *scratch)
{
	__u64 x, y, m, t;

	(void)scratch;
	if (data + 16 > end)
		return 0;
	x = bench_ld64(data) | 1;		/* xorshift state must be non-zero */
	y = bench_ld64(data + 8);
	BENCH_LOOP
	for (int i = 0; i < 256; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		y = y * 6364136223846793005ull + 1442695040888963407ull;
		m = -((x ^ y) >> 4 & 1);	/* all ones or zero */
		t = x >> 11;
		x += (y >> 29) & m;
		y ^= t & ~m;
	}
	x ^= y;
	return (__u32)(x ^ (x >> 32));
}

BENCH_ENTRIES(arith, arith_logic)
