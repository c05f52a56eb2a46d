/* SPDX-License-Identifier: MIT */
/*
 * disasm.c - the eBPF disassembler: bpfvm_disasm_insn().
 *
 * Prints one instruction in one of the three syntaxes of asm.h. Texts come
 * from the opcode table (MNEM for the mnemonic syntax, COP for the C-like
 * ones) plus one format per operand kind. Every text it prints assembles
 * back to the same bits, so an instruction whose reserved fields are not
 * zero, whose registers are out of range, or whose opcode the table does
 * not know is refused with a message naming the problem rather than
 * printed approximately.
 *
 * Where the kernel or llvm print nothing usable, bpfvm's spelling is:
 *   kfunc call    "call kernel-function#ID" (the kernel's text without a
 *                 name) + " off:N" when off (module BTF index) is set;
 *                 mnemonic "call kfunc ID[, N]"
 *   local call    llvm "call pc+N" (llvm-objdump prints "call N" as for a
 *                 helper, which does not round-trip)
 *   callx         "callx rN" in both C-like syntaxes (register in dst)
 *   lddw pseudo   "map[fd:N]" etc. (asm_int.h); llvm uses its own
 *                 "ld_pseudo rD, SRC, IMM" when the second slot's imm is 0
 *   32-bit atomic llvm writes w registers, as llvm-objdump does with +alu32
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bpfvm/asm.h"
#include "isa/asm_int.h"

static uint64_t insn_u64(const struct bpf_insn *in)
{
	return (uint64_t)in->code | (uint64_t)in->dst_reg << 8 |
	       (uint64_t)in->src_reg << 12 | (uint64_t)(uint16_t)in->off << 16 |
	       (uint64_t)(uint32_t)in->imm << 32;
}

static int invalid(char *buf, size_t bufsz, const struct bpf_insn *in,
		   const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static int invalid(char *buf, size_t bufsz, const struct bpf_insn *in,
		   const char *fmt, ...)
{
	int n = snprintf(buf, bufsz, "invalid insn 0x%016" PRIx64 ": ",
			 insn_u64(in));

	if (n >= 0 && (size_t)n < bufsz) {
		va_list ap;

		va_start(ap, fmt);
		vsnprintf(buf + n, bufsz - (size_t)n, fmt, ap);
		va_end(ap);
	}
	return -EINVAL;
}

static const char *const field_name[] = { "none", "off", "imm", "src_reg" };

/* 0 when the instruction at idx has an exact text, else -EINVAL with the
 * reason in buf. */
static int check(const struct bpf_insn *insns, size_t cnt, size_t idx,
		 enum bpf_op_id id, char *buf, size_t bufsz)
{
	const struct bpf_insn *in = &insns[idx];
	const struct bpf_op_desc *d = &bpf_op_table[id];
	unsigned ops, used;

	if (id == BPF_OP_INVALID) {
		for (int k = 1; k < BPF_OP__COUNT; k++) {
			const struct bpf_op_desc *e = &bpf_op_table[k];
			long v;

			if (e->code != in->code)
				continue;
			v = e->disc == BPF_DISC_OFF ? in->off :
			    e->disc == BPF_DISC_IMM ? in->imm : in->src_reg;
			return invalid(buf, bufsz, in,
				       "opcode 0x%02x with %s %ld is not defined",
				       in->code, field_name[e->disc], v);
		}
		return invalid(buf, bufsz, in, "unknown opcode 0x%02x", in->code);
	}
	ops = bpf_kind_operands(d->kind);
	used = ops;
	if (d->disc == BPF_DISC_OFF)
		used |= BPF_FIELD_OFF;
	else if (d->disc == BPF_DISC_IMM)
		used |= BPF_FIELD_IMM;
	else if (d->disc == BPF_DISC_SRC)
		used |= BPF_FIELD_SRC;
	if ((ops & BPF_FIELD_DST) && in->dst_reg > 10)
		return invalid(buf, bufsz, in, "invalid dst register r%d", in->dst_reg);
	if ((ops & BPF_FIELD_SRC) && in->src_reg > 10)
		return invalid(buf, bufsz, in, "invalid src register r%d", in->src_reg);
	if (!(used & BPF_FIELD_DST) && in->dst_reg)
		return invalid(buf, bufsz, in, "%s: reserved dst_reg is %d",
			       d->name, in->dst_reg);
	if (!(used & BPF_FIELD_SRC) && in->src_reg)
		return invalid(buf, bufsz, in, "%s: reserved src_reg is %d",
			       d->name, in->src_reg);
	if (!(used & BPF_FIELD_OFF) && in->off)
		return invalid(buf, bufsz, in, "%s: reserved off is %d",
			       d->name, in->off);
	if (!(used & BPF_FIELD_IMM) && in->imm)
		return invalid(buf, bufsz, in, "%s: reserved imm is %d",
			       d->name, in->imm);
	if (d->kind == BPF_KIND_LDDW) {
		const struct bpf_insn *hi = in + 1;

		if (idx + 1 >= cnt)
			return invalid(buf, bufsz, in,
				       "truncated lddw: the second slot is missing");
		if (hi->code || hi->dst_reg || hi->src_reg || hi->off)
			return invalid(buf, bufsz, in, "second slot 0x%016" PRIx64
				       " of lddw must be zero except imm",
				       insn_u64(hi));
	}
	return 0;
}

/* ---- printing --------------------------------------------------------------- */

struct out {
	char *buf;
	size_t sz, n;
};

static void put(struct out *o, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void put(struct out *o, const char *fmt, ...)
{
	va_list ap;
	int k;

	if (o->n >= o->sz)
		return;
	va_start(ap, fmt);
	k = vsnprintf(o->buf + o->n, o->sz - o->n, fmt, ap);
	va_end(ap);
	if (k > 0)
		o->n += (size_t)k;
}

/* Memory operand "(r1 +4)" kernel, "(r1 + 4)" llvm, "[%r1+4]" mnemonic. */
static void mem(struct out *o, enum bpfvm_syntax sx, int reg, int off)
{
	if (sx == BPFVM_SYNTAX_KERNEL)
		put(o, "(r%d %+d)", reg, off);
	else if (sx == BPFVM_SYNTAX_LLVM)
		put(o, "(r%d %c %d)", reg, off < 0 ? '-' : '+', off < 0 ? -off : off);
	else
		put(o, "[%%r%d%+d]", reg, off);
}

static void lddw(struct out *o, enum bpfvm_syntax sx, const struct bpf_insn *in)
{
	uint32_t lo = (uint32_t)in[0].imm, hi = (uint32_t)in[1].imm;
	uint64_t v = (uint64_t)hi << 32 | lo;
	int src = in->src_reg;

	if (sx == BPFVM_SYNTAX_MNEMONIC)
		put(o, "lddw %%r%d, ", in->dst_reg);
	else if (src && sx == BPFVM_SYNTAX_LLVM && !hi) {
		put(o, "ld_pseudo r%d, %d, %" PRIu32, in->dst_reg, src, lo);
		return;
	} else
		put(o, "r%d = ", in->dst_reg);
	switch (src) {
	case 0:
		if (sx == BPFVM_SYNTAX_LLVM)
			put(o, "%" PRId64 " ll", (int64_t)v);
		else
			put(o, "0x%" PRIx64, v);
		return;
	case BPF_PSEUDO_MAP_FD: case BPF_PSEUDO_MAP_IDX:
		if (hi)
			break;
		put(o, "map[%s:%" PRIu32 "]", src == BPF_PSEUDO_MAP_FD ? "fd" : "idx", lo);
		return;
	case BPF_PSEUDO_MAP_VALUE: case BPF_PSEUDO_MAP_IDX_VALUE:
		put(o, "map[%s:%" PRIu32 "][0]+%" PRIu32,
		    src == BPF_PSEUDO_MAP_VALUE ? "fd" : "idx", lo, hi);
		return;
	case BPF_PSEUDO_BTF_ID:
		if (hi)
			break;
		put(o, "btf_id[%" PRIu32 "]", lo);
		return;
	case BPF_PSEUDO_FUNC:
		if (hi)
			break;
		put(o, "subprog[%+d]", in->imm);
		return;
	default:
		break;
	}
	put(o, "pseudo(%d, 0x%" PRIx64 ")", src, v);
}

static void atomic(struct out *o, enum bpfvm_syntax sx, const struct bpf_insn *in,
		   const struct bpf_op_desc *d)
{
	bool w = bpf_op_size(d->code) == 4;
	const char *ty = w ? "u32" : "u64";
	char rc = sx == BPFVM_SYNTAX_LLVM && w ? 'w' : 'r';
	bool cmpxchg = !strcmp(d->cop, "cmpxchg"), xchg = !strcmp(d->cop, "xchg");

	if (sx == BPFVM_SYNTAX_MNEMONIC) {
		put(o, "lock %s%s ", d->mnem, w ? "32" : "");
		mem(o, sx, in->dst_reg, in->off);
		put(o, ", %%r%d", in->src_reg);
		return;
	}
	if (!(in->imm & BPF_FETCH)) { /* lock *(u64 *)(r1 +0) += r2 */
		put(o, "lock *(%s *)", ty);
		mem(o, sx, in->dst_reg, in->off);
		put(o, " %s %c%d", d->cop, rc, in->src_reg);
		return;
	}
	if (sx == BPFVM_SYNTAX_LLVM && (cmpxchg || xchg)) {
		put(o, "%c%d = %s%s(", rc, cmpxchg ? 0 : in->src_reg, d->cop,
		    w ? "32_32" : "_64");
		put(o, "r%d %c %d, ", in->dst_reg, in->off < 0 ? '-' : '+',
		    in->off < 0 ? -in->off : in->off);
		if (cmpxchg)
			put(o, "%c0, ", rc);
		put(o, "%c%d)", rc, in->src_reg);
		return;
	}
	/* kernel: atomic64_fetch_add((u64 *)(r1 +0), r2); llvm: atomic_fetch_add */
	put(o, "%c%d = atomic%s_%s%s((%s *)", rc, cmpxchg ? 0 : in->src_reg,
	    sx == BPFVM_SYNTAX_KERNEL && !w ? "64" : "",
	    cmpxchg || xchg ? "" : "fetch_", d->cop, ty);
	mem(o, sx, in->dst_reg, in->off);
	if (cmpxchg)
		put(o, ", %c0", rc);
	put(o, ", %c%d)", rc, in->src_reg);
}

static void target(struct out *o, enum bpfvm_syntax sx, int v)
{
	put(o, sx == BPFVM_SYNTAX_KERNEL ? "pc%+d" : "%+d", v);
}

int bpfvm_disasm_insn(const struct bpf_insn *insns, size_t cnt, size_t idx,
		      enum bpfvm_syntax sx, char *buf, size_t bufsz)
{
	struct out o = { .buf = buf, .sz = bufsz };
	const struct bpf_insn *in;
	const struct bpf_op_desc *d;
	enum bpf_op_id id;
	bool mn = sx == BPFVM_SYNTAX_MNEMONIC;
	char rc;
	int ret;

	if (bufsz)
		buf[0] = 0;
	if (!insns || idx >= cnt) {
		snprintf(buf, bufsz, "invalid insn index %zu (program has %zu)", idx, cnt);
		return -EINVAL;
	}
	if (sx != BPFVM_SYNTAX_KERNEL && sx != BPFVM_SYNTAX_LLVM && !mn) {
		snprintf(buf, bufsz, "unknown syntax %d", (int)sx);
		return -EINVAL;
	}
	in = &insns[idx];
	id = bpf_op_decode(in);
	if ((ret = check(insns, cnt, idx, id, buf, bufsz)))
		return ret;
	d = &bpf_op_table[id];
	rc = asm_op_width(d) == 1 ? 'w' : 'r';
	switch (d->kind) {
	case BPF_KIND_ALU_K: case BPF_KIND_ALU_X:
		if (mn)
			put(&o, "%s%s %%r%d, ", d->mnem, rc == 'w' ? "32" : "", in->dst_reg);
		else
			put(&o, "%c%d %s ", rc, in->dst_reg, d->cop);
		if (d->kind == BPF_KIND_ALU_K)
			put(&o, "%d", in->imm);
		else if (mn)
			put(&o, "%%r%d", in->src_reg);
		else
			put(&o, "%c%d", rc, in->src_reg);
		break;
	case BPF_KIND_MOVSX:
		if (mn)
			put(&o, "%s%s %%r%d, %%r%d", d->mnem, rc == 'w' ? "32" : "64",
			    in->dst_reg, in->src_reg);
		else
			put(&o, "%c%d = (s%d)%c%d", rc, in->dst_reg, d->dval, rc,
			    in->src_reg);
		break;
	case BPF_KIND_NEG:
		if (mn)
			put(&o, "%s%s %%r%d", d->mnem, rc == 'w' ? "32" : "", in->dst_reg);
		else
			put(&o, "%c%d = -%c%d", rc, in->dst_reg, rc, in->dst_reg);
		break;
	case BPF_KIND_END:
		if (mn)
			put(&o, "%s %%r%d", d->mnem, in->dst_reg);
		else
			put(&o, "r%d = %s r%d", in->dst_reg, d->cop, in->dst_reg);
		break;
	case BPF_KIND_JA: case BPF_KIND_JA32:
		put(&o, "%s ", mn ? d->mnem : d->cop);
		target(&o, sx, d->kind == BPF_KIND_JA ? in->off : in->imm);
		break;
	case BPF_KIND_JCOND_K: case BPF_KIND_JCOND_X:
		if (mn) {
			put(&o, "%s%s %%r%d, ", d->mnem, rc == 'w' ? "32" : "", in->dst_reg);
			if (d->kind == BPF_KIND_JCOND_K)
				put(&o, "%d, ", in->imm);
			else
				put(&o, "%%r%d, ", in->src_reg);
		} else {
			put(&o, "if %c%d %s ", rc, in->dst_reg, d->cop);
			if (d->kind == BPF_KIND_JCOND_X)
				put(&o, "%c%d goto ", rc, in->src_reg);
			else if (sx == BPFVM_SYNTAX_KERNEL)
				put(&o, "0x%x goto ", (uint32_t)in->imm);
			else
				put(&o, "%d goto ", in->imm);
		}
		target(&o, sx, in->off);
		break;
	case BPF_KIND_CALL_HELPER:
		put(&o, "call %d", in->imm);
		break;
	case BPF_KIND_CALL_LOCAL:
		put(&o, mn ? "call local %+d" : "call pc%+d", in->imm);
		break;
	case BPF_KIND_CALL_KFUNC:
		put(&o, mn ? "call kfunc %d" : "call kernel-function#%d", in->imm);
		if (in->off)
			put(&o, mn ? ", %d" : " off:%d", in->off);
		break;
	case BPF_KIND_CALLX:
		put(&o, mn ? "call %%r%d" : "callx r%d", in->dst_reg);
		break;
	case BPF_KIND_EXIT:
		put(&o, "exit");
		break;
	case BPF_KIND_LDDW:
		lddw(&o, sx, in);
		return 2;
	case BPF_KIND_LDABS: case BPF_KIND_LDIND:
		if (mn) {
			put(&o, "%s ", d->mnem);
			if (d->kind == BPF_KIND_LDIND)
				put(&o, "%%r%d, ", in->src_reg);
			put(&o, "%d", in->imm);
		} else if (d->kind == BPF_KIND_LDABS) {
			put(&o, "r0 = *(%s *)skb[%d]", d->cop, in->imm);
		} else if (sx == BPFVM_SYNTAX_LLVM && !in->imm) {
			put(&o, "r0 = *(%s *)skb[r%d]", d->cop, in->src_reg);
		} else {
			put(&o, "r0 = *(%s *)skb[r%d + %d]", d->cop, in->src_reg, in->imm);
		}
		break;
	case BPF_KIND_LDX:
		if (mn) {
			put(&o, "%s %%r%d, ", d->mnem, in->dst_reg);
			mem(&o, sx, in->src_reg, in->off);
		} else {
			put(&o, "r%d = *(%s *)", in->dst_reg, d->cop);
			mem(&o, sx, in->src_reg, in->off);
		}
		break;
	case BPF_KIND_ST: case BPF_KIND_STX:
		if (mn)
			put(&o, "%s ", d->mnem);
		else
			put(&o, "*(%s *)", d->cop);
		mem(&o, sx, in->dst_reg, in->off);
		if (d->kind == BPF_KIND_ST)
			put(&o, mn ? ", %d" : " = %d", in->imm);
		else
			put(&o, mn ? ", %%r%d" : " = r%d", in->src_reg);
		break;
	case BPF_KIND_ATOMIC:
		atomic(&o, sx, in, d);
		break;
	default:
		snprintf(buf, bufsz, "invalid insn 0x%016" PRIx64 ": kind %d has no text",
			 insn_u64(in), d->kind);
		return -EINVAL;
	}
	return 1;
}
