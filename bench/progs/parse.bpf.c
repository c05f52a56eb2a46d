/* SPDX-License-Identifier: MIT */
/*
 * parse - a packet parser as XDP programs write it: walk Ethernet (up to two
 * VLAN/QinQ tags), IPv4 (options, fragments) or IPv6 (up to four extension
 * headers), then TCP/UDP/ICMP, bounds-checking each header against data_end,
 * and return a 32-bit flow hash with the packet class in its low bits.
 * Branchy, short, load-heavy: the typical filter workload.
 */
#include "bench.h"

/* A multiply-xorshift mix: cheap, and every input bit reaches the output. */
static __always_inline __u32 mix(__u32 h, __u32 v)
{
	h ^= v;
	h *= 0x9e3779b1u;
	return h ^ (h >> 15);
}

static __always_inline __u32 parse_logic(const __u8 *data, const __u8 *end,
					__u32 *scratch)
{
	const __u8 *p = data;
	__u32 h = 0x12345678, off;
	__u8 hlen;
	__u16 proto;
	__u8 l4;

	(void)scratch;

	if (p + 14 > end)
		return 1;
	h = mix(h, bench_ld32(p) ^ bench_ld32(p + 6));	/* dst/src MAC bits */
	proto = bench_be16(p + 12);
	p += 14;
	BENCH_LOOP
	for (int i = 0; i < 2; i++) {
		if (proto != 0x8100 && proto != 0x88a8)
			break;
		if (p + 4 > end)
			return 2;
		h = mix(h, bench_be16(p) & 0x0fff);		/* VLAN id */
		proto = bench_be16(p + 2);
		p += 4;
	}
	h = mix(h, proto);

	if (proto == 0x0800) {
		if (p + 20 > end)
			return 3;
		off = (p[0] & 0x0f) * 4;
		if (off < 20)
			return 4;
		l4 = p[9];
		h = mix(h, bench_ld32(p + 12));
		h = mix(h, bench_ld32(p + 16));
		h = mix(h, l4);
		if (bench_be16(p + 6) & 0x1fff)		/* not the first fragment */
			return h << 4 | 5;
		p += off;
	} else if (proto == 0x86dd) {
		if (p + 40 > end)
			return 6;
		l4 = p[6];
		BENCH_LOOP
		for (int i = 0; i < 8; i++)		/* both addresses */
			h = mix(h, bench_ld32(p + 8 + 4 * i));
		p += 40;
		BENCH_LOOP
		for (int i = 0; i < 4; i++) {
			/* hop-by-hop, routing, fragment, destination options */
			if (l4 != 0 && l4 != 43 && l4 != 44 && l4 != 60)
				break;
			if (p + 8 > end)
				return 7;
			/* Headers longer than 256 bytes are not followed. The
			 * length is masked before the test, which gives DPDK's
			 * validator (it bounds offsets statically) a range it
			 * can see; the test makes the mask a no-op. */
			hlen = p[1];
			off = l4 == 44 ? 8 : ((hlen & 31) + 1) * 8;
			if (l4 != 44 && hlen > 31)
				return h << 4 | 7;
			l4 = p[0];
			h = mix(h, l4);
			p += off;
		}
	} else {
		return h << 4 | 8;				/* ARP, LLDP, ... */
	}

	if (l4 == 6) {
		if (p + 20 > end)
			return h << 4 | 9;
		h = mix(h, bench_ld32(p));			/* ports */
		h = mix(h, p[13] & 0x3f);			/* flags */
		off = (p[12] >> 4) * 4;
		if (off < 20 || p + off > end)
			return h << 4 | 10;
		return h << 4 | (p + off < end ? 11 : 12);	/* payload? */
	}
	if (l4 == 17) {
		if (p + 8 > end)
			return h << 4 | 13;
		h = mix(h, bench_ld32(p));
		return h << 4 | (bench_be16(p + 4) > 8 ? 14 : 15);
	}
	if (l4 == 1 || l4 == 58) {
		if (p + 4 > end)
			return h << 4 | 0;
		return mix(h, bench_ld16(p)) << 4 | 0;	/* type, code */
	}
	return h << 4 | 0;
}

BENCH_ENTRIES(parse, parse_logic)
