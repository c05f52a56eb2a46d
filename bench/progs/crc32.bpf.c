/* SPDX-License-Identifier: MIT */
/*
 * crc32 - bitwise CRC-32 (the reflected 0xEDB88320 polynomial of Ethernet
 * and zlib) over the first 64 bytes of the packet: a bounded loop (with a
 * bounds-check exit per byte) around an inner loop of eight shift/mask
 * steps. No table. The inner step uses a mask, not an if: DPDK's validator
 * explores every path, and 512 diamonds in a row would never validate.
 */
#include "bench.h"

static __always_inline __u32 crc32_logic(const __u8 *data, const __u8 *end,
					 __u32 *scratch)
{
	__u32 crc = 0xffffffffu;

	(void)scratch;
	BENCH_LOOP
	for (int i = 0; i < 64; i++) {
		if (data + i + 1 > end)
			break;
		crc ^= data[i];
		BENCH_LOOP
		for (int k = 0; k < 8; k++)
			crc = (crc >> 1) ^ (0xedb88320u & -(crc & 1));
	}
	return ~crc;
}

BENCH_ENTRIES(crc32, crc32_logic)
