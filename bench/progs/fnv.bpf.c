/* SPDX-License-Identifier: MIT */
/*
 * fnv - the 32-bit FNV-1a hash of the whole packet: a byte load, xor and
 * multiply per byte with a bounds check. A serial dependency chain through
 * memory, the shape of load-balancer and sketch hashing.
 */
#include "bench.h"

static __always_inline __u32 fnv_logic(const __u8 *data, const __u8 *end,
				       __u32 *scratch)
{
	__u32 h = 2166136261u;

	(void)scratch;
	/* data + i (not p++) keeps the trip count constant for clang's full
	 * unroll and each unrolled offset a constant for the validators. */
	BENCH_LOOP
	for (int i = 0; i < BENCH_PKT_MAX; i++) {
		if (data + i + 1 > end)
			break;
		h ^= data[i];
		h *= 16777619u;
	}
	return h;
}

BENCH_ENTRIES(fnv, fnv_logic)
