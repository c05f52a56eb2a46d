/* SPDX-License-Identifier: MIT */
/*
 * interp.c - the eBPF interpreter: operation semantics that need more than
 * one C operator, memory checks, fault reports, and the two instances of
 * the interpreter loop (interp_body.h) - trusted and checked.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/vm.h"
#include "interp/interp.h"
#include "interp/semantics.h"

#define unlikely(x) __builtin_expect(!!(x), 0)

/* Signed division as RFC 9669 defines it: truncation toward zero, x/0 = 0,
 * x%0 = x, INT_MIN/-1 = INT_MIN, INT_MIN%-1 = 0 (C would trap on these). */
static inline uint64_t interp_sdiv64(uint64_t a, uint64_t b)
{
	if (b == 0)
		return 0;
	if ((int64_t)b == -1)
		return 0 - a;
	return (uint64_t)((int64_t)a / (int64_t)b);
}

static inline uint64_t interp_smod64(uint64_t a, uint64_t b)
{
	if (b == 0)
		return a;
	if ((int64_t)b == -1)
		return 0;
	return (uint64_t)((int64_t)a % (int64_t)b);
}

static inline uint64_t interp_sdiv32(uint32_t a, uint32_t b)
{
	if (b == 0)
		return 0;
	if ((int32_t)b == -1)
		return (uint32_t)(0 - a);
	return (uint32_t)((int32_t)a / (int32_t)b);
}

static inline uint64_t interp_smod32(uint32_t a, uint32_t b)
{
	if (b == 0)
		return a;
	if ((int32_t)b == -1)
		return 0;
	return (uint32_t)((int32_t)a % (int32_t)b);
}

/* Network-order load of 1, 2 or 4 bytes. */
static inline uint64_t interp_load_be(const uint8_t *p, unsigned size)
{
	uint64_t v = 0;

	for (unsigned i = 0; i < size; i++)
		v = (v << 8) | p[i];
	return v;
}

static const char *const fault_names[] = {
	[BPFVM_FAULT_NONE]       = "no fault",
	[BPFVM_FAULT_MEM_READ]   = "invalid memory read",
	[BPFVM_FAULT_MEM_WRITE]  = "invalid memory write",
	[BPFVM_FAULT_BUDGET]     = "instruction budget exhausted",
	[BPFVM_FAULT_CALL_DEPTH] = "call stack too deep",
	[BPFVM_FAULT_BAD_HELPER] = "call to unknown helper",
	[BPFVM_FAULT_BAD_CALLX]  = "callx to unknown helper",
	[BPFVM_FAULT_NO_PACKET]  = "packet load without packet data",
	[BPFVM_FAULT_MISALIGNED] = "misaligned atomic access",
};

int bpf_interp_fault(struct bpfvm_fault *f, enum bpfvm_fault_kind kind,
			size_t insn, uint64_t addr, uint32_t size)
{
	static const int codes[] = {
		[BPFVM_FAULT_MEM_READ] = -EFAULT, [BPFVM_FAULT_MEM_WRITE] = -EFAULT,
		[BPFVM_FAULT_BUDGET] = -E2BIG, [BPFVM_FAULT_CALL_DEPTH] = -ELOOP,
		[BPFVM_FAULT_BAD_HELPER] = -ENOENT, [BPFVM_FAULT_BAD_CALLX] = -ENOENT,
		[BPFVM_FAULT_NO_PACKET] = -EINVAL, [BPFVM_FAULT_MISALIGNED] = -EFAULT,
	};

	if (f) {
		f->kind = kind;
		f->insn = (uint32_t)insn;
		f->addr = addr;
		f->size = size;
		switch (kind) {
		case BPFVM_FAULT_MEM_READ:
		case BPFVM_FAULT_MEM_WRITE:
		case BPFVM_FAULT_MISALIGNED:
			snprintf(f->msg, sizeof(f->msg),
				 "insn %zu: %s of %u bytes at 0x%" PRIx64,
				 insn, fault_names[kind], size, addr);
			break;
		case BPFVM_FAULT_CALL_DEPTH:
			snprintf(f->msg, sizeof(f->msg),
				 "insn %zu: %s (more than %d frames)", insn,
				 fault_names[kind], BPFVM_MAX_CALL_DEPTH);
			break;
		case BPFVM_FAULT_BAD_CALLX:
			snprintf(f->msg, sizeof(f->msg), "insn %zu: %s id %" PRIu64,
				 insn, fault_names[kind], addr);
			break;
		default:
			snprintf(f->msg, sizeof(f->msg), "insn %zu: %s", insn,
				 fault_names[kind]);
			break;
		}
	}
	return codes[kind];
}

#define INTERP_FN bpf_interp_run_trusted
#define INTERP_CHECKED 0
#include "interp/interp_body.h"
#undef INTERP_FN
#undef INTERP_CHECKED

#define INTERP_FN bpf_interp_run_checked
#define INTERP_CHECKED 1
#include "interp/interp_body.h"
#undef INTERP_FN
#undef INTERP_CHECKED
