/* SPDX-License-Identifier: MIT */
/*
 * cbpf.h - classic BPF (the A/X/M[16] machine of SO_ATTACH_FILTER, libpcap
 * and seccomp): the kernel's checker and an interpreter.
 *
 * Programs are arrays of the kernel's struct sock_filter (<linux/filter.h>).
 * bpfvm_cbpf_check() applies the rules the kernel applies when a filter is
 * attached (net/core/filter.c bpf_check_classic, plus kernel/seccomp.c
 * seccomp_check_filter for the SECCOMP flavor). bpfvm_cbpf_run() runs a
 * program that passed the checker for the same flavor; it never crashes on
 * an unchecked program either, but its result is then unspecified.
 *
 * Ownership: nothing is retained. Both functions only read the caller's
 * program, context and packet for the duration of the call.
 */
#ifndef BPFVM_CBPF_H
#define BPFVM_CBPF_H

#include <stddef.h>
#include <stdint.h>
#include <linux/filter.h>

#ifdef __cplusplus
extern "C" {
#endif

enum bpfvm_cbpf_flavor {
	BPFVM_CBPF_SOCKET_FILTER = 0, /* SO_ATTACH_FILTER, libpcap filters */
	BPFVM_CBPF_SECCOMP       = 1, /* seccomp: data is struct seccomp_data */
};

/*
 * What a classic program sees. The packet starts at the link-layer header
 * (what SKF_LL_OFF addresses); net_off is where the network header starts
 * (what SKF_NET_OFF addresses). Metadata fields are in host byte order
 * (protocol 0x0800 for IPv4) and are what the SKF_AD_* ancillary loads read.
 */
struct bpfvm_cbpf_ctx {
	const uint8_t *data;   /* packet (or struct seccomp_data for SECCOMP) */
	uint32_t len;          /* bytes readable at data (caplen) */
	uint32_t wire_len;     /* what LEN loads (packet length); 0: use len */
	uint32_t net_off;      /* offset of the network header in data */
	enum bpfvm_cbpf_flavor flavor;

	uint16_t protocol;     /* SKF_AD_PROTOCOL: skb->protocol, host order */
	uint8_t  pkt_type;     /* SKF_AD_PKTTYPE: PACKET_HOST... */
	uint8_t  no_dev;       /* 1: skb->dev is NULL: IFINDEX/HATYPE end the
				  program returning A, as the kernel does */
	uint32_t ifindex;      /* SKF_AD_IFINDEX */
	uint32_t mark;         /* SKF_AD_MARK */
	uint16_t queue_mapping;/* SKF_AD_QUEUE */
	uint16_t hatype;       /* SKF_AD_HATYPE: dev->type (ARPHRD_*) */
	uint32_t rxhash;       /* SKF_AD_RXHASH */
	uint32_t cpu;          /* SKF_AD_CPU */
	uint16_t vlan_tci;     /* SKF_AD_VLAN_TAG */
	uint8_t  vlan_present; /* SKF_AD_VLAN_TAG_PRESENT */
	uint16_t vlan_tpid;    /* SKF_AD_VLAN_TPID: vlan_proto, host order */
	uint32_t pay_offset;   /* SKF_AD_PAY_OFFSET: the kernel computes it with
				  its flow dissector; bpfvm has none, the caller
				  supplies it (0 if unknown) */
	uint64_t *rand_state;  /* SKF_AD_RANDOM: xorshift state advanced per
				  load; NULL: a per-thread generator */
};

/*
 * Checks prog[0..len) with the kernel's rules for flavor: 1 <= len <=
 * BPF_MAXINSNS, known opcodes, jumps in range, last insn a RET, no scratch
 * slot read before it is written on every path, no division/modulo by a
 * constant zero, shifts by a constant < 32, known ancillary offsets; for
 * SECCOMP also the restricted opcode set and loads only as aligned 32-bit
 * words inside struct seccomp_data. Returns 0, or -EINVAL (the kernel's
 * answer) with a message naming the instruction in err (if err != NULL).
 */
int bpfvm_cbpf_check(const struct sock_filter *prog, size_t len,
		     enum bpfvm_cbpf_flavor flavor, char *err, size_t errsz);

/*
 * Runs prog on ctx and returns the value of the RET reached (for a socket
 * filter: how many bytes to keep, 0 = drop; for seccomp: SECCOMP_RET_*).
 * As in the kernel, a packet load out of bounds and a division or modulo
 * by X == 0 end the program with 0.
 */
uint32_t bpfvm_cbpf_run(const struct sock_filter *prog, size_t len,
			const struct bpfvm_cbpf_ctx *ctx);

#ifdef __cplusplus
}
#endif

#endif
