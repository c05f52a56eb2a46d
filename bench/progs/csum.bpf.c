/* SPDX-License-Identifier: MIT */
/*
 * csum - the Internet checksum (RFC 1071) over the whole packet: a 16-bit
 * load and add per two bytes, the odd trailing byte, then the carry fold.
 * Streams through memory with a bounds check per load, as any XDP program
 * checksumming a payload does.
 */
#include "bench.h"

static __always_inline __u32 csum_logic(const __u8 *data, const __u8 *end,
					__u32 *scratch)
{
	__u64 sum = 0;

	(void)scratch;
	BENCH_LOOP
	for (int i = 0; i < (BENCH_PKT_MAX + 1) / 2; i++) {
		const __u8 *q = data + 2 * i;

		if (q + 2 > end) {
			if (q + 1 <= end)
				sum += *q;	/* odd length: pad with zero */
			break;
		}
		sum += bench_ld16(q);
	}
	sum = (sum & 0xffff) + (sum >> 16);
	sum = (sum & 0xffff) + (sum >> 16);
	sum = (sum & 0xffff) + (sum >> 16);
	return (__u32)(~sum & 0xffff);
}

BENCH_ENTRIES(csum, csum_logic)
