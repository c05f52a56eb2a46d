/* SPDX-License-Identifier: MIT */
/*
 * engine.h - the interface every execution engine of the benchmark runner
 * implements (bpfvm's interpreter, DPDK's interpreter and JIT, the kernel via
 * BPF_PROG_TEST_RUN, native code), and the data they share: the compiled
 * benchmark and the input set. An engine loads a benchmark once, runs it once
 * per input to have its result checked, and times `rounds` passes over the
 * input set itself, so that its inner loop calls its own API directly.
 */
#ifndef BENCH_ENGINE_H
#define BENCH_ENGINE_H

#include <stddef.h>
#include <stdint.h>

#include "progs/bench.h"

/* <linux/bpf.h>'s; only pointers here, so that eng_dpdk.c can include
 * DPDK's own BPF definitions instead. */
struct bpf_insn;

/* The inputs: one struct bench_buf per packet. */
struct bench_set {
	struct bench_buf **bufs;
	char **origin;		/* "file.pcap#3", for error messages */
	size_t n;
};

/* One benchmark in one compiled form. */
struct bench_code {
	const char *name;	/* "parse", "parse-loop" */
	const char *base;	/* "parse" */
	int loop;		/* 1: the -mcpu=v3 build with real loops */
	struct bpf_insn *insns;	/* section "bench": r1 = struct bench_buf * */
	size_t cnt;
	struct bpf_insn *kern;	/* section "tc" or "xdp": the kernel's entry */
	size_t kern_cnt;
	bench_native_fn native;	/* host build of the same logic */
};

struct measurement {
	double wall_ns;		/* CLOCK_MONOTONIC time of the whole measurement */
	double cpu_ns;		/* CLOCK_THREAD_CPUTIME_ID time of the same */
	double own_ns_per_run;	/* > 0: the engine's own figure (the kernel's) */
	uint64_t sink;		/* folded results, keeps the loop alive */
};

/* Brackets for a timed loop: stamp_start() before, stamp_end() after; the
 * thread CPU clock tells time spent running from time spent descheduled. */
struct stamp {
	uint64_t wall, cpu;
};
void stamp_start(struct stamp *t);
void stamp_end(const struct stamp *t, struct measurement *m);

/* The timed loop every engine's measure() runs: `rounds` passes over the
 * input set, adding RESULT (an expression of `buf`, the current input) into
 * m->sink. A macro so that each engine's call is inlined in its own loop: a
 * shared function taking a callback would time the callback too. */
#define BENCH_TIMED_LOOP(set, rounds, m, RESULT) do {                         \
		struct stamp t0_;                                             \
		uint64_t sink_ = 0;                                           \
		stamp_start(&t0_);                                            \
		for (uint64_t r_ = 0; r_ < (rounds); r_++)                    \
			for (size_t i_ = 0; i_ < (set)->n; i_++) {            \
				void *buf = (set)->bufs[i_];                  \
				sink_ += (RESULT);                            \
			}                                                     \
		stamp_end(&t0_, (m));                                         \
		(m)->sink = sink_;                                            \
	} while (0)

struct engine {
	const char *name;
	int runs_loops;		/* accepts programs with back edges */
	/* Once per process; 0, or -errno with the reason to skip the engine. */
	int (*init)(char *why, size_t len);
	int (*load)(const struct bench_code *c, void **h, char *err, size_t len);
	/* One run; *r0 receives the program's result. */
	int (*run)(void *h, struct bench_buf *b, uint64_t *r0, char *err, size_t len);
	/* `rounds` passes over every input of the set. */
	int (*measure)(void *h, const struct bench_set *s, uint64_t rounds,
		       struct measurement *m, char *err, size_t len);
	void (*unload)(void *h);
};

extern const struct engine engine_bpfvm, engine_bpfvm_checked;
extern const struct engine engine_dpdk_interp, engine_dpdk_jit;
extern const struct engine engine_kernel;
/* The kernel engine's hook: 0 = tc (BPF_PROG_TYPE_SCHED_CLS), 1 = XDP. */
extern int kernel_use_xdp;
extern const struct engine engine_native;

/* Monotonic clock in nanoseconds. */
uint64_t bench_now_ns(void);

/* The native build of benchmark `name`, or NULL. */
bench_native_fn bench_native_lookup(const char *name);

#endif
