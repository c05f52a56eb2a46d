/* SPDX-License-Identifier: MIT */
/*
 * conformance.h - reader of the eBPF conformance test-data format used by
 * bpf_conformance and uBPF (see ../shared/conformance/README.md): sections
 * "-- asm", "-- raw", "-- mem", "-- result", "-- error", "-- error pattern",
 * with "-- asm @ FILE" / "-- mem @ FILE" links relative to the data file.
 * A file with "-- asm" and "-- raw" but neither result nor error tests the
 * assembler: the asm must assemble to the raw words.
 */
#ifndef BPFVM_TESTDATA_CONFORMANCE_H
#define BPFVM_TESTDATA_CONFORMANCE_H

#include <stddef.h>
#include <stdint.h>

struct bpf_testdata {
	char *asm_text;        /* "-- asm" body, or NULL */
	uint64_t *raw;         /* "-- raw" words, nr_raw of them */
	size_t nr_raw;
	uint8_t *mem;          /* "-- mem" bytes (NULL with has_mem for empty) */
	size_t mem_len;
	int has_mem;
	int has_result;
	uint64_t result;
	int expect_error;      /* "-- error" or "-- error pattern" present */
	char *error_text;      /* its body (informational only) */
	int no_jit;            /* "-- no jit" */
	int needs_reload;      /* "-- reload"/"-- unload": VM reload API tests */
};

/* Parses `text`. `path` is the data file's path, used to resolve "@ FILE"
 * links (NULL: links are an error). Returns 0, or a negative errno with a
 * "line N: ..." message in err. */
int bpf_testdata_parse(const char *text, const char *path,
		       struct bpf_testdata *td, char *err, size_t errsz);
void bpf_testdata_free(struct bpf_testdata *td);

#endif
