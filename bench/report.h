/* SPDX-License-Identifier: MIT */
/*
 * report.h - what the runner measured, and the two ways it is reported: the
 * side-by-side table on stdout and bench/out/results.jsonl.
 */
#ifndef BENCH_REPORT_H
#define BENCH_REPORT_H

#include <stddef.h>
#include <stdint.h>

enum result_status {
	RES_OK,
	RES_MISMATCH,	/* ran, but some r0 differed from the native result */
	RES_ERROR,	/* load or run failed */
};

struct result {
	char bench[48];		/* "parse", "parse-loop" */
	const char *engine;	/* engine name; "kernel-overhead" for empty */
	int loop;
	size_t insns;		/* the bytecode this engine ran */
	double ns;		/* ns per run: best of the repetitions */
	double wall_ns;		/* CLOCK_MONOTONIC ns per run, same repetition */
	double cpu_ns;		/* thread CPU-time ns per run, same repetition */
	int busy;		/* the runner was descheduled > 5% of that time */
	uint64_t runs;		/* runs per repetition */
	double load_ms;
	enum result_status status;
};

struct report {
	struct result *res;
	size_t n, cap;
	/* names of the engines in column order, and which are available */
	const char *engines[8];
	int avail[8];
	size_t nr_engines;
	/* row order */
	char rows[64][48];
	size_t nr_rows;
	/* context for the header and the JSON */
	size_t inputs, files;
	int cpu, reps, jit_enable;
	unsigned min_ms;
	const char *clock;	/* "wall" or "cpu" */
	const char *kernel_hook;	/* "tc" or "xdp" */
	double load_avg;	/* 1-minute load average at start */
	double kernel_overhead;	/* < 0 when not measured */
	char timestamp[32];
};

struct result *report_add(struct report *r);
const struct result *report_find(const struct report *r, const char *bench,
				 const char *engine);
void report_table(const struct report *r);
int report_json(const struct report *r, const char *path);
/* 0 when every bench met the target (bpfvm-interp >= 2x faster than
 * dpdk-interp), 1 otherwise or when it could not be checked. */
int report_target(const struct report *r);

#endif
