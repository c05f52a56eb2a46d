/* SPDX-License-Identifier: MIT */
/*
 * cmd_run.c - `bpfvm run FILE`: runs a program once (or --repeat N times)
 * in the interpreter with r1 = memory buffer, r2 = its length, and prints
 * r0; with --repeat, also the average time per run.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bpfvm/bpfvm.h"
#include "cmds.h"
#include "core/hex.h"

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: bpfvm run FILE [--mem-file F | --mem-hex HEX] [--repeat N]\n"
		"                      [--trusted] [--budget N] [--test-helpers]\n\n"
		"Runs the program in FILE (raw instructions or assembly, see\n"
		"`bpfvm asm --help`) with r1 = a copy of the memory buffer (NULL when\n"
		"none) and r2 = its length, and prints `r0 = 0xHEX (DECIMAL)`.\n\n"
		"Options:\n"
		"  --mem-file F    memory buffer: the bytes of file F\n"
		"  --mem-hex HEX   memory buffer: hex bytes, e.g. \"00 01 ff\"\n"
		"  --repeat N      run N times; also print `average: T ns per run`\n"
		"  --trusted       skip runtime checks (only for verified programs)\n"
		"  --budget N      instruction budget of the checked interpreter\n"
		"  --test-helpers  register the conformance suite's helpers 0-5\n"
		"  -h, --help      this text\n\n"
		"A fault (out-of-bounds access, budget exhausted...) is printed with\n"
		"the instruction index and exits 1. Exit status 2: usage error.\n");
}

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

int cmd_run(int argc, char **argv)
{
	const char *file = NULL, *mem_file = NULL, *mem_hex = NULL;
	uint64_t repeat = 0, budget = 0, r0 = 0;
	int trusted = 0, test_helpers = 0, ret = EXIT_FAIL, err;
	struct bpf_insn *insns = NULL;
	struct bpfvm *vm = NULL;
	struct bpfvm_prog *prog = NULL;
	uint8_t *mem = NULL, *work = NULL;
	size_t cnt = 0, mem_len = 0;
	char log[512];

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (is_help(a)) {
			usage(stdout);
			return EXIT_OK;
		} else if (!strcmp(a, "--mem-file") && i + 1 < argc) {
			mem_file = argv[++i];
		} else if (!strcmp(a, "--mem-hex") && i + 1 < argc) {
			mem_hex = argv[++i];
		} else if (!strcmp(a, "--repeat") && i + 1 < argc) {
			if (parse_count(argv[++i], &repeat)) {
				fprintf(stderr, "bpfvm run: invalid repeat count '%s'\n", argv[i]);
				return EXIT_USAGE;
			}
		} else if (!strcmp(a, "--budget") && i + 1 < argc) {
			if (parse_count(argv[++i], &budget)) {
				fprintf(stderr, "bpfvm run: invalid budget '%s'\n", argv[i]);
				return EXIT_USAGE;
			}
		} else if (!strcmp(a, "--trusted")) {
			trusted = 1;
		} else if (!strcmp(a, "--test-helpers")) {
			test_helpers = 1;
		} else if (a[0] == '-' && a[1]) {
			fprintf(stderr, "bpfvm run: unknown or incomplete option '%s'\n", a);
			usage(stderr);
			return EXIT_USAGE;
		} else if (!file) {
			file = a;
		} else {
			fprintf(stderr, "bpfvm run: unexpected argument '%s'\n", a);
			return EXIT_USAGE;
		}
	}
	if (!file || (mem_file && mem_hex)) {
		fprintf(stderr, file ? "bpfvm run: --mem-file and --mem-hex exclude each other\n"
				     : "bpfvm run: no program file given\n");
		usage(stderr);
		return EXIT_USAGE;
	}
	if (mem_file) {
		mem = (uint8_t *)read_file(mem_file, &mem_len);
		if (!mem)
			return EXIT_FAIL;
	} else if (mem_hex) {
		err = bpf_hex_parse(mem_hex, &mem, &mem_len, log, sizeof(log));
		if (err) {
			fprintf(stderr, "bpfvm run: --mem-hex: %s\n", log);
			return EXIT_USAGE;
		}
	}
	if (load_program_file(file, &insns, &cnt))
		goto out;
	vm = bpfvm_new();
	if (!vm || (test_helpers && register_test_helpers(vm))) {
		fprintf(stderr, "bpfvm run: out of memory\n");
		goto out;
	}
	err = bpfvm_prog_load(vm, insns, cnt, trusted ? BPFVM_PROG_TRUSTED : 0,
			      &prog, log, sizeof(log));
	if (err) {
		fprintf(stderr, "bpfvm run: %s: load failed: %s\n", file, log);
		goto out;
	}
	work = mem_len ? malloc(mem_len) : NULL;
	{
		struct bpfvm_fault fault;
		struct bpfvm_region region = { .addr = work, .len = mem_len, .writable = 1 };
		struct bpfvm_run_opts ro = {
			.sz = sizeof(ro),
			.r1 = (uint64_t)(uintptr_t)work, .r2 = mem_len,
			.regions = work ? &region : NULL, .nr_regions = work ? 1 : 0,
			.budget = budget, .fault = &fault,
		};
		uint64_t runs = repeat ? repeat : 1;
		double t0, total = 0;

		if (mem_len && !work) {
			fprintf(stderr, "bpfvm run: out of memory\n");
			goto out;
		}
		/* Each run sees the original buffer. The copies are timed in
		 * a loop of their own and subtracted, so that clock reads and
		 * copies do not count as run time. */
		t0 = now_ns();
		for (uint64_t n = 0; n < runs; n++) {
			if (work)
				memcpy(work, mem, mem_len);
			err = bpfvm_prog_run(prog, &ro, &r0);
			if (err) {
				fprintf(stderr, "bpfvm run: %s: fault: %s\n", file, fault.msg);
				goto out;
			}
		}
		total = now_ns() - t0;
		if (work && repeat) {
			t0 = now_ns();
			for (uint64_t n = 0; n < runs; n++) {
				memcpy(work, mem, mem_len);
				__asm__ volatile("" : : "r"(work) : "memory");
			}
			total -= now_ns() - t0;
			if (total < 0)
				total = 0;
		}
		printf("r0 = 0x%" PRIx64 " (%" PRIu64 ")\n", r0, r0);
		if (repeat)
			printf("average: %.1f ns per run (%" PRIu64 " runs)\n",
			       total / (double)runs, runs);
	}
	ret = EXIT_OK;
out:
	free(work);
	free(mem);
	free(insns);
	bpfvm_free(vm);
	return ret;
}
