/* SPDX-License-Identifier: MIT */
/*
 * interp.h - a loaded program and the interpreter's view of it.
 *
 * A program is pre-decoded once at load time into one struct bpf_dinsn per
 * instruction slot (same indices as the original, so faults and jumps need
 * no mapping): the handler to run, the operands, and, for helper calls, an
 * index into the program's own helper array. lddw keeps its 64-bit value
 * in the second slot.
 */
#ifndef BPFVM_INTERP_INTERP_H
#define BPFVM_INTERP_INTERP_H

#include <stdint.h>

#include "bpfvm/bpfvm.h"
#include "interp/semantics.h"
#include "isa/isa.h"

/* Computed goto where the compiler has it; -DBPFVM_NO_COMPUTED_GOTO builds
 * the portable switch dispatch instead (for testing it). */
#if (defined(__GNUC__) || defined(__clang__)) && !defined(BPFVM_NO_COMPUTED_GOTO)
#define BPFVM_COMPUTED_GOTO 1
#else
#define BPFVM_COMPUTED_GOTO 0
#endif

/* Handler variants of an instruction (interp_body.h, "Operand forwarding"):
 * plain, first operand forwarded from the previous instruction, second
 * operand forwarded. */
enum { BPF_INTERP_PLAIN, BPF_INTERP_FWD_DST, BPF_INTERP_FWD_SRC,
       BPF_INTERP_VARIANTS };

/* The instructions that have forwarding variants, as lists that call
 * FWD_ID(id): _X ones have both (and read dst and src), _K ones only the
 * dst variant. Built from semantics.h's lists. */
#define INTERP_FWD_ALU_X(OP) FWD_ID(OP##64_X) FWD_ID(OP##32_X)
#define INTERP_FWD_ALU_K(OP) FWD_ID(OP##64_K) FWD_ID(OP##32_K)
#define INTERP_FWD_LDX(ID, T, CAST) FWD_ID(ID)
#define INTERP_FWD_STX(SZ, T) FWD_ID(STX_##SZ)
#define INTERP_FWD_ST(SZ, T) FWD_ID(ST_##SZ)
#define INTERP_FWD_ONE(ID) FWD_ID(ID)
#define INTERP_FWD_X_OPS                                                      \
	SEM_ALU_OPS(INTERP_FWD_ALU_X) SEM_JCOND_OPS(INTERP_FWD_ALU_X)         \
	SEM_LDX_OPS(INTERP_FWD_LDX) SEM_STORE_OPS(INTERP_FWD_STX)             \
	FWD_ID(MOVSX64_8) FWD_ID(MOVSX64_16) FWD_ID(MOVSX64_32)               \
	FWD_ID(MOVSX32_8) FWD_ID(MOVSX32_16)
#define INTERP_FWD_K_OPS                                                      \
	SEM_ALU_OPS(INTERP_FWD_ALU_K) SEM_JCOND_OPS(INTERP_FWD_ALU_K)         \
	SEM_END_OPS(INTERP_FWD_ONE) SEM_STORE_OPS(INTERP_FWD_ST)              \
	FWD_ID(NEG64) FWD_ID(NEG32)

struct bpf_dinsn {
	union {
		const void *label;   /* computed goto: the handler's address */
		uintptr_t op;        /* switch dispatch: enum bpf_op_id */
		uint64_t imm64;      /* second slot of lddw: the full value */
	};
	uint8_t dst;
	uint8_t src;
	int16_t off;
	int32_t imm;                 /* helper calls: index in prog->helpers */
};

_Static_assert(sizeof(struct bpf_dinsn) == 16, "decoded insn must stay 16 bytes");

struct bpfvm_prog {
	struct bpfvm *vm;
	struct bpfvm_prog *next, *prev;   /* in vm->progs */
	unsigned int flags;               /* BPFVM_PROG_* */
	size_t insn_cnt;
	struct bpf_insn *insns;           /* the program as loaded */
	struct bpf_dinsn *dinsns;         /* pre-decoded, insn_cnt entries */
	size_t nr_helpers;
	bpfvm_helper_fn *helpers;         /* helpers the program calls */
};

/* State of one run; helpers receive a pointer to it. */
struct bpfvm_run {
	struct bpfvm_prog *prog;
	const struct bpfvm_region *regions;
	size_t nr_regions;
	const uint8_t *pkt;
	uint32_t pkt_len;
	int stopped;                      /* set by bpfvm_run_stop() */
	uint64_t stop_r0;
	void *user;
	uint64_t stack_lo, stack_hi;      /* live stack frames, for checks */
};

/* Checked mode: [addr, addr + size) inside the live stack frames or one of
 * the run's regions (a writable one for stores). */
static inline int bpf_run_mem_ok(const struct bpfvm_run *run, uint64_t addr,
				 uint64_t size, int write)
{
	if (addr >= run->stack_lo && addr <= run->stack_hi &&
	    size <= run->stack_hi - addr)
		return 1;
	for (size_t i = 0; i < run->nr_regions; i++) {
		const struct bpfvm_region *r = &run->regions[i];
		uint64_t lo = (uint64_t)(uintptr_t)r->addr;

		if (addr >= lo && addr - lo <= r->len && size <= r->len - (addr - lo))
			return !write || r->writable;
	}
	return 0;
}

/* The two interpreters, generated from one body (interp_body.h). With
 * prog == NULL they return their handler tables, labels[variant][op] (NULL
 * for switch dispatch), which the loader uses to pre-decode. */
typedef const void *const bpf_interp_labels[BPF_INTERP_VARIANTS][BPF_OP__COUNT];
int bpf_interp_run_trusted(struct bpfvm_prog *prog, struct bpfvm_run *run,
			   const uint64_t args[5], uint64_t budget,
			   struct bpfvm_fault *fault, uint64_t *r0,
			   bpf_interp_labels **labels);
int bpf_interp_run_checked(struct bpfvm_prog *prog, struct bpfvm_run *run,
			   const uint64_t args[5], uint64_t budget,
			   struct bpfvm_fault *fault, uint64_t *r0,
			   bpf_interp_labels **labels);

/* Fills *f (when not NULL) for a fault at instruction insn and returns the
 * run's error code (-EFAULT, -E2BIG, ...). */
int bpf_interp_fault(struct bpfvm_fault *f, enum bpfvm_fault_kind kind,
		     size_t insn, uint64_t addr, uint32_t size);

#endif
