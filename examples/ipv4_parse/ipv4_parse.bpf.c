// SPDX-License-Identifier: MIT
/*
 * ipv4_parse.bpf.c - a small packet parser: given an Ethernet frame in
 * r1 (pointer) and r2 (length), returns the destination port of an IPv4
 * TCP or UDP packet (behind at most one 802.1Q VLAN tag), 0 for anything
 * else or for a truncated frame.
 *
 * Built with: clang -target bpf -O2 -c ipv4_parse.bpf.c -o ipv4_parse.o
 * and its section extracted as raw instructions with llvm-objcopy
 * (the ELF loader comes in a later release).
 */
typedef unsigned char __u8;
typedef unsigned short __u16;
typedef unsigned int __u32;
typedef unsigned long long __u64;

#define SEC(name) __attribute__((section(name), used))

static inline __u16 load_be16(const __u8 *p)
{
	return (__u16)(p[0] << 8 | p[1]);
}

SEC("bpfvm")
__u64 dst_port(const __u8 *data, __u64 len)
{
	const __u8 *ip, *l4;
	__u32 ihl, l2 = 14;
	__u16 proto;

	if (len < 14 + 20)
		return 0;
	proto = load_be16(data + 12);
	if (proto == 0x8100) {                  /* one VLAN tag */
		proto = load_be16(data + 16);
		l2 += 4;
	}
	if (proto != 0x0800 || len < l2 + 20)  /* IPv4 only */
		return 0;
	ip = data + l2;
	if ((ip[0] >> 4) != 4)
		return 0;
	ihl = (ip[0] & 0xf) * 4u;
	if (ihl < 20 || len < l2 + ihl + 4)
		return 0;
	if (load_be16(ip + 6) & 0x1fff)         /* not the first fragment */
		return 0;
	if (ip[9] != 6 && ip[9] != 17)          /* TCP or UDP */
		return 0;
	l4 = ip + ihl;
	return load_be16(l4 + 2);
}
