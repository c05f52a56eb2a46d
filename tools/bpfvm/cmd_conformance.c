/* SPDX-License-Identifier: MIT */
/*
 * cmd_conformance.c - `bpfvm conformance FILE...`: runs eBPF conformance
 * data files (bpf_conformance / uBPF format) and ends with the line
 * `N passed, N failed`. A file passes when its program exits normally with
 * the expected r0, or, for files that expect an error, when assembling,
 * loading or running fails.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bpfvm/asm.h"
#include "bpfvm/bpfvm.h"
#include "cmds.h"
#include "testdata/conformance.h"

struct skip_entry {
	char *suffix;   /* matches the end of a file's path */
	char *reason;
};

struct conf_opts {
	int verbose;
	int trusted;
	uint64_t budget;
	struct skip_entry *skips;
	size_t nr_skips;
};

enum verdict { PASS, FAIL, SKIPPED };

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: bpfvm conformance [OPTIONS] FILE...\n\n"
		"Runs conformance data files (../shared/conformance/README.md describes\n"
		"the format) with the test helpers they expect (ids 0-5) and prints one\n"
		"line per failed or skipped file, then `N passed, N failed`.\n\n"
		"Options:\n"
		"  -v, --verbose     also print a line per passed file\n"
		"  --trusted         run with the trusted (unchecked) interpreter;\n"
		"                    files that expect an error are skipped\n"
		"  --budget N        instruction budget per run (checked mode)\n"
		"  --skip-list F     skip the files listed in F, one per line:\n"
		"                    PATH-SUFFIX REASON... ('#' starts a comment)\n"
		"  -h, --help        this text\n\n"
		"Exit status: 0 when no file failed, 1 otherwise, 2 usage error.\n");
}

static int load_skip_list(const char *path, struct conf_opts *o)
{
	size_t len;
	char *text = read_file(path, &len), *line, *save = NULL;

	if (!text)
		return -1;
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *p = line + strspn(line, " \t"), *sp;
		struct skip_entry *e;

		if (!*p || *p == '#')
			continue;
		sp = p + strcspn(p, " \t");
		e = realloc(o->skips, (o->nr_skips + 1) * sizeof(*e));
		if (!e)
			break;
		o->skips = e;
		e[o->nr_skips].suffix = strndup(p, (size_t)(sp - p));
		sp += strspn(sp, " \t");
		e[o->nr_skips].reason = strdup(*sp ? sp : "listed in the skip list");
		o->nr_skips++;
	}
	free(text);
	return 0;
}

static const char *skip_reason(const struct conf_opts *o, const char *path)
{
	size_t n = strlen(path);

	for (size_t i = 0; i < o->nr_skips; i++) {
		size_t m = strlen(o->skips[i].suffix);

		if (m <= n && !strcmp(path + n - m, o->skips[i].suffix) &&
		    (m == n || path[n - m - 1] == '/'))
			return o->skips[i].reason;
	}
	return NULL;
}

/* Builds the program of a test: "-- raw" wins over "-- asm". */
static int test_program(const struct bpf_testdata *td, const char *path,
			struct bpf_insn **insnsp, size_t *cntp, char *why,
			size_t whysz)
{
	if (td->raw) {
		struct bpf_insn *insns = calloc(td->nr_raw ? td->nr_raw : 1, sizeof(*insns));

		if (!insns)
			return -ENOMEM;
		for (size_t i = 0; i < td->nr_raw; i++)
			memcpy(&insns[i], &td->raw[i], sizeof(insns[i]));
		*insnsp = insns;
		*cntp = td->nr_raw;
		return 0;
	}
	return bpfvm_asm(td->asm_text, path, insnsp, cntp, why, whysz);
}

static enum verdict run_file(const char *path, const struct conf_opts *o,
			     char *why, size_t whysz)
{
	struct bpf_testdata td;
	struct bpf_insn *insns = NULL;
	struct bpfvm *vm = NULL;
	struct bpfvm_prog *prog = NULL;
	struct bpfvm_fault fault;
	enum verdict v = FAIL;
	size_t cnt = 0, len;
	uint64_t r0 = 0;
	char *text;
	int err;

	if (skip_reason(o, path)) {
		snprintf(why, whysz, "%s", skip_reason(o, path));
		return SKIPPED;
	}
	text = read_file(path, &len);
	if (!text) {
		snprintf(why, whysz, "cannot read file");
		return FAIL;
	}
	err = bpf_testdata_parse(text, path, &td, why, whysz);
	free(text);
	if (err)
		return FAIL;
	if (td.needs_reload) {
		snprintf(why, whysz, "tests uBPF's VM reload/unload API, which bpfvm does not have");
		v = SKIPPED;
		goto out;
	}
	if (o->trusted && td.expect_error) {
		snprintf(why, whysz, "expects an error; not run with --trusted");
		v = SKIPPED;
		goto out;
	}
	if (!td.has_result && !td.expect_error) {
		/* An assembler test: asm must give exactly the raw words. */
		err = bpfvm_asm(td.asm_text, path, &insns, &cnt, why, whysz);
		if (!err && cnt != td.nr_raw)
			snprintf(why, whysz, "asm gives %zu insns, raw has %zu", cnt, td.nr_raw);
		else if (!err) {
			size_t i;

			for (i = 0; i < cnt && !memcmp(&insns[i], &td.raw[i], 8); i++)
				;
			if (i == cnt)
				v = PASS;
			else
				snprintf(why, whysz, "insn %zu: asm gives 0x%016" PRIx64
					 ", raw has 0x%016" PRIx64, i,
					 *(uint64_t *)&insns[i], td.raw[i]);
		}
		goto out;
	}
	err = test_program(&td, path, &insns, &cnt, why, whysz);
	if (err) {
		v = td.expect_error ? PASS : FAIL;
		goto out;
	}
	vm = bpfvm_new();
	if (!vm || register_test_helpers(vm)) {
		snprintf(why, whysz, "out of memory");
		goto out;
	}
	err = bpfvm_prog_load(vm, insns, cnt, o->trusted ? BPFVM_PROG_TRUSTED : 0,
			      &prog, why, whysz);
	if (err) {
		v = td.expect_error ? PASS : FAIL;
		goto out;
	}
	{
		/* A private copy of mem, as the upstream runners give. */
		uint8_t *mem = td.mem_len ? malloc(td.mem_len) : NULL;
		struct bpfvm_region region = { .addr = mem, .len = td.mem_len,
					       .writable = 1 };
		struct bpfvm_run_opts ro = {
			.sz = sizeof(ro),
			.r1 = (uint64_t)(uintptr_t)mem, .r2 = td.mem_len,
			.regions = mem ? &region : NULL, .nr_regions = mem ? 1 : 0,
			.budget = o->budget, .fault = &fault,
		};

		if (td.mem_len && !mem) {
			snprintf(why, whysz, "out of memory");
			goto out;
		}
		if (mem)
			memcpy(mem, td.mem, td.mem_len);
		err = bpfvm_prog_run(prog, &ro, &r0);
		free(mem);
	}
	if (err) {
		v = td.expect_error ? PASS : FAIL;
		snprintf(why, whysz, "%s", fault.msg);
	} else if (td.expect_error) {
		snprintf(why, whysz, "expected an error, got r0 = 0x%" PRIx64, r0);
	} else if (r0 != td.result) {
		snprintf(why, whysz, "r0 = 0x%" PRIx64 ", expected 0x%" PRIx64,
			 r0, td.result);
	} else {
		v = PASS;
	}
out:
	bpfvm_free(vm); /* frees prog */
	free(insns);
	bpf_testdata_free(&td);
	return v;
}

int cmd_conformance(int argc, char **argv)
{
	struct conf_opts o = { 0 };
	unsigned passed = 0, failed = 0, skipped = 0;
	int i, nfiles = 0;

	for (i = 1; i < argc; i++) {
		if (is_help(argv[i])) {
			usage(stdout);
			return EXIT_OK;
		} else if (!strcmp(argv[i], "-v") || !strcmp(argv[i], "--verbose")) {
			o.verbose = 1;
		} else if (!strcmp(argv[i], "--trusted")) {
			o.trusted = 1;
		} else if (!strcmp(argv[i], "--budget") && i + 1 < argc) {
			if (parse_count(argv[++i], &o.budget)) {
				fprintf(stderr, "bpfvm conformance: invalid budget '%s'\n", argv[i]);
				return EXIT_USAGE;
			}
		} else if (!strcmp(argv[i], "--skip-list") && i + 1 < argc) {
			if (load_skip_list(argv[++i], &o))
				return EXIT_USAGE;
		} else if (argv[i][0] == '-' && argv[i][1]) {
			fprintf(stderr, "bpfvm conformance: unknown option '%s'\n", argv[i]);
			usage(stderr);
			return EXIT_USAGE;
		} else {
			nfiles++;
		}
	}
	if (!nfiles) {
		usage(stderr);
		return EXIT_USAGE;
	}
	for (i = 1; i < argc; i++) {
		char why[512] = "";
		enum verdict v;

		if (argv[i][0] == '-' && argv[i][1]) {
			if (!strcmp(argv[i], "--budget") || !strcmp(argv[i], "--skip-list"))
				i++;
			continue;
		}
		v = run_file(argv[i], &o, why, sizeof(why));
		if (v == PASS) {
			passed++;
			if (o.verbose)
				printf("PASS %s\n", argv[i]);
		} else if (v == SKIPPED) {
			skipped++;
			printf("SKIP %s: %s\n", argv[i], why);
		} else {
			failed++;
			printf("FAIL %s: %s\n", argv[i], why);
		}
	}
	for (size_t k = 0; k < o.nr_skips; k++) {
		free(o.skips[k].suffix);
		free(o.skips[k].reason);
	}
	free(o.skips);
	if (skipped)
		printf("%u skipped\n", skipped);
	printf("%u passed, %u failed\n", passed, failed);
	return failed ? EXIT_FAIL : EXIT_OK;
}
