/* SPDX-License-Identifier: MIT */
/*
 * test.h - the tiny test harness every test program uses.
 *
 * A test program calls CHECK*() as often as it likes and ends main() with
 * `return test_summary();`, which prints the line `N passed, N failed,
 * N skipped` that tests/run-all.sh adds up. A failed check prints
 * file:line and the values compared; it does not stop the program.
 */
#ifndef BPFVM_TEST_H
#define BPFVM_TEST_H

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

static unsigned test_passed, test_failed, test_skipped;

#define CHECK(cond) do {                                                    \
	if (cond) test_passed++;                                            \
	else { test_failed++;                                               \
		fprintf(stderr, "%s:%d: FAIL: %s\n", __FILE__, __LINE__, #cond); } \
} while (0)

#define CHECK_MSG(cond, ...) do {                                           \
	if (cond) test_passed++;                                            \
	else { test_failed++;                                               \
		fprintf(stderr, "%s:%d: FAIL: %s: ", __FILE__, __LINE__, #cond); \
		fprintf(stderr, __VA_ARGS__); fputc('\n', stderr); }        \
} while (0)

#define CHECK_U64(got, want) do {                                           \
	uint64_t g_ = (uint64_t)(got), w_ = (uint64_t)(want);               \
	if (g_ == w_) test_passed++;                                        \
	else { test_failed++;                                               \
		fprintf(stderr, "%s:%d: FAIL: %s = 0x%" PRIx64 ", want 0x%" PRIx64 "\n", \
			__FILE__, __LINE__, #got, g_, w_); }                \
} while (0)

#define CHECK_STR(got, want) do {                                           \
	const char *g_ = (got), *w_ = (want);                               \
	if (g_ && w_ && !strcmp(g_, w_)) test_passed++;                     \
	else { test_failed++;                                               \
		fprintf(stderr, "%s:%d: FAIL: %s = \"%s\", want \"%s\"\n",  \
			__FILE__, __LINE__, #got, g_ ? g_ : "(null)", w_ ? w_ : "(null)"); } \
} while (0)

#define SKIP(...) do {                                                      \
	test_skipped++; fprintf(stderr, "SKIP: "); fprintf(stderr, __VA_ARGS__); \
	fputc('\n', stderr);                                                \
} while (0)

static inline int test_summary(void)
{
	printf("%u passed, %u failed, %u skipped\n", test_passed, test_failed,
	       test_skipped);
	return test_failed ? 1 : 0;
}

#endif
