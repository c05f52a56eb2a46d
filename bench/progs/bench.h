/* SPDX-License-Identifier: MIT */
/*
 * bench.h - what every benchmark program shares with the runner: the input
 * buffer layout, the annotations that let one source compile both for the
 * BPF target and as a plain host function, the loop-unrolling switch, and
 * the entry-point macro.
 *
 * Each progs/NAME.bpf.c writes its logic once, as a static __always_inline
 * function over (data, data_end, scratch) returning a __u32, and ends with
 * BENCH_ENTRIES(NAME, logic). bench/Makefile compiles it three ways:
 *   clang -target bpf -mcpu=v2 -DBENCH_UNROLL=1  loops fully unrolled, no
 *        JMP32: the bytecode DPDK 22.11 accepts; every engine runs it
 *   clang -target bpf -mcpu=v3 -DBENCH_UNROLL=0  real bounded loops
 *        (bpfvm and the kernel only: DPDK rejects back edges)
 *   clang -O2 for the host                       the native reference
 * Entry points:
 *   SEC("bench") r1 = struct bench_buf * (the length travels in the buffer
 *        because rte_bpf_exec sets only r1); bpfvm and DPDK run this one
 *   SEC("tc"), SEC("xdp")  the kernel's: data/data_end from struct __sk_buff
 *        or struct xdp_md (the runner uses tc by default, see eng_kernel.c)
 *   bench_native_NAME()  host build, registered with the runner at start-up
 * Results are __u32 so that they compare exactly with the kernel's 32-bit
 * test-run retval.
 */
#ifndef BENCH_PROGS_BENCH_H
#define BENCH_PROGS_BENCH_H

#ifndef __bpf__
# include <stdint.h>	/* glibc's __always_inline first, see below */
#endif
#include <linux/types.h>

/* Largest packet a benchmark sees (the runner truncates longer captures,
 * as a snap length would) and the size of data[]. DPDK's validator is told
 * the buffer is exactly sizeof(struct bench_buf) and checks every access
 * statically against it, so programs keep their offsets provably below. */
#define BENCH_PKT_MAX  1514
#define BENCH_DATA_MAX 2048
/* Writable scratch words for programs that need a table (histo). DPDK's
 * validator refuses variable-offset stack accesses, so the "bench" entry
 * gives the logic this area of the buffer; the kernel entries give it a
 * stack array (the kernel allows variable offsets there for privileged
 * users). */
#define BENCH_SCRATCH_WORDS 64

struct bench_buf {
	__u32 len;		/* bytes of data[] that are valid */
	__u32 pad;
	__u32 scratch[BENCH_SCRATCH_WORDS];
	__u8 data[BENCH_DATA_MAX];
};

typedef __u32 (*bench_native_fn)(struct bench_buf *b);
void bench_native_register(const char *name, bench_native_fn fn);

#if defined(__bpf__)
# include <linux/bpf.h>
/* <linux/stddef.h> makes __always_inline a mere __inline__; the logic must
 * really be inlined into each entry point. */
# undef __always_inline
# define __always_inline inline __attribute__((always_inline))
# define SEC(s) __attribute__((section(s), used))
# if BENCH_UNROLL
#  define BENCH_LOOP _Pragma("clang loop unroll(full)")
# else
#  define BENCH_LOOP _Pragma("clang loop unroll(disable)")
# endif
# define BENCH_ENTRIES(name, logic)					\
	SEC("bench") __u64 bench_main(struct bench_buf *b)		\
	{								\
		const __u8 *d = b->data;				\
		return (__u64)logic(d, d + b->len, b->scratch);		\
	}								\
	SEC("tc") int tc_main(struct __sk_buff *skb)			\
	{								\
		__u32 scratch[BENCH_SCRATCH_WORDS];			\
		return (int)logic((const __u8 *)(long)skb->data,	\
				  (const __u8 *)(long)skb->data_end,	\
				  scratch);				\
	}								\
	SEC("xdp") int xdp_main(struct xdp_md *ctx)			\
	{								\
		__u32 scratch[BENCH_SCRATCH_WORDS];			\
		return (int)logic((const __u8 *)(long)ctx->data,	\
				  (const __u8 *)(long)ctx->data_end,	\
				  scratch);				\
	}								\
	char _license[] SEC("license") = "GPL";
# define BENCH_LOAD(type, p) (*(const type *)(p))
#else
/* Host build: the plain C, loops left to the compiler. */
# define BENCH_LOOP
# define BENCH_ENTRIES(name, logic)					\
	__u32 bench_native_##name(struct bench_buf *b);			\
	__u32 bench_native_##name(struct bench_buf *b)			\
	{								\
		return logic(b->data, b->data + b->len, b->scratch);	\
	}								\
	__attribute__((constructor)) static void bench_reg_##name(void) \
	{								\
		bench_native_register(#name, bench_native_##name);	\
	}
/* The host may not assume alignment: memcpy is a plain load on x86-64. */
# define BENCH_LOAD(type, p) \
	({ type v_; __builtin_memcpy(&v_, (p), sizeof(v_)); v_; })
#endif

/* Loads as XDP programs write them: one 16/32/64-bit load (unaligned packet
 * loads are fine on x86-64 in every engine) and a byte swap for network
 * order. */
#define bench_ld16(p) BENCH_LOAD(__u16, p)
#define bench_ld32(p) BENCH_LOAD(__u32, p)
#define bench_ld64(p) BENCH_LOAD(__u64, p)
#define bench_be16(p) __builtin_bswap16(bench_ld16(p))
#define bench_be32(p) __builtin_bswap32(bench_ld32(p))

#endif
