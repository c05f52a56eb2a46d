/* SPDX-License-Identifier: MIT */
/*
 * asm_mnem.c - the assembler's parser for the conformance-data syntax
 * ("mnemonic"): "ldxw %r0, [%r1+4]", "add32 %r0, 1", "jeq %r1, 5, label",
 * "lock fetch add [%r1+0], %r2" (format in ../shared/conformance/README.md).
 * Mnemonics are looked up in the opcode table's MNEM column, with the
 * 32/64 width suffix applied where an instruction has both widths.
 */
#include <stdio.h>
#include <string.h>

#include "isa/asm_int.h"

/* Find the table entry a mnemonic names: exact ("ldxw", "ja32", "be16",
 * bare ALU/JMP = 64-bit), else a 32/64 suffix on a mnemonic whose kind has
 * both widths ("add32", "jeq32", "movsx1632", "lock add32"). */
static enum bpf_op_id mnem_entry(const char *w, int len, bool lock, int *width)
{
	for (int pass = 0; pass < 2; pass++) {
		int blen = pass ? len - 2 : len;

		if (pass && (len < 3 || (memcmp(w + blen, "32", 2) &&
					 memcmp(w + blen, "64", 2))))
			break;
		for (int id = 1; id < BPF_OP__COUNT; id++) {
			const struct bpf_op_desc *d = &bpf_op_table[id];
			int dw = asm_op_width(d);

			if ((d->kind == BPF_KIND_ATOMIC) != lock ||
			    !asm_str_eq(d->mnem, w, blen))
				continue;
			if (!pass) {
				*width = dw < 0 ? -1 : 0;
				return (enum bpf_op_id)id;
			}
			if (dw >= 0 && dw == !memcmp(w + blen, "32", 2)) {
				*width = dw;
				return (enum bpf_op_id)id;
			}
		}
	}
	return BPF_OP_INVALID;
}

int asm_parse_mnemonic(struct asm_state *s)
{
	const struct asm_tok *t = asm_next(s), *m = t;
	char name[80];
	int nlen, width, dst = 0, src = 0, ret, kind;
	int16_t off = 0;
	int32_t imm = 0;
	bool lock = tok_is(t, "lock");
	enum bpf_op_id id;
	struct asm_query q = { .w = -1, .dval = ASM_ANY };

	if (lock) {
		bool fetch = false;

		m = asm_next(s);
		if (tok_is(m, "fetch")) {
			fetch = true;
			m = asm_next(s);
		}
		if (m->type != TK_IDENT)
			return asm_err(s, m->col, "expected an atomic operation");
		nlen = snprintf(name, sizeof(name), "%s%.*s", fetch ? "fetch " : "",
				m->len > 60 ? 60 : m->len, m->s);
	} else {
		nlen = snprintf(name, sizeof(name), "%.*s", t->len > 70 ? 70 : t->len,
				t->s);
		if (nlen >= 6 && !memcmp(name, "swap", 4)) { /* swap16 = bswap16 */
			memmove(name + 1, name, (size_t)nlen + 1);
			name[0] = 'b';
			nlen++;
		}
	}
	id = mnem_entry(name, nlen, lock, &width);
	if (id == BPF_OP_INVALID)
		return asm_err(s, t->col, "unknown mnemonic '%.*s'",
			       (int)(m->s + m->len - t->s), t->s);
	kind = bpf_op_table[id].kind;
	q.mnem = bpf_op_table[id].mnem;
	q.mnemlen = (int)strlen(q.mnem);
	q.w = width;
	switch (kind) {
	case BPF_KIND_ALU_K: case BPF_KIND_ALU_X:
		if ((ret = asm_reg(s, &dst, NULL)) || (ret = asm_expect(s, ",")))
			return ret;
		if (asm_peek(s, 0)->type == TK_REG) {
			q.kind = BPF_KIND_ALU_X;
			ret = asm_reg(s, &src, NULL);
		} else {
			q.kind = BPF_KIND_ALU_K;
			ret = asm_imm32(s, &imm);
		}
		if (ret)
			return ret;
		break;
	case BPF_KIND_MOVSX:
		q.kind = kind;
		if ((ret = asm_reg(s, &dst, NULL)) || (ret = asm_expect(s, ",")) ||
		    (ret = asm_reg(s, &src, NULL)))
			return ret;
		break;
	case BPF_KIND_NEG: case BPF_KIND_END: case BPF_KIND_CALLX:
		q.kind = kind;
		if ((ret = asm_reg(s, &dst, NULL)))
			return ret;
		break;
	case BPF_KIND_JA:
		q.kind = kind;
		if ((ret = asm_target(s, FIX_OFF, &imm)))
			return ret;
		off = (int16_t)imm;
		imm = 0;
		break;
	case BPF_KIND_JA32:
		q.kind = kind;
		if ((ret = asm_target(s, FIX_IMM, &imm)))
			return ret;
		break;
	case BPF_KIND_JCOND_K: case BPF_KIND_JCOND_X: {
		int32_t t32;

		if ((ret = asm_reg(s, &dst, NULL)) || (ret = asm_expect(s, ",")))
			return ret;
		if (asm_peek(s, 0)->type == TK_REG) {
			q.kind = BPF_KIND_JCOND_X;
			ret = asm_reg(s, &src, NULL);
		} else {
			q.kind = BPF_KIND_JCOND_K;
			ret = asm_imm32(s, &imm);
		}
		if (ret || (ret = asm_expect(s, ",")) ||
		    (ret = asm_target(s, FIX_OFF, &t32)))
			return ret;
		off = (int16_t)t32;
		break;
	}
	case BPF_KIND_CALL_HELPER: case BPF_KIND_CALL_LOCAL: case BPF_KIND_CALL_KFUNC:
		s->i--;
		return asm_call(s);
	case BPF_KIND_EXIT:
		q.kind = kind;
		break;
	case BPF_KIND_LDDW: {
		uint64_t v;

		if ((ret = asm_reg(s, &dst, NULL)) || (ret = asm_expect(s, ",")) ||
		    (ret = asm_lddw_value(s, &src, &v)))
			return ret;
		return asm_emit_lddw(s, t->col, dst, src, v);
	}
	case BPF_KIND_LDABS:
		q.kind = kind;
		if ((ret = asm_imm32(s, &imm)))
			return ret;
		break;
	case BPF_KIND_LDIND:
		q.kind = kind;
		if ((ret = asm_reg(s, &src, NULL)) || (ret = asm_expect(s, ",")) ||
		    (ret = asm_imm32(s, &imm)))
			return ret;
		break;
	case BPF_KIND_LDX:
		q.kind = kind;
		if ((ret = asm_reg(s, &dst, NULL)) || (ret = asm_expect(s, ",")) ||
		    (ret = asm_memref(s, "[", "]", &src, &off)))
			return ret;
		break;
	case BPF_KIND_ST: case BPF_KIND_STX: case BPF_KIND_ATOMIC:
		q.kind = kind;
		if ((ret = asm_memref(s, "[", "]", &dst, &off)) ||
		    (ret = asm_expect(s, ",")))
			return ret;
		ret = kind == BPF_KIND_ST ? asm_imm32(s, &imm) : asm_reg(s, &src, NULL);
		if (ret)
			return ret;
		break;
	default:
		return asm_err(s, t->col, "unknown mnemonic '%.*s'", t->len, t->s);
	}
	return asm_emit(s, asm_find(&q), t->col, dst, src, off, imm, 0);
}

