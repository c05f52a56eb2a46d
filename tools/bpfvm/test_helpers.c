/* SPDX-License-Identifier: MIT */
/*
 * test_helpers.c - the small helper table the conformance data expects
 * (uBPF's test helpers, documented in ../shared/conformance/README.md).
 * These ids clash with Linux helper ids on purpose: they exist only for the
 * conformance suite (`bpfvm conformance`, `bpfvm run --test-helpers`).
 */
#include <errno.h>
#include <math.h>

#include "bpfvm/bpfvm.h"
#include "cmds.h"

static uint64_t h_gather_bytes(uint64_t a, uint64_t b, uint64_t c, uint64_t d,
			       uint64_t e, struct bpfvm_run *run)
{
	(void)run;
	return (a & 0xff) << 32 | (b & 0xff) << 24 | (c & 0xff) << 16 |
	       (d & 0xff) << 8 | (e & 0xff);
}

static uint64_t h_memfrob(uint64_t ptr, uint64_t len, uint64_t c, uint64_t d,
			  uint64_t e, struct bpfvm_run *run)
{
	(void)c; (void)d; (void)e;
	if (!bpfvm_run_mem_ok(run, ptr, len, 1))
		return (uint64_t)-EFAULT;
	for (uint64_t i = 0; i < len; i++)
		((uint8_t *)(uintptr_t)ptr)[i] ^= 42;
	return 0;
}

static uint64_t h_no_op(uint64_t a, uint64_t b, uint64_t c, uint64_t d,
			uint64_t e, struct bpfvm_run *run)
{
	(void)a; (void)b; (void)c; (void)d; (void)e; (void)run;
	return 0;
}

static uint64_t h_sqrti(uint64_t a, uint64_t b, uint64_t c, uint64_t d,
			uint64_t e, struct bpfvm_run *run)
{
	uint64_t r;

	(void)b; (void)c; (void)d; (void)e; (void)run;
	/* floor(sqrt(a)) exactly, also where double rounding would be off */
	r = (uint64_t)sqrt((double)a);
	while (r > 0 && (r > UINT32_MAX || r * r > a))
		r--;
	while (r < UINT32_MAX && (r + 1) * (r + 1) <= a)
		r++;
	return r;
}

/* strcmp over program memory, every byte checked before it is read. */
static uint64_t h_strcmp(uint64_t a, uint64_t b, uint64_t c, uint64_t d,
			 uint64_t e, struct bpfvm_run *run)
{
	(void)c; (void)d; (void)e;
	for (uint64_t i = 0;; i++) {
		if (!bpfvm_run_mem_ok(run, a + i, 1, 0) ||
		    !bpfvm_run_mem_ok(run, b + i, 1, 0))
			return (uint64_t)-EFAULT;
		uint8_t x = *(const uint8_t *)(uintptr_t)(a + i);
		uint8_t y = *(const uint8_t *)(uintptr_t)(b + i);
		if (x != y || !x)
			return (uint64_t)(int64_t)((int)x - (int)y);
	}
}

/* Returns its argument; 0 ends the program at once with r0 = 0. */
static uint64_t h_unwind(uint64_t a, uint64_t b, uint64_t c, uint64_t d,
			 uint64_t e, struct bpfvm_run *run)
{
	(void)b; (void)c; (void)d; (void)e;
	if (a == 0)
		bpfvm_run_stop(run, 0);
	return a;
}

int register_test_helpers(struct bpfvm *vm)
{
	static const struct { const char *name; bpfvm_helper_fn fn; } table[] = {
		{ "gather_bytes", h_gather_bytes }, { "memfrob", h_memfrob },
		{ "no_op", h_no_op }, { "sqrti", h_sqrti },
		{ "strcmp_ext", h_strcmp }, { "unwind", h_unwind },
	};

	for (uint32_t i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
		int err = bpfvm_helper_register(vm, i, table[i].name, table[i].fn);
		if (err)
			return err;
	}
	return 0;
}
