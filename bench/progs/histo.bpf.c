/* SPDX-License-Identifier: MIT */
/*
 * histo - a byte histogram of the packet (64 bins of 4 byte values each, in
 * a 256-byte table), then a sum of squared bin counts as an entropy-like
 * score. One data-dependent read-modify-write per packet byte: the memory-
 * heavy benchmark. The table is the scratch area the entry point provides
 * (the buffer's for bpfvm/DPDK/native, the stack for the kernel).
 */
#include "bench.h"

static __always_inline __u32 histo_logic(const __u8 *data, const __u8 *end,
					 __u32 *table)
{
	__u32 score = 0;

	BENCH_LOOP
	for (int i = 0; i < BENCH_SCRATCH_WORDS; i++)
		table[i] = 0;
	BENCH_LOOP
	for (int i = 0; i < BENCH_PKT_MAX; i++) {
		if (data + i + 1 > end)
			break;
		table[data[i] >> 2]++;
	}
	BENCH_LOOP
	for (int i = 0; i < BENCH_SCRATCH_WORDS; i++)
		score += table[i] * table[i];
	return score;
}

BENCH_ENTRIES(histo, histo_logic)
