/* SPDX-License-Identifier: MIT */
/*
 * isa.h - decoded view of eBPF instructions, derived from opcodes.h.
 *
 * bpf_op_decode() maps a raw struct bpf_insn to the one table entry that
 * describes it (or BPF_OP_INVALID); bpf_insns_check() applies the structural
 * rules every consumer relies on (registers, reserved fields, jump and call
 * targets, lddw pairs). Both are used by the loader, the assembler and the
 * disassembler, so an instruction means the same thing everywhere.
 */
#ifndef BPFVM_ISA_ISA_H
#define BPFVM_ISA_ISA_H

#include <stddef.h>
#include <stdint.h>
#include <linux/bpf.h>

#include "isa/opcodes.h"

enum bpf_op_id {
	BPF_OP_INVALID = 0,
#define X(id, code, disc, dval, kind, mnem, cop) BPF_OP_##id,
	BPF_OPCODES(X)
#undef X
	BPF_OP__COUNT
};

enum bpf_op_disc { BPF_DISC_NONE, BPF_DISC_OFF, BPF_DISC_IMM, BPF_DISC_SRC };

enum bpf_op_kind {
	BPF_KIND_INVALID,
	BPF_KIND_ALU_K,       /* dst op= imm */
	BPF_KIND_ALU_X,       /* dst op= src */
	BPF_KIND_MOVSX,       /* dst = (sN)src, N = off */
	BPF_KIND_NEG,         /* dst = -dst */
	BPF_KIND_END,         /* byte swap of dst, width = imm */
	BPF_KIND_JA,          /* pc += off */
	BPF_KIND_JA32,        /* pc += imm (gotol) */
	BPF_KIND_JCOND_K,     /* if dst op imm: pc += off */
	BPF_KIND_JCOND_X,     /* if dst op src: pc += off */
	BPF_KIND_CALL_HELPER, /* call helper #imm */
	BPF_KIND_CALL_LOCAL,  /* call pc + imm + 1 */
	BPF_KIND_CALL_KFUNC,  /* call kernel function btf id imm (decoded only) */
	BPF_KIND_CALLX,       /* call the instruction index held in dst */
	BPF_KIND_EXIT,
	BPF_KIND_LDDW,        /* dst = imm64 (two slots), src = pseudo kind */
	BPF_KIND_LDABS,       /* r0 = ntoh(pkt[imm]) (legacy packet access) */
	BPF_KIND_LDIND,       /* r0 = ntoh(pkt[src + imm]) */
	BPF_KIND_LDX,         /* dst = *(size *)(src + off), sign-extending for ldxs */
	BPF_KIND_ST,          /* *(size *)(dst + off) = imm */
	BPF_KIND_STX,         /* *(size *)(dst + off) = src */
	BPF_KIND_ATOMIC,      /* atomic op on *(size *)(dst + off) with src, op = imm */
};

struct bpf_op_desc {
	const char *name;     /* "ADD64_K": the table ID, for diagnostics */
	const char *mnem;     /* conformance-syntax mnemonic */
	const char *cop;      /* kernel/llvm-syntax operator or size type */
	uint8_t code;
	uint8_t disc;         /* enum bpf_op_disc */
	uint8_t kind;         /* enum bpf_op_kind */
	int32_t dval;
};

extern const struct bpf_op_desc bpf_op_table[BPF_OP__COUNT];

/* Instruction fields, as bit flags. */
enum { BPF_FIELD_DST = 1, BPF_FIELD_SRC = 2, BPF_FIELD_OFF = 4, BPF_FIELD_IMM = 8 };

/* Fields an instruction of this kind carries as operands. The field named
 * by the table entry's DISC holds its discriminator instead; every other
 * field is reserved and must be zero (the decoder's and the assembler's
 * shared rule). */
static inline unsigned bpf_kind_operands(unsigned kind)
{
	switch (kind) {
	case BPF_KIND_ALU_K:       return BPF_FIELD_DST | BPF_FIELD_IMM;
	case BPF_KIND_ALU_X:       return BPF_FIELD_DST | BPF_FIELD_SRC;
	case BPF_KIND_MOVSX:       return BPF_FIELD_DST | BPF_FIELD_SRC;
	case BPF_KIND_NEG:         return BPF_FIELD_DST;
	case BPF_KIND_END:         return BPF_FIELD_DST;
	case BPF_KIND_JA:          return BPF_FIELD_OFF;
	case BPF_KIND_JA32:        return BPF_FIELD_IMM;
	case BPF_KIND_JCOND_K:     return BPF_FIELD_DST | BPF_FIELD_OFF | BPF_FIELD_IMM;
	case BPF_KIND_JCOND_X:     return BPF_FIELD_DST | BPF_FIELD_SRC | BPF_FIELD_OFF;
	case BPF_KIND_CALL_HELPER: return BPF_FIELD_IMM;
	case BPF_KIND_CALL_LOCAL:  return BPF_FIELD_IMM;
	case BPF_KIND_CALL_KFUNC:  return BPF_FIELD_IMM | BPF_FIELD_OFF;
	case BPF_KIND_CALLX:       return BPF_FIELD_DST;
	case BPF_KIND_EXIT:        return 0;
	case BPF_KIND_LDDW:        return BPF_FIELD_DST | BPF_FIELD_IMM;
	case BPF_KIND_LDABS:       return BPF_FIELD_IMM;
	case BPF_KIND_LDIND:       return BPF_FIELD_SRC | BPF_FIELD_IMM;
	case BPF_KIND_LDX:         return BPF_FIELD_DST | BPF_FIELD_SRC | BPF_FIELD_OFF;
	case BPF_KIND_ST:          return BPF_FIELD_DST | BPF_FIELD_OFF | BPF_FIELD_IMM;
	case BPF_KIND_STX:         return BPF_FIELD_DST | BPF_FIELD_SRC | BPF_FIELD_OFF;
	case BPF_KIND_ATOMIC:      return BPF_FIELD_DST | BPF_FIELD_SRC | BPF_FIELD_OFF;
	default:                   return 0;
	}
}

/* Table entry for insn, or BPF_OP_INVALID when no entry matches. */
enum bpf_op_id bpf_op_decode(const struct bpf_insn *insn);

/* Properties derived from the opcode byte. */
static inline int bpf_op_is_alu32(uint8_t code)   { return BPF_CLASS(code) == BPF_ALU; }
static inline int bpf_op_is_jmp32(uint8_t code)   { return BPF_CLASS(code) == BPF_JMP32; }
/* Access size in bytes of a load, store or atomic (1, 2, 4, 8). */
static inline unsigned bpf_op_size(uint8_t code)
{
	switch (BPF_SIZE(code)) {
	case BPF_B: return 1;
	case BPF_H: return 2;
	case BPF_W: return 4;
	default:    return 8;
	}
}
/* Whether the instruction is the first slot of a two-slot lddw. */
static inline int bpf_insn_is_lddw(const struct bpf_insn *insn)
{
	return insn->code == (BPF_LD | BPF_IMM | BPF_DW);
}

/* Whether the instruction at index idx moves control by an offset (a jump
 * or a local call); if so stores the index it goes to in *target. */
static inline int bpf_insn_target(const struct bpf_insn *insn, size_t idx,
				  int64_t *target)
{
	switch (bpf_op_table[bpf_op_decode(insn)].kind) {
	case BPF_KIND_JA: case BPF_KIND_JCOND_K: case BPF_KIND_JCOND_X:
		*target = (int64_t)idx + insn->off + 1;
		return 1;
	case BPF_KIND_JA32: case BPF_KIND_CALL_LOCAL:
		*target = (int64_t)idx + insn->imm + 1;
		return 1;
	default:
		return 0;
	}
}

/* Structural checks on a whole program, the kernel's rules where it has
 * them: every opcode known, registers r0..r10 (r10 never written), reserved
 * fields zero, lddw pairs complete and never jumped into, jump and local
 * call targets inside the program, last instruction an exit or an
 * unconditional jump. Returns 0, or -EINVAL/-E2BIG with "insn N: reason"
 * written to err. */
int bpf_insns_check(const struct bpf_insn *insns, size_t cnt, char *err,
		    size_t errsz);

#endif /* BPFVM_ISA_ISA_H */
