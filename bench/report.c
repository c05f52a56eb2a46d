/* SPDX-License-Identifier: MIT */
/*
 * report.c - presents the runner's results: the side-by-side table of ns per
 * run, the same rows as ratios to bpfvm-interp, the target (bpfvm's
 * interpreter at least 2x faster than DPDK's on every benchmark), and
 * out/results.jsonl, one JSON object per (bench, engine), written fresh.
 */
#include "report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TARGET_SPEEDUP 2.0

struct result *report_add(struct report *r)
{
	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 64;
		struct result *p = realloc(r->res, cap * sizeof(*p));

		if (!p) {
			fprintf(stderr, "runner: out of memory\n");
			exit(1);
		}
		r->res = p;
		r->cap = cap;
	}
	memset(&r->res[r->n], 0, sizeof(r->res[0]));
	return &r->res[r->n++];
}

const struct result *report_find(const struct report *r, const char *bench,
				 const char *engine)
{
	for (size_t i = 0; i < r->n; i++)
		if (!strcmp(r->res[i].bench, bench) && !strcmp(r->res[i].engine, engine))
			return &r->res[i];
	return NULL;
}

/* The base row of "parse-loop" is "parse": native code has no loop build. */
static const struct result *cell(const struct report *r, const char *row,
				 const char *engine)
{
	const struct result *res = report_find(r, row, engine);
	size_t n = strlen(row);
	char base[48];

	if (!res && !strcmp(engine, "native") && n > 5 && !strcmp(row + n - 5, "-loop")) {
		snprintf(base, sizeof(base), "%.*s", (int)(n - 5), row);
		res = report_find(r, base, engine);
	}
	return res;
}

static double ns_of(const struct report *r, const char *row, const char *engine)
{
	const struct result *res = cell(r, row, engine);

	return res && res->status == RES_OK ? res->ns : -1;
}

static int width(const char *name)
{
	int w = (int)strlen(name);

	return w < 9 ? 9 : w;
}

static void fmt_ns(char *out, size_t len, const struct result *res)
{
	if (!res)
		snprintf(out, len, "-");
	else if (res->status == RES_ERROR)
		snprintf(out, len, "ERROR");
	else
		snprintf(out, len, res->ns >= 10000 ? "%.0f%s" : "%.1f%s", res->ns,
			 res->status == RES_MISMATCH ? "!" : res->busy ? "~" : "");
}

static size_t row_insns(const struct report *r, const char *row)
{
	for (size_t i = 0; i < r->n; i++)
		if (!strcmp(r->res[i].bench, row) && strcmp(r->res[i].engine, "kernel") &&
		    strcmp(r->res[i].engine, "native"))
			return r->res[i].insns;
	return 0;
}

static void header(const struct report *r, const char *title)
{
	printf("\n%-12s %6s", title, "insns");
	for (size_t e = 0; e < r->nr_engines; e++)
		if (r->avail[e])
			printf("  %*s", width(r->engines[e]), r->engines[e]);
}

void report_table(const struct report *r)
{
	const char *base = "bpfvm-interp";
	char buf[32];

	size_t busy = 0;

	for (size_t i = 0; i < r->n; i++)
		busy += r->res[i].busy;
	printf("\n== bpfvm bench: %zu Ethernet frames from %zu captures, one run = one frame;"
	       "\n   CPU %d, best of %d repetitions of >= %u ms, %s clock, load average "
	       "%.2f;\n   kernel = %s test run (its own duration), bpf_jit_enable=%d\n",
	       r->inputs, r->files, r->cpu, r->reps, r->min_ms,
	       !strcmp(r->clock, "cpu") ? "thread CPU-time" : "CLOCK_MONOTONIC",
	       r->load_avg, r->kernel_hook, r->jit_enable);
	printf("   rows NAME run the unrolled -mcpu=v2 bytecode on every engine; rows "
	       "NAME-loop the\n   -mcpu=v3 build with real loops (bpfvm, kernel; native "
	       "repeats its one build)\n");

	header(r, "ns/run");
	printf("\n");
	for (size_t i = 0; i < r->nr_rows; i++) {
		const char *row = r->rows[i];

		printf("%-12s %6zu", row, row_insns(r, row));
		for (size_t e = 0; e < r->nr_engines; e++) {
			if (!r->avail[e])
				continue;
			fmt_ns(buf, sizeof(buf), cell(r, row, r->engines[e]));
			printf("  %*s", width(r->engines[e]), buf);
		}
		printf("\n");
	}
	if (r->kernel_overhead >= 0)
		printf("kernel-overhead (the empty program's time, included in every kernel "
		       "figure): %.1f ns\n", r->kernel_overhead);
	printf("('!' = result mismatch, see the errors; '-' = not run%s)\n",
	       busy ? "; '~' = the runner was descheduled for > 5% of the best repetition" : "");
	if (busy)
		printf("note: the machine was busy: %zu figures include time other processes "
		       "ran;\n      cpu_ns_per_run in the JSON leaves it out; rerun when idle or "
		       "with BENCH_CLOCK=cpu\n", busy);

	if (!report_find(r, "empty", base) && !report_find(r, "arith", base))
		base = "dpdk-interp";
	printf("\nrelative to %s (engine ns / %s ns; below 1 is faster):", base, base);
	header(r, "ratio");
	printf("  %s\n", "dpdk/bpfvm");
	for (size_t i = 0; i < r->nr_rows; i++) {
		const char *row = r->rows[i];
		double b = ns_of(r, row, base), d, v;

		printf("%-12s %6zu", row, row_insns(r, row));
		for (size_t e = 0; e < r->nr_engines; e++) {
			if (!r->avail[e])
				continue;
			v = ns_of(r, row, r->engines[e]);
			if (v < 0 || b <= 0)
				snprintf(buf, sizeof(buf), "-");
			else
				snprintf(buf, sizeof(buf), "%.2f", v / b);
			printf("  %*s", width(r->engines[e]), buf);
		}
		d = ns_of(r, row, "dpdk-interp");
		b = ns_of(r, row, "bpfvm-interp");
		if (d > 0 && b > 0)
			printf("  %9.2fx", d / b);
		else
			printf("  %10s", "-");
		printf("\n");
	}
}

int report_target(const struct report *r)
{
	size_t met = 0, total = 0;

	printf("\ntarget: bpfvm-interp >= %.0fx faster than dpdk-interp on every benchmark\n",
	       TARGET_SPEEDUP);
	for (size_t i = 0; i < r->nr_rows; i++) {
		double d = ns_of(r, r->rows[i], "dpdk-interp");
		double b = ns_of(r, r->rows[i], "bpfvm-interp");

		if (d < 0)
			continue;	/* loop rows: DPDK does not run them */
		total++;
		if (b < 0) {
			printf("  %-12s dpdk-interp %.1f ns, bpfvm-interp not measured\n",
			       r->rows[i], d);
			continue;
		}
		printf("  %-12s %5.2fx  %s\n", r->rows[i], d / b,
		       d / b >= TARGET_SPEEDUP ? "ok" : "BELOW TARGET");
		met += d / b >= TARGET_SPEEDUP;
	}
	printf("  met on %zu of %zu benchmarks\n", met, total);
	return total && met == total ? 0 : 1;
}

int report_json(const struct report *r, const char *path)
{
	FILE *f = fopen(path, "w");

	if (!f) {
		perror(path);
		return -1;
	}
	for (size_t i = 0; i < r->n; i++) {
		const struct result *res = &r->res[i];
		int kernel = !strcmp(res->engine, "kernel");
		const char *engine = res->engine;
		size_t n = strlen(res->bench);
		char base[48];

		snprintf(base, sizeof(base), "%.*s", (int)(res->loop ? n - 5 : n), res->bench);
		if (kernel && !strcmp(res->bench, "empty"))
			engine = "kernel-overhead";
		fprintf(f, "{\"bench\":\"%s\",\"program\":\"%s\",\"variant\":\"%s\","
			"\"engine\":\"%s\",\"status\":\"%s\",",
			res->bench, base, res->loop ? "loop" : "unrolled", engine,
			res->status == RES_OK ? "ok" :
			res->status == RES_MISMATCH ? "mismatch" : "error");
		if (res->status == RES_ERROR)
			fprintf(f, "\"ns_per_run\":null,");
		else
			fprintf(f, "\"ns_per_run\":%.3f,\"wall_ns_per_run\":%.3f,"
				"\"cpu_ns_per_run\":%.3f,\"busy\":%s,\"runs_per_rep\":%llu,",
				res->ns, res->wall_ns, res->cpu_ns, res->busy ? "true" : "false",
				(unsigned long long)res->runs);
		if (kernel && res->status != RES_ERROR) {
			fprintf(f, "\"bpf_jit_enable\":%d,\"hook\":\"%s\",", r->jit_enable,
				r->kernel_hook);
			if (r->kernel_overhead >= 0 && strcmp(res->bench, "empty"))
				fprintf(f, "\"overhead_ns\":%.3f,\"ns_minus_overhead\":%.3f,",
					r->kernel_overhead, res->ns - r->kernel_overhead);
		}
		fprintf(f, "\"clock\":\"%s\",\"insns\":%zu,\"load_ms\":%.3f,\"reps\":%d,"
			"\"min_ms\":%u,\"inputs\":%zu,\"cpu\":%d,\"load_avg\":%.2f,"
			"\"timestamp\":\"%s\"}\n",
			kernel ? "kernel" : r->clock, res->insns, res->load_ms, r->reps,
			r->min_ms, r->inputs, r->cpu, r->load_avg, r->timestamp);
	}
	if (fclose(f)) {
		perror(path);
		return -1;
	}
	return 0;
}
