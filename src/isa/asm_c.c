/* SPDX-License-Identifier: MIT */
/*
 * asm_c.c - the assembler's parser for the two C-like syntaxes: the
 * kernel's (verifier log, bpftool) and llvm's (llvm-objdump, llvm-mc).
 *
 * Both write an instruction as a C-ish statement ("r1 += 4", "if w1 > 5
 * goto pc+3", "r0 = *(u32 *)(r1 +4)"); they differ in number formats and a
 * few spellings (kernel "atomic64_xchg((u64 *)(r1 +0), r2)" vs llvm
 * "xchg_64(r1 + 0, r2)", kernel "r1 = 0x5" vs llvm "r1 = 5 ll" for lddw),
 * and this parser accepts either. Operators and access types are looked
 * up in the opcode table's COP column, so no operator list lives here.
 */
#include <string.h>

#include "isa/asm_int.h"

/* "(u32 *)" -> type token. */
static int cast(struct asm_state *s, const struct asm_tok **type)
{
	int ret;

	if ((ret = asm_expect(s, "(")))
		return ret;
	*type = asm_next(s);
	if ((*type)->type != TK_IDENT)
		return asm_err(s, (*type)->col, "expected an access type like u32");
	if ((ret = asm_expect(s, "*")))
		return ret;
	return asm_expect(s, ")");
}

/* "*(u32 *)(r1 +4)" (the leading '*' already read). */
static int deref(struct asm_state *s, const struct asm_tok **type, int *reg,
		 int16_t *off)
{
	int ret = cast(s, type);

	return ret ? ret : asm_memref(s, "(", ")", reg, off);
}

static int width_of(struct asm_state *s, const struct asm_tok *type, int *w)
{
	if (tok_is(type, "u32"))
		*w = 1;
	else if (tok_is(type, "u64"))
		*w = 0;
	else
		return asm_err(s, type->col, "atomic operations are u32 or u64");
	return 0;
}

static int emit_q(struct asm_state *s, struct asm_query *q, int col, int dst,
		  int src, int off, int32_t imm)
{
	enum bpf_op_id id = asm_find(q);

	if (id == BPF_OP_INVALID)
		return asm_err(s, col, "no eBPF instruction has this form");
	return asm_emit(s, id, col, dst, src, off, imm, 0);
}

/* "if rD OP (rS|imm) goto TARGET" */
static int parse_if(struct asm_state *s, int col)
{
	struct asm_query q = { .w = -1, .dval = ASM_ANY };
	const struct asm_tok *op;
	int dst, src = 0, ret;
	char dc, sc;
	int32_t imm = 0, t;

	if ((ret = asm_reg(s, &dst, &dc)))
		return ret;
	op = asm_next(s);
	if (op->type != TK_PUNCT)
		return asm_err(s, op->col, "expected a comparison operator");
	q.cop = op;
	q.w = dc == 'w';
	if (asm_peek(s, 0)->type == TK_REG) {
		int rcol = asm_peek(s, 0)->col;

		q.kind = BPF_KIND_JCOND_X;
		if ((ret = asm_reg(s, &src, &sc)))
			return ret;
		if ((sc == 'w') != (dc == 'w'))
			return asm_err(s, rcol, "both registers must be rN or wN");
	} else {
		q.kind = BPF_KIND_JCOND_K;
		if ((ret = asm_imm32(s, &imm)))
			return ret;
	}
	if ((ret = asm_expect(s, "goto")) || (ret = asm_target(s, FIX_OFF, &t)))
		return ret;
	if (asm_find(&q) == BPF_OP_INVALID)
		return asm_err(s, op->col, "unknown comparison '%.*s'", op->len, op->s);
	return emit_q(s, &q, col, dst, src, t, imm);
}

/* Atomic read-modify-write written as a call, after "rD =":
 *   kernel  atomic[64]_fetch_add((u64 *)(r1 +0), r2)   atomic[64]_xchg(...)
 *           atomic[64]_cmpxchg((u64 *)(r1 +0), r0, r2)
 *   llvm    atomic_fetch_add((u64 *)(r1 + 0), r2)      xchg_64(r1 + 0, r2)
 *           xchg32_32(...)  cmpxchg_64(r1 + 0, r0, r2)  cmpxchg32_32(...) */
static int parse_atomic_call(struct asm_state *s, int col, int lhs)
{
	const struct asm_tok *name = asm_next(s), *type;
	struct asm_query q = { .kind = BPF_KIND_ATOMIC, .w = -1, .dval = ASM_ANY };
	char op[32];
	const char *n = name->s;
	int len = name->len, dst, src, r0, ret;
	bool cmpxchg, fetch = false, llvm = false;
	int16_t off;

	if (len > 9 && !memcmp(n, "atomic64_", 9)) {
		n += 9;
		len -= 9;
	} else if (len > 7 && !memcmp(n, "atomic_", 7)) {
		n += 7;
		len -= 7;
	} else if (len > 3 && !memcmp(n + len - 3, "_64", 3)) {
		len -= 3;
		llvm = true;
		q.w = 0;
	} else if (len > 5 && !memcmp(n + len - 5, "32_32", 5)) {
		len -= 5;
		llvm = true;
		q.w = 1;
	} else {
		return asm_err(s, name->col, "unexpected '%.*s'", name->len, name->s);
	}
	if (!llvm && len > 6 && !memcmp(n, "fetch_", 6)) {
		n += 6;
		len -= 6;
		fetch = true;
	}
	if (len <= 0 || len >= (int)sizeof(op))
		return asm_err(s, name->col, "unknown atomic operation '%.*s'",
			       name->len, name->s);
	memcpy(op, n, (size_t)len);
	op[len] = 0;
	cmpxchg = !strcmp(op, "cmpxchg");
	if (fetch == (cmpxchg || !strcmp(op, "xchg")))
		return asm_err(s, name->col, "unknown atomic operation '%.*s'",
			       name->len, name->s);
	q.cops = op;
	if (llvm) { /* the call's '(' opens the address "r1 + 0" */
		ret = asm_memref(s, "(", ",", &dst, &off);
		s->i--; /* leave the ',' for below */
	} else {
		if ((ret = asm_expect(s, "(")) || (ret = cast(s, &type)) ||
		    (ret = width_of(s, type, &q.w)))
			return ret;
		ret = asm_memref(s, "(", ")", &dst, &off);
	}
	if (ret || (ret = asm_expect(s, ",")))
		return ret;
	if (cmpxchg) {
		const struct asm_tok *t = asm_peek(s, 0);

		if ((ret = asm_reg(s, &r0, NULL)) || (ret = asm_expect(s, ",")))
			return ret;
		if (r0 != 0 || lhs != 0)
			return asm_err(s, r0 ? t->col : col,
				       "cmpxchg compares with and returns r0");
	}
	{
		const struct asm_tok *t = asm_peek(s, 0);

		if ((ret = asm_reg(s, &src, NULL)) || (ret = asm_expect(s, ")")))
			return ret;
		if (!cmpxchg && src != lhs)
			return asm_err(s, t->col,
				       "the result register must be the source register r%d",
				       lhs);
	}
	if (asm_find(&q) == BPF_OP_INVALID)
		return asm_err(s, name->col, "unknown atomic operation '%.*s'",
			       name->len, name->s);
	return emit_q(s, &q, col, dst, src, off, 0);
}

/* Right-hand side of "rD = ...". */
static int parse_assign(struct asm_state *s, int col, int dst, char dc)
{
	const struct asm_tok *t = asm_peek(s, 0);
	struct asm_query q = { .w = dc == 'w', .dval = ASM_ANY };
	int src, ret;
	char sc;
	int16_t off;

	if (tok_is(t, "-") && asm_peek(s, 1)->type == TK_REG) { /* r0 = -r0 */
		s->i++;
		t = asm_peek(s, 0);
		if ((ret = asm_reg(s, &src, &sc)))
			return ret;
		if (src != dst || (sc == 'w') != (dc == 'w'))
			return asm_err(s, t->col, "neg works in place: write %c%d = -%c%d",
				       dc == 'w' ? 'w' : 'r', dst, dc == 'w' ? 'w' : 'r', dst);
		q.kind = BPF_KIND_NEG;
		return emit_q(s, &q, col, dst, 0, 0, 0);
	}
	if (tok_is(t, "(")) { /* r1 = (s8)r2 */
		const struct asm_tok *ty = asm_peek(s, 1);
		int bits = 0;

		s->i += 2;
		if (ty->type == TK_IDENT && ty->len >= 2 && ty->s[0] == 's')
			for (int k = 1; k < ty->len && bits < 1000; k++)
				bits = ty->s[k] >= '0' && ty->s[k] <= '9' ?
				       bits * 10 + ty->s[k] - '0' : 1000;
		if (!bits || bits >= 1000)
			return asm_err(s, ty->col, "expected a sign-extension cast like (s8)");
		if ((ret = asm_expect(s, ")")) || (ret = asm_reg(s, &src, &sc)))
			return ret;
		q.kind = BPF_KIND_MOVSX;
		q.dval = bits;
		if (asm_find(&q) == BPF_OP_INVALID)
			return asm_err(s, ty->col, "no %d-bit move sign-extends from %d bits",
				       dc == 'w' ? 32 : 64, bits);
		return emit_q(s, &q, col, dst, src, 0, 0);
	}
	if (tok_is(t, "*")) { /* loads */
		const struct asm_tok *type;

		s->i++;
		if ((ret = cast(s, &type)))
			return ret;
		q.cop = type;
		q.w = -1;
		if (tok_is(asm_peek(s, 0), "skb")) { /* legacy packet access */
			int32_t imm = 0;

			s->i++;
			if ((ret = asm_expect(s, "[")))
				return ret;
			src = 0;
			if (asm_peek(s, 0)->type == TK_REG) {
				q.kind = BPF_KIND_LDIND;
				if ((ret = asm_reg(s, &src, NULL)))
					return ret;
				if (asm_accept(s, "+"))
					ret = asm_imm32(s, &imm);
			} else {
				q.kind = BPF_KIND_LDABS;
				ret = asm_imm32(s, &imm);
			}
			if (ret || (ret = asm_expect(s, "]")))
				return ret;
			if (dst != 0)
				return asm_err(s, col, "packet loads always write r0");
			if (asm_find(&q) == BPF_OP_INVALID)
				return asm_err(s, type->col, "no packet load of type '%.*s'",
					       type->len, type->s);
			return emit_q(s, &q, col, 0, src, 0, imm);
		}
		if ((ret = asm_memref(s, "(", ")", &src, &off)))
			return ret;
		q.kind = BPF_KIND_LDX;
		if (asm_find(&q) == BPF_OP_INVALID)
			return asm_err(s, type->col, "no load of type '%.*s'",
				       type->len, type->s);
		return emit_q(s, &q, col, dst, src, off, 0);
	}
	if (t->type == TK_REG) { /* r1 = r2 */
		if ((ret = asm_reg(s, &src, &sc)))
			return ret;
		if ((sc == 'w') != (dc == 'w'))
			return asm_err(s, t->col, "both registers must be rN or wN");
		q.kind = BPF_KIND_ALU_X;
		q.cops = "=";
		return emit_q(s, &q, col, dst, src, 0, 0);
	}
	if (t->type == TK_IDENT) {
		struct asm_query e = { .kind = BPF_KIND_END, .cop = t, .w = -1,
				       .dval = ASM_ANY };
		enum bpf_op_id id = asm_find(&e);

		if (id != BPF_OP_INVALID) { /* r0 = be16 r0 */
			const struct asm_tok *r;

			s->i++;
			r = asm_peek(s, 0);
			if ((ret = asm_reg(s, &src, NULL)))
				return ret;
			if (src != dst)
				return asm_err(s, r->col, "byte swaps work in place: write r%d = %.*s r%d",
					       dst, t->len, t->s, dst);
			return asm_emit(s, id, col, dst, 0, 0, 0, 0);
		}
		if (tok_is(t, "map") || tok_is(t, "btf_id") || tok_is(t, "subprog") ||
		    tok_is(t, "func") || tok_is(t, "pseudo")) {
			uint64_t v;
			int psrc;

			if ((ret = asm_lddw_value(s, &psrc, &v)))
				return ret;
			return asm_emit_lddw(s, col, dst, psrc, v);
		}
		if (asm_peek(s, 1)->type == TK_PUNCT && tok_is(asm_peek(s, 1), "("))
			return parse_atomic_call(s, col, dst);
		return asm_err(s, t->col, "unexpected '%.*s'", t->len, t->s);
	}
	{
		/* A number: lddw when followed by "ll" (llvm) or written in hex
		 * into a 64-bit register (the kernel prints lddw as "r1 = 0x5"
		 * and mov as "r1 = 5"); otherwise a 32-bit mov. */
		int at = s->i;
		bool hex = t->type == TK_NUM && t->hex;
		uint64_t v;
		int32_t imm;

		if ((ret = asm_imm64(s, &v)))
			return ret;
		if (asm_accept(s, "ll") || (hex && dc != 'w')) {
			if (dc == 'w')
				return asm_err(s, t->col, "lddw loads a 64-bit register");
			return asm_emit_lddw(s, col, dst, 0, v);
		}
		s->i = at;
		if ((ret = asm_imm32(s, &imm)))
			return ret;
		q.kind = BPF_KIND_ALU_K;
		q.cops = "=";
		return emit_q(s, &q, col, dst, 0, 0, imm);
	}
}

int asm_parse_clike(struct asm_state *s)
{
	const struct asm_tok *t = asm_next(s), *op, *type;
	struct asm_query q = { .w = -1, .dval = ASM_ANY };
	int dst, src, ret;
	char dc, sc;
	int16_t off;
	int32_t imm = 0;

	if (tok_is(t, "if"))
		return parse_if(s, t->col);
	if (tok_is(t, "goto")) {
		q.kind = BPF_KIND_JA;
		if ((ret = asm_target(s, FIX_OFF, &imm)))
			return ret;
		return emit_q(s, &q, t->col, 0, 0, imm, 0);
	}
	if (tok_is(t, "gotol")) {
		q.kind = BPF_KIND_JA32;
		if ((ret = asm_target(s, FIX_IMM, &imm)))
			return ret;
		return emit_q(s, &q, t->col, 0, 0, 0, imm);
	}
	if (tok_is(t, "ld_pseudo")) { /* llvm: ld_pseudo r1, SRC, IMM */
		uint64_t v;
		int32_t psrc;

		if ((ret = asm_reg(s, &dst, NULL)) || (ret = asm_expect(s, ",")) ||
		    (ret = asm_imm32(s, &psrc)) || (ret = asm_expect(s, ",")) ||
		    (ret = asm_imm64(s, &v)))
			return ret;
		if (psrc < 0 || psrc > 15)
			return asm_err(s, t->col, "pseudo source %d out of range", psrc);
		return asm_emit_lddw(s, t->col, dst, psrc, v);
	}
	if (tok_is(t, "lock")) { /* lock *(u64 *)(r1 +0) += r2 */
		if ((ret = asm_expect(s, "*")) || (ret = deref(s, &type, &dst, &off)) ||
		    (ret = width_of(s, type, &q.w)))
			return ret;
		op = asm_next(s);
		if ((ret = asm_reg(s, &src, NULL)))
			return ret;
		q.kind = BPF_KIND_ATOMIC;
		q.cop = op;
		if (op->type != TK_PUNCT || asm_find(&q) == BPF_OP_INVALID)
			return asm_err(s, op->col, "unknown atomic operator '%.*s'",
				       op->len, op->s);
		return emit_q(s, &q, t->col, dst, src, off, 0);
	}
	if (tok_is(t, "*")) { /* stores */
		if ((ret = deref(s, &type, &dst, &off)) || (ret = asm_expect(s, "=")))
			return ret;
		q.cop = type;
		if (asm_peek(s, 0)->type == TK_REG) {
			q.kind = BPF_KIND_STX;
			ret = asm_reg(s, &src, NULL);
		} else {
			q.kind = BPF_KIND_ST;
			src = 0;
			ret = asm_imm32(s, &imm);
		}
		if (ret)
			return ret;
		if (asm_find(&q) == BPF_OP_INVALID)
			return asm_err(s, type->col, "no store of type '%.*s'",
				       type->len, type->s);
		return emit_q(s, &q, t->col, dst, src, off, imm);
	}
	/* rD OP ... */
	s->i--;
	if ((ret = asm_reg(s, &dst, &dc)))
		return ret;
	op = asm_next(s);
	if (tok_is(op, "="))
		return parse_assign(s, t->col, dst, dc);
	if (op->type != TK_PUNCT)
		return asm_err(s, op->col, "expected an operator after %.*s",
			       t->len, t->s);
	q.cop = op; /* sdiv/smod have their own COP ("s/="), so no dval needed */
	q.w = dc == 'w';
	if (asm_peek(s, 0)->type == TK_REG) {
		const struct asm_tok *r = asm_peek(s, 0);

		q.kind = BPF_KIND_ALU_X;
		if ((ret = asm_reg(s, &src, &sc)))
			return ret;
		if ((sc == 'w') != (dc == 'w'))
			return asm_err(s, r->col, "both registers must be rN or wN");
	} else {
		q.kind = BPF_KIND_ALU_K;
		src = 0;
		if ((ret = asm_imm32(s, &imm)))
			return ret;
	}
	if (asm_find(&q) == BPF_OP_INVALID)
		return asm_err(s, op->col, "unknown operator '%.*s'", op->len, op->s);
	return emit_q(s, &q, t->col, dst, src, 0, imm);
}
