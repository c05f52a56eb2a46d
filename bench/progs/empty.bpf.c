/* SPDX-License-Identifier: MIT */
/*
 * empty - returns XDP_PASS (2) and does nothing else. Measures each engine's
 * fixed cost per run; the kernel's figure is reported as "kernel-overhead"
 * so that later comparisons can subtract it.
 */
#include "bench.h"

static __always_inline __u32 empty_logic(const __u8 *data, const __u8 *end,
					 __u32 *scratch)
{
	(void)data;
	(void)end;
	(void)scratch;
	return 2;
}

BENCH_ENTRIES(empty, empty_logic)
