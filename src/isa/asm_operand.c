/* SPDX-License-Identifier: MIT */
/*
 * asm_operand.c - the assembler's operand readers, shared by all three
 * syntaxes: registers, immediates (32-bit values or bit patterns, 64-bit
 * lddw values), memory references, jump and call targets (numbers, or
 * labels left for the driver to resolve), the lddw pseudo-source forms,
 * and the call instructions, which are written alike in every syntax.
 */
#include <stdio.h>
#include <string.h>

#include "isa/asm_int.h"

int asm_reg(struct asm_state *s, int *reg, char *regc)
{
	const struct asm_tok *t = asm_peek(s, 0);
	char b[64];

	if (t->type != TK_REG)
		return asm_err(s, t->col, "expected a register, found %s",
			       asm_tok_text(t, b, sizeof(b)));
	if (t->reg > 10)
		return asm_err(s, t->col, "invalid register %.*s (r0..r10)",
			       t->len, t->s);
	*reg = t->reg;
	if (regc)
		*regc = t->regc;
	s->i++;
	return 0;
}

/* An optionally signed number: *neg, *mag, and its first token's column. */
static int signed_num(struct asm_state *s, bool *neg, uint64_t *mag, int *col)
{
	const struct asm_tok *t = asm_peek(s, 0);
	char b[64];

	*col = t->col;
	*neg = false;
	if (tok_is(t, "-") || tok_is(t, "+")) {
		*neg = tok_is(t, "-");
		s->i++;
		t = asm_peek(s, 0);
	}
	if (t->type != TK_NUM)
		return asm_err(s, t->col, "expected a number, found %s",
			       asm_tok_text(t, b, sizeof(b)));
	*mag = t->num;
	s->i++;
	return 0;
}

/* 32-bit immediates: a signed value or a 32-bit pattern (the kernel prints
 * jump immediates as 0x%x), so -2^31 .. 2^32-1. */
int asm_imm32(struct asm_state *s, int32_t *v)
{
	uint64_t mag;
	bool neg;
	int col, ret = signed_num(s, &neg, &mag, &col);

	if (ret)
		return ret;
	if ((neg && mag > 0x80000000ull) || (!neg && mag > 0xffffffffull))
		return asm_err(s, col, "immediate %s%llu out of range for 32 bits",
			       neg ? "-" : "", (unsigned long long)mag);
	*v = (int32_t)(uint32_t)(neg ? 0 - mag : mag);
	return 0;
}

int asm_imm64(struct asm_state *s, uint64_t *v)
{
	uint64_t mag;
	bool neg;
	int col, ret = signed_num(s, &neg, &mag, &col);

	if (ret)
		return ret;
	if (neg && mag > 0x8000000000000000ull)
		return asm_err(s, col, "immediate -%llu out of range for 64 bits",
			       (unsigned long long)mag);
	*v = neg ? 0 - mag : mag;
	return 0;
}

static int off16(struct asm_state *s, int col, bool neg, uint64_t mag,
		 const char *what, int16_t *off)
{
	if ((neg && mag > 32768) || (!neg && mag > 32767))
		return asm_err(s, col, "%s %s%llu out of range [-32768, 32767]",
			       what, neg ? "-" : "", (unsigned long long)mag);
	*off = (int16_t)(neg ? -(int64_t)mag : (int64_t)mag);
	return 0;
}

/* OPEN reg [(+|-) off] CLOSE: "[%r1+4]", "(r1 +4)", "(r1 - 4)". */
int asm_memref(struct asm_state *s, const char *open, const char *close,
	       int *reg, int16_t *off)
{
	int ret;

	*off = 0;
	if ((ret = asm_expect(s, open)) || (ret = asm_reg(s, reg, NULL)))
		return ret;
	if (tok_is(asm_peek(s, 0), "+") || tok_is(asm_peek(s, 0), "-")) {
		uint64_t mag;
		bool neg;
		int col;

		if ((ret = signed_num(s, &neg, &mag, &col)) ||
		    (ret = off16(s, col, neg, mag, "offset", off)))
			return ret;
	}
	return asm_expect(s, close);
}

/* A jump or call target: "pc+3", "+3", "-2", "3", or a label, which is
 * resolved at the end (kind FIX_OFF: 16-bit offset, FIX_IMM: imm). */
int asm_target(struct asm_state *s, int kind, int32_t *v)
{
	const struct asm_tok *t = asm_peek(s, 0);
	uint64_t mag;
	bool neg;
	int col, ret;

	*v = 0;
	if (t->type == TK_IDENT && !(tok_is(t, "pc") &&
	    (tok_is(asm_peek(s, 1), "+") || tok_is(asm_peek(s, 1), "-")))) {
		s->pend = t;
		s->pend_kind = kind;
		s->i++;
		return 0;
	}
	if (tok_is(t, "pc"))
		s->i++;
	if ((ret = signed_num(s, &neg, &mag, &col)))
		return ret;
	if (kind == FIX_OFF) {
		int16_t off = 0;

		if ((ret = off16(s, col, neg, mag, "jump offset", &off)))
			return ret;
		*v = off;
		return 0;
	}
	if ((neg && mag > 0x80000000ull) || (!neg && mag > 0x7fffffffull))
		return asm_err(s, col, "target offset %s%llu out of range for 32 bits",
			       neg ? "-" : "", (unsigned long long)mag);
	*v = (int32_t)(neg ? -(int64_t)mag : (int64_t)mag);
	return 0;
}

/* The value of an lddw (see asm_int.h for the pseudo forms): a number, or
 * map[fd:N], map[fd:N][0]+M, btf_id[N], subprog[+N], func TARGET,
 * map[idx:N], map[idx:N][0]+M, pseudo(SRC, IMM64); map[id:N] = map[fd:N]. */
int asm_lddw_value(struct asm_state *s, int *src, uint64_t *imm64)
{
	const struct asm_tok *t = asm_peek(s, 0);
	int32_t lo = 0, hi = 0;
	int ret;

	*src = 0;
	if (tok_is(t, "map")) {
		const struct asm_tok *k;

		s->i++;
		if ((ret = asm_expect(s, "[")))
			return ret;
		k = asm_next(s);
		/* map[id:N] is bpftool's text for a loaded program; the
		 * instruction then holds N where an fd was. */
		if (!tok_is(k, "fd") && !tok_is(k, "idx") && !tok_is(k, "id"))
			return asm_err(s, k->col, "expected 'fd' or 'idx' in map[...]");
		*src = tok_is(k, "idx") ? BPF_PSEUDO_MAP_IDX : BPF_PSEUDO_MAP_FD;
		if ((ret = asm_expect(s, ":")) || (ret = asm_imm32(s, &lo)) ||
		    (ret = asm_expect(s, "]")))
			return ret;
		if (asm_accept(s, "[")) {
			const struct asm_tok *z = asm_peek(s, 0);

			if (z->type != TK_NUM || z->num != 0)
				return asm_err(s, z->col, "expected [0] in a map value");
			s->i++;
			if ((ret = asm_expect(s, "]")) || (ret = asm_expect(s, "+")) ||
			    (ret = asm_imm32(s, &hi)))
				return ret;
			*src = *src == BPF_PSEUDO_MAP_FD ? BPF_PSEUDO_MAP_VALUE :
							   BPF_PSEUDO_MAP_IDX_VALUE;
		}
	} else if (tok_is(t, "btf_id")) {
		s->i++;
		*src = BPF_PSEUDO_BTF_ID;
		if ((ret = asm_expect(s, "[")) || (ret = asm_imm32(s, &lo)) ||
		    (ret = asm_expect(s, "]")))
			return ret;
	} else if (tok_is(t, "subprog")) {
		s->i++;
		*src = BPF_PSEUDO_FUNC;
		if ((ret = asm_expect(s, "[")) || (ret = asm_target(s, FIX_IMM, &lo)) ||
		    (ret = asm_expect(s, "]")))
			return ret;
	} else if (tok_is(t, "func")) {
		s->i++;
		*src = BPF_PSEUDO_FUNC;
		if ((ret = asm_target(s, FIX_IMM, &lo)))
			return ret;
	} else if (tok_is(t, "pseudo")) {
		uint64_t v;
		int32_t sv;

		s->i++;
		if ((ret = asm_expect(s, "(")) || (ret = asm_imm32(s, &sv)) ||
		    (ret = asm_expect(s, ",")) || (ret = asm_imm64(s, &v)) ||
		    (ret = asm_expect(s, ")")))
			return ret;
		if (sv < 0 || sv > 15)
			return asm_err(s, t->col, "pseudo source %d out of range", sv);
		*src = sv;
		*imm64 = v;
		return 0;
	} else {
		return asm_imm64(s, imm64);
	}
	*imm64 = (uint64_t)(uint32_t)lo | (uint64_t)(uint32_t)hi << 32;
	return 0;
}

/* Kernel-function call suffix: " off:N" (kernel/llvm) or ", N" (mnemonic);
 * the module BTF index that kfunc calls keep in off. */
static int kfunc_off(struct asm_state *s, int16_t *off)
{
	uint64_t mag;
	bool neg;
	int col, ret;

	*off = 0;
	if (tok_is(asm_peek(s, 0), "off") && tok_is(asm_peek(s, 1), ":"))
		s->i += 2;
	else if (!asm_accept(s, ","))
		return 0;
	if ((ret = signed_num(s, &neg, &mag, &col)))
		return ret;
	return off16(s, col, neg, mag, "kfunc offset", off);
}

static int emit_kind(struct asm_state *s, int kind, int col, int dst, int off,
		     int32_t imm)
{
	struct asm_query q = { .kind = kind, .w = -1, .dval = ASM_ANY };

	return asm_emit(s, asm_find(&q), col, dst, 0, off, imm, 0);
}

/* call/callx in every syntax:
 *   call 5, call bpf_map_lookup_elem#1    helper (the name is ignored)
 *   call pc+3, call local L, call L       BPF-to-BPF call
 *   call kernel-function#7 [off:N]        kfunc (also kfunc#7, kfunc 7[, N])
 *   call %r1, callx r1                    callx (register in dst) */
int asm_call(struct asm_state *s)
{
	const struct asm_tok *c = asm_next(s), *t = asm_peek(s, 0);
	int16_t off = 0;
	int32_t imm = 0;
	int reg, ret;

	if (tok_is(c, "callx") || t->type == TK_REG) {
		if ((ret = asm_reg(s, &reg, NULL)))
			return ret;
		return emit_kind(s, BPF_KIND_CALLX, c->col, reg, 0, 0);
	}
	if (tok_is(t, "local")) {
		s->i++;
		if ((ret = asm_target(s, FIX_IMM, &imm)))
			return ret;
		return emit_kind(s, BPF_KIND_CALL_LOCAL, c->col, 0, 0, imm);
	}
	if (tok_is(t, "kfunc") && (asm_peek(s, 1)->type == TK_NUM ||
				   tok_is(asm_peek(s, 1), "-"))) {
		s->i++;
		if ((ret = asm_imm32(s, &imm)) || (ret = kfunc_off(s, &off)))
			return ret;
		return emit_kind(s, BPF_KIND_CALL_KFUNC, c->col, 0, off, imm);
	}
	if (tok_is(t, "pc") && (tok_is(asm_peek(s, 1), "+") ||
				tok_is(asm_peek(s, 1), "-"))) {
		if ((ret = asm_target(s, FIX_IMM, &imm)))
			return ret;
		return emit_kind(s, BPF_KIND_CALL_LOCAL, c->col, 0, 0, imm);
	}
	if (t->type == TK_IDENT) {
		/* name#id, where the name may contain '-' (kernel-function). */
		int k = 1;
		bool kf;

		while (tok_is(asm_peek(s, k), "-") && asm_peek(s, k + 1)->type == TK_IDENT)
			k += 2;
		if (!tok_is(asm_peek(s, k), "#"))
			goto label;
		kf = tok_is(t, "kfunc") || (k == 3 && tok_is(t, "kernel") &&
					    tok_is(asm_peek(s, 2), "function"));
		s->i += k + 1;
		if ((ret = asm_imm32(s, &imm)))
			return ret;
		if (!kf)
			return emit_kind(s, BPF_KIND_CALL_HELPER, c->col, 0, 0, imm);
		if ((ret = kfunc_off(s, &off)))
			return ret;
		return emit_kind(s, BPF_KIND_CALL_KFUNC, c->col, 0, off, imm);
label:
		if ((ret = asm_target(s, FIX_IMM, &imm)))
			return ret;
		return emit_kind(s, BPF_KIND_CALL_LOCAL, c->col, 0, 0, imm);
	}
	if ((ret = asm_imm32(s, &imm)))
		return ret;
	return emit_kind(s, BPF_KIND_CALL_HELPER, c->col, 0, 0, imm);
}

