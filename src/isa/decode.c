/* SPDX-License-Identifier: MIT */
/*
 * decode.c - instruction decoding and structural validation.
 *
 * Owns the expanded opcode table (bpf_op_table), the mapping from a raw
 * instruction to its table entry, and the structural rules that must hold
 * before any other stage looks at a program. Semantic safety (what memory a
 * program touches, whether it terminates) is the verifier's job, not this
 * file's.
 */
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "bpfvm/bpfvm.h"
#include "isa/isa.h"

const struct bpf_op_desc bpf_op_table[BPF_OP__COUNT] = {
	[BPF_OP_INVALID] = { .name = "INVALID", .mnem = "?", .cop = "?",
			     .kind = BPF_KIND_INVALID },
#define X(id, code_, disc_, dval_, kind_, mnem_, cop_)                        \
	[BPF_OP_##id] = { .name = #id, .mnem = mnem_, .cop = cop_,             \
			  .code = code_, .disc = BPF_DISC_##disc_,             \
			  .kind = BPF_KIND_##kind_, .dval = dval_ },
	BPF_OPCODES(X)
#undef X
};

/* Entries sharing an opcode byte are adjacent in the table? Not necessarily,
 * so index them: first_by_code[c] is the first entry with code c and
 * next_same_code[] chains the rest. Built once. */
static uint8_t first_by_code[256];
static uint8_t next_same_code[BPF_OP__COUNT];
static pthread_once_t index_once = PTHREAD_ONCE_INIT;

static void build_index(void)
{
	for (int id = BPF_OP__COUNT - 1; id > BPF_OP_INVALID; id--) {
		uint8_t c = bpf_op_table[id].code;
		next_same_code[id] = first_by_code[c];
		first_by_code[c] = (uint8_t)id;
	}
}

_Static_assert(BPF_OP__COUNT < 256, "op ids must fit the uint8_t index");

enum bpf_op_id bpf_op_decode(const struct bpf_insn *insn)
{
	pthread_once(&index_once, build_index);
	for (unsigned id = first_by_code[insn->code]; id; id = next_same_code[id]) {
		const struct bpf_op_desc *d = &bpf_op_table[id];
		int32_t v;

		switch (d->disc) {
		case BPF_DISC_NONE: return (enum bpf_op_id)id;
		case BPF_DISC_OFF:  v = insn->off; break;
		case BPF_DISC_IMM:  v = insn->imm; break;
		default:            v = insn->src_reg; break;
		}
		if (v == d->dval)
			return (enum bpf_op_id)id;
	}
	return BPF_OP_INVALID;
}

static int fail(char *err, size_t errsz, int ret, size_t idx, const char *fmt, ...)
{
	if (err && errsz) {
		va_list ap;
		int n = snprintf(err, errsz, "insn %zu: ", idx);

		va_start(ap, fmt);
		if (n >= 0 && (size_t)n < errsz)
			vsnprintf(err + n, errsz - (size_t)n, fmt, ap);
		va_end(ap);
	}
	return ret;
}

/* Reserved fields of an entry: those that are neither operands of its kind
 * nor its discriminator. */
static unsigned reserved_fields(const struct bpf_op_desc *d)
{
	static const unsigned disc_field[] = {
		[BPF_DISC_NONE] = 0, [BPF_DISC_OFF] = BPF_FIELD_OFF,
		[BPF_DISC_IMM] = BPF_FIELD_IMM, [BPF_DISC_SRC] = BPF_FIELD_SRC,
	};

	return (BPF_FIELD_DST | BPF_FIELD_SRC | BPF_FIELD_OFF | BPF_FIELD_IMM) &
	       ~bpf_kind_operands(d->kind) & ~disc_field[d->disc];
}

/* Whether an entry's kind writes its dst register. */
static int writes_dst(const struct bpf_op_desc *d)
{
	switch (d->kind) {
	case BPF_KIND_ALU_K: case BPF_KIND_ALU_X: case BPF_KIND_MOVSX:
	case BPF_KIND_NEG: case BPF_KIND_END: case BPF_KIND_LDDW:
	case BPF_KIND_LDX:
		return 1;
	default:
		return 0;
	}
}

/* Per-slot marks made by the first pass. */
enum { SLOT_LDDW_HI = 1, SLOT_SUBPROG_START = 2 };

/* First pass: each instruction on its own. Marks lddw second slots. */
static int check_each(const struct bpf_insn *insns, size_t cnt,
		      uint8_t *marks, char *err, size_t errsz)
{
	for (size_t i = 0; i < cnt; i++) {
		const struct bpf_insn *in = &insns[i];
		enum bpf_op_id id = bpf_op_decode(in);
		const struct bpf_op_desc *d = &bpf_op_table[id];
		unsigned r;
		int64_t t;

		if (id == BPF_OP_INVALID)
			return fail(err, errsz, -EINVAL, i,
				    "unknown opcode 0x%02x", in->code);
		if (in->dst_reg > 10)
			return fail(err, errsz, -EINVAL, i,
				    "invalid dst register r%u", in->dst_reg);
		if (in->src_reg > 10 && d->kind != BPF_KIND_LDDW)
			return fail(err, errsz, -EINVAL, i,
				    "invalid src register r%u", in->src_reg);
		r = reserved_fields(d);
		if (((r & BPF_FIELD_DST) && in->dst_reg) ||
		    ((r & BPF_FIELD_SRC) && in->src_reg) ||
		    ((r & BPF_FIELD_OFF) && in->off) || ((r & BPF_FIELD_IMM) && in->imm))
			return fail(err, errsz, -EINVAL, i,
				    "%s uses reserved fields (dst r%u src r%u off %d imm %d)",
				    d->name, in->dst_reg, in->src_reg, in->off, in->imm);
		if (writes_dst(d) && in->dst_reg == BPF_REG_10)
			return fail(err, errsz, -EINVAL, i,
				    "frame pointer r10 is read only");
		switch (d->kind) {
		case BPF_KIND_ATOMIC:
			if ((in->imm & BPF_FETCH) && in->src_reg == BPF_REG_10)
				return fail(err, errsz, -EINVAL, i,
					    "frame pointer r10 is read only");
			break;
		case BPF_KIND_CALLX:
			if (in->dst_reg == BPF_REG_10)
				return fail(err, errsz, -EINVAL, i,
					    "callx through frame pointer r10");
			break;
		case BPF_KIND_LDDW:
			if (i + 1 >= cnt)
				return fail(err, errsz, -EINVAL, i,
					    "incomplete lddw: missing second slot");
			if (insns[i + 1].code || insns[i + 1].dst_reg ||
			    insns[i + 1].src_reg || insns[i + 1].off)
				return fail(err, errsz, -EINVAL, i + 1,
					    "invalid second slot of lddw (must be all zero but imm)");
			marks[++i] |= SLOT_LDDW_HI; /* part of this instruction */
			break;
		default:
			break;
		}
		if (!bpf_insn_target(in, i, &t))
			continue;
		if (t < 0 || (uint64_t)t >= cnt)
			return fail(err, errsz, -EINVAL, i,
				    "%s target %lld out of range [0, %zu)",
				    d->kind == BPF_KIND_CALL_LOCAL ? "call" : "jump",
				    (long long)t, cnt);
		if (d->kind == BPF_KIND_CALL_LOCAL)
			marks[t] |= SLOT_SUBPROG_START;
	}
	return 0;
}

static int is_end_kind(unsigned k)
{
	return k == BPF_KIND_EXIT || k == BPF_KIND_JA || k == BPF_KIND_JA32;
}

/* Second pass, over subprograms (the main program and every target of a
 * local call): no jump lands in the second slot of an lddw or leaves its
 * subprogram, and each subprogram's last instruction ends it or jumps. */
static int check_targets(const struct bpf_insn *insns, size_t cnt,
			 const uint8_t *marks, char *err, size_t errsz)
{
	size_t sub_start = 0, last = 0;
	uint32_t *sub = malloc(cnt * sizeof(*sub)); /* subprogram of each slot */
	int ret = 0;

	if (!sub)
		return fail(err, errsz, -ENOMEM, 0, "out of memory");
	for (size_t i = 0, n = 0; i < cnt; i++)
		sub[i] = (uint32_t)(n += (i > 0 && (marks[i] & SLOT_SUBPROG_START)));

	for (size_t i = 0; i < cnt && !ret; i++) {
		const struct bpf_op_desc *d = &bpf_op_table[bpf_op_decode(&insns[i])];
		int64_t t;

		if (i > 0 && (marks[i] & SLOT_SUBPROG_START)) {
			if (!is_end_kind(bpf_op_table[bpf_op_decode(&insns[last])].kind)) {
				ret = fail(err, errsz, -EINVAL, last,
					   "last insn of subprogram at %zu is not an exit or jmp",
					   sub_start);
				break;
			}
			sub_start = i;
		}
		last = i;
		if (d->kind == BPF_KIND_LDDW) {
			i++;
			continue;
		}
		if (!bpf_insn_target(&insns[i], i, &t))
			continue;
		if (marks[t] & SLOT_LDDW_HI)
			ret = fail(err, errsz, -EINVAL, i,
				   "%s into the middle of lddw at insn %lld",
				   d->kind == BPF_KIND_CALL_LOCAL ? "call" : "jump",
				   (long long)t - 1);
		else if (d->kind != BPF_KIND_CALL_LOCAL && sub[t] != sub[i])
			ret = fail(err, errsz, -EINVAL, i,
				   "jump out of range from insn %zu to %lld",
				   i, (long long)t);
	}
	free(sub);
	if (!ret && !is_end_kind(bpf_op_table[bpf_op_decode(&insns[last])].kind))
		ret = fail(err, errsz, -EINVAL, last,
			   sub_start ? "last insn of subprogram is not an exit or jmp"
				     : "last insn is not an exit or jmp");
	return ret;
}

int bpf_insns_check(const struct bpf_insn *insns, size_t cnt, char *err,
		    size_t errsz)
{
	uint8_t *marks;
	int ret;

	if (cnt == 0)
		return fail(err, errsz, -EINVAL, 0, "empty program");
	if (cnt > BPFVM_MAX_INSNS) /* the kernel's BPF_COMPLEXITY_LIMIT_INSNS */
		return fail(err, errsz, -E2BIG, cnt,
			    "program too large (%zu insns, limit %u)", cnt,
			    BPFVM_MAX_INSNS);

	marks = calloc(cnt, 1);
	if (!marks)
		return fail(err, errsz, -ENOMEM, 0, "out of memory");
	ret = check_each(insns, cnt, marks, err, errsz);
	if (!ret)
		ret = check_targets(insns, cnt, marks, err, errsz);
	free(marks);
	return ret;
}
