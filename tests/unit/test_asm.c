/* SPDX-License-Identifier: MIT */
/*
 * test_asm.c - the assembler and disassembler (bpfvm_asm, bpfvm_disasm_insn)
 * in their three syntaxes.
 *
 *  1. Golden texts: instructions whose kernel text follows the format
 *     strings of the kernel's kernel/bpf/disasm.c and bpftool, whose llvm
 *     text is what llvm-objdump prints, whose mnemonic text is the
 *     conformance data's dialect.
 *  2. Every entry of the opcode table with sample operands: encode,
 *     disassemble in each syntax, assemble back: identical bits. Variants
 *     with a reserved field set are refused by the disassembler; random
 *     instructions either round-trip or are refused.
 *  3. Every conformance program (../shared/conformance, or $BPFVM_SHARED):
 *     assemble -> disassemble -> assemble is the identity in each syntax
 *     (also with bpftool/llvm-objdump decorations on the lines); `-- raw`
 *     equals the assembled `-- asm`; bad programs fail to assemble only
 *     when they expect an error.
 *  4. llvm (independent reference; skipped when llvm-mc/llvm-objdump are
 *     missing): llvm-objdump's text for our bytes equals our llvm syntax,
 *     llvm-mc's bytes for our llvm text equal ours, and llvm-objdump's
 *     whole listing pasted into bpfvm_asm gives the bytes back.
 *  5. Error messages: FILE:LINE:COL: error: for a table of bad inputs.
 */
#include <errno.h>
#include <ftw.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "test.h"
#include "bpfvm/asm.h"
#include "isa/asm_int.h"
#include "isa/isa.h"
#include "testdata/conformance.h"

static const enum bpfvm_syntax syntaxes[] = {
	BPFVM_SYNTAX_KERNEL, BPFVM_SYNTAX_LLVM, BPFVM_SYNTAX_MNEMONIC,
};
static const char *const syntax_names[] = { "kernel", "llvm", "mnemonic" };

static uint64_t u64_of(const struct bpf_insn *in)
{
	return (uint64_t)in->code | (uint64_t)in->dst_reg << 8 |
	       (uint64_t)in->src_reg << 12 | (uint64_t)(uint16_t)in->off << 16 |
	       (uint64_t)(uint32_t)in->imm << 32;
}

static struct bpf_insn insn_of(uint64_t v)
{
	struct bpf_insn in = {
		.code = (uint8_t)v, .dst_reg = (v >> 8) & 0xf,
		.src_reg = (v >> 12) & 0xf, .off = (int16_t)(uint16_t)(v >> 16),
		.imm = (int32_t)(uint32_t)(v >> 32),
	};

	return in;
}

static int same(const struct bpf_insn *a, size_t na, const struct bpf_insn *b,
		size_t nb)
{
	if (na != nb)
		return 0;
	for (size_t i = 0; i < na; i++)
		if (u64_of(&a[i]) != u64_of(&b[i]))
			return 0;
	return 1;
}

/* Growing string. */
struct sbuf {
	char *p;
	size_t n, cap;
};

static void sb_add(struct sbuf *b, const char *s)
{
	size_t k = strlen(s);

	if (b->n + k + 1 > b->cap) {
		size_t cap = (b->n + k + 1) * 2;
		char *p = realloc(b->p, cap);

		if (!p)
			abort();
		b->p = p;
		b->cap = cap;
	}
	memcpy(b->p + b->n, s, k + 1);
	b->n += k;
}

enum decor { PLAIN, DECORATED };

/* The whole program as text, one line per instruction; DECORATED adds what
 * bpftool (kernel syntax: "  12: (b7) ") or llvm-objdump (llvm syntax:
 * "  12:\tb7 01 00 ...\t") print in front. NULL if an insn is refused. */
static char *disasm_prog(const struct bpf_insn *insns, size_t cnt,
			 enum bpfvm_syntax sx, enum decor decor, char *why,
			 size_t whysz)
{
	struct sbuf b = { 0 };
	char line[256], pre[96];

	sb_add(&b, "");
	for (size_t i = 0; i < cnt;) {
		int n = bpfvm_disasm_insn(insns, cnt, i, sx, line, sizeof(line));

		if (n < 0) {
			snprintf(why, whysz, "insn %zu: %s", i, line);
			free(b.p);
			return NULL;
		}
		pre[0] = 0;
		if (decor == DECORATED && sx == BPFVM_SYNTAX_KERNEL) {
			snprintf(pre, sizeof(pre), "%4zu: (%02x) ", i, insns[i].code);
		} else if (decor == DECORATED && sx == BPFVM_SYNTAX_LLVM) {
			int k = snprintf(pre, sizeof(pre), "%8zu:\t", i);

			for (int s = 0; s < n; s++)
				for (int j = 0; j < 8; j++)
					k += snprintf(pre + k, sizeof(pre) - (size_t)k,
						      "%02x ", (unsigned)(u64_of(&insns[i + s]) >> (8 * j)) & 0xff);
			pre[k - 1] = '\t';
		}
		sb_add(&b, pre);
		sb_add(&b, line);
		sb_add(&b, "\n");
		i += (size_t)n;
	}
	return b.p;
}

/* disasm -> asm in every syntax gives the same instructions back. */
static int roundtrip(const struct bpf_insn *insns, size_t cnt, const char *what,
		     enum decor decor)
{
	int ok = 1;

	for (size_t k = 0; k < 3; k++) {
		char why[512], err[512];
		char *text = disasm_prog(insns, cnt, syntaxes[k], decor, why, sizeof(why));
		struct bpf_insn *back = NULL;
		size_t nback = 0;

		if (!text) {
			CHECK_MSG(text, "%s: %s disasm: %s", what, syntax_names[k], why);
			ok = 0;
			continue;
		}
		if (bpfvm_asm(text, what, &back, &nback, err, sizeof(err))) {
			CHECK_MSG(0, "%s: %s text does not assemble: %s", what,
				  syntax_names[k], err);
			ok = 0;
		} else if (!same(insns, cnt, back, nback)) {
			CHECK_MSG(0, "%s: %s round trip differs (%zu vs %zu insns)",
				  what, syntax_names[k], cnt, nback);
			ok = 0;
		} else {
			test_passed++;
		}
		free(back);
		free(text);
	}
	return ok;
}

/* ---- 1. golden texts ------------------------------------------------------ */

static const struct golden {
	uint64_t w[2];
	const char *kernel, *llvm, *mnemonic;
} golden[] = {
	{ { 0x00000001000000b7 }, "r0 = 1", "r0 = 1", "mov %r0, 1" },
	{ { 0x0000000200000004 }, "w0 += 2", "w0 += 2", "add32 %r0, 2" },
	{ { 0x0000000000101061 },
	  "r0 = *(u32 *)(r1 +16)", "r0 = *(u32 *)(r1 + 16)", "ldxw %r0, [%r1+16]" },
	{ { 0x00000000fff81a7b }, "*(u64 *)(r10 -8) = r1",
	  "*(u64 *)(r10 - 8) = r1", "stxdw [%r10-8], %r1" },
	{ { 0x00000000fffc0a62 }, "*(u32 *)(r10 -4) = 0",
	  "*(u32 *)(r10 - 4) = 0", "stw [%r10-4], 0" },
	{ { 0xfffffff800000107 }, "r1 += -8", "r1 += -8", "add %r1, -8" },
	{ { 0x00000000000000b4 }, "w0 = 0", "w0 = 0", "mov32 %r0, 0" },
	{ { 0x00000000000061bf }, "r1 = r6", "r1 = r6", "mov %r1, %r6" },
	{ { 0x0000000000000087 }, "r0 = -r0", "r0 = -r0", "neg %r0" },
	{ { 0x0000000000000084 }, "w0 = -w0", "w0 = -w0", "neg32 %r0" },
	{ { 0x00000000000821bf }, "r1 = (s8)r2", "r1 = (s8)r2", "movsx864 %r1, %r2" },
	{ { 0x00000000001021bc }, "w1 = (s16)w2", "w1 = (s16)w2", "movsx1632 %r1, %r2" },
	{ { 0x000000000001103f }, "r0 s/= r1", "r0 s/= r1", "sdiv %r0, %r1" },
	{ { 0x000000000001109f }, "r0 s%= r1", "r0 s%= r1", "smod %r0, %r1" },
	{ { 0x00000010000000dc }, "r0 = be16 r0", "r0 = be16 r0", "be16 %r0" },
	{ { 0x00000040000000d4 }, "r0 = le64 r0", "r0 = le64 r0", "le64 %r0" },
	{ { 0x00000010000000d7 }, "r0 = bswap16 r0", "r0 = bswap16 r0", "bswap16 %r0" },
	{ { 0x0000000500030125 }, "if r1 > 0x5 goto pc+3", "if r1 > 5 goto +3",
	  "jgt %r1, 5, +3" },
	{ { 0xfffffffffffd0125 }, "if r1 > 0xffffffff goto pc-3",
	  "if r1 > -1 goto -3", "jgt %r1, -1, -3" },
	{ { 0x00000000fffe211e }, "if w1 == w2 goto pc-2", "if w1 == w2 goto -2",
	  "jeq32 %r1, %r2, -2" },
	{ { 0x000000000001214d }, "if r1 & r2 goto pc+1", "if r1 & r2 goto +1",
	  "jset %r1, %r2, +1" },
	{ { 0x0000000000030005 }, "goto pc+3", "goto +3", "ja +3" },
	{ { 0x0000000700000006 }, "gotol pc+7", "gotol +7", "ja32 +7" },
	{ { 0x0000000100000085 }, "call 1", "call 1", "call 1" },
	{ { 0x0000000400001085 }, "call pc+4", "call pc+4", "call local +4" },
	{ { 0x0000007b00002085 }, "call kernel-function#123",
	  "call kernel-function#123", "call kfunc 123" },
	{ { 0x0000007b00022085 }, "call kernel-function#123 off:2",
	  "call kernel-function#123 off:2", "call kfunc 123, 2" },
	{ { 0x000000000000018d }, "callx r1", "callx r1", "call %r1" },
	{ { 0x0000000000000095 }, "exit", "exit", "exit" },
	{ { 0x0000000000000118, 0x0000000100000000 }, "r1 = 0x100000000",
	  "r1 = 4294967296 ll", "lddw %r1, 0x100000000" },
	{ { 0x0000123400000118, 0 }, "r1 = 0x1234", "r1 = 4660 ll",
	  "lddw %r1, 0x1234" },
	{ { 0xffffffff00000118, 0xffffffff00000000 }, "r1 = 0xffffffffffffffff",
	  "r1 = -1 ll", "lddw %r1, 0xffffffffffffffff" },
	{ { 0x0000000500001118, 0 }, "r1 = map[fd:5]", "ld_pseudo r1, 1, 5",
	  "lddw %r1, map[fd:5]" },
	{ { 0x0000000500002118, 0x0000000800000000 }, "r1 = map[fd:5][0]+8",
	  "r1 = map[fd:5][0]+8", "lddw %r1, map[fd:5][0]+8" },
	{ { 0x0000000300005118, 0 }, "r1 = map[idx:3]", "ld_pseudo r1, 5, 3",
	  "lddw %r1, map[idx:3]" },
	{ { 0x0000000300006118, 0x0000000800000000 }, "r1 = map[idx:3][0]+8",
	  "r1 = map[idx:3][0]+8", "lddw %r1, map[idx:3][0]+8" },
	{ { 0x0000000700003118, 0 }, "r1 = btf_id[7]", "ld_pseudo r1, 3, 7",
	  "lddw %r1, btf_id[7]" },
	{ { 0x0000000200004118, 0 }, "r1 = subprog[+2]", "ld_pseudo r1, 4, 2",
	  "lddw %r1, subprog[+2]" },
	{ { 0x0000000500001118, 0x0000000100000000 }, "r1 = pseudo(1, 0x100000005)",
	  "r1 = pseudo(1, 0x100000005)", "lddw %r1, pseudo(1, 0x100000005)" },
	{ { 0x00000000000021c3 }, "lock *(u32 *)(r1 +0) += r2",
	  "lock *(u32 *)(r1 + 0) += w2", "lock add32 [%r1+0], %r2" },
	{ { 0x00000050000021db }, "lock *(u64 *)(r1 +0) &= r2",
	  "lock *(u64 *)(r1 + 0) &= r2", "lock and [%r1+0], %r2" },
	{ { 0x00000001000021db }, "r2 = atomic64_fetch_add((u64 *)(r1 +0), r2)",
	  "r2 = atomic_fetch_add((u64 *)(r1 + 0), r2)", "lock fetch add [%r1+0], %r2" },
	{ { 0x00000041fff821c3 }, "r2 = atomic_fetch_or((u32 *)(r1 -8), r2)",
	  "w2 = atomic_fetch_or((u32 *)(r1 - 8), w2)", "lock fetch or32 [%r1-8], %r2" },
	{ { 0x000000e1000021db }, "r2 = atomic64_xchg((u64 *)(r1 +0), r2)",
	  "r2 = xchg_64(r1 + 0, r2)", "lock xchg [%r1+0], %r2" },
	{ { 0x000000f1000021db }, "r0 = atomic64_cmpxchg((u64 *)(r1 +0), r0, r2)",
	  "r0 = cmpxchg_64(r1 + 0, r0, r2)", "lock cmpxchg [%r1+0], %r2" },
	{ { 0x000000f1000421c3 }, "r0 = atomic_cmpxchg((u32 *)(r1 +4), r0, r2)",
	  "w0 = cmpxchg32_32(r1 + 4, w0, w2)", "lock cmpxchg32 [%r1+4], %r2" },
	{ { 0x0000000c00000028 }, "r0 = *(u16 *)skb[12]", "r0 = *(u16 *)skb[12]",
	  "ldabsh 12" },
	{ { 0x0000000e00007050 }, "r0 = *(u8 *)skb[r7 + 14]",
	  "r0 = *(u8 *)skb[r7 + 14]", "ldindb %r7, 14" },
	{ { 0x0000000000007040 }, "r0 = *(u32 *)skb[r7 + 0]",
	  "r0 = *(u32 *)skb[r7]", "ldindw %r7, 0" },
	{ { 0x0000000000001091 }, "r0 = *(s8 *)(r1 +0)", "r0 = *(s8 *)(r1 + 0)",
	  "ldxsb %r0, [%r1+0]" },
};

static void test_golden(void)
{
	for (size_t i = 0; i < sizeof(golden) / sizeof(golden[0]); i++) {
		const struct golden *g = &golden[i];
		struct bpf_insn in[2] = { insn_of(g->w[0]), insn_of(g->w[1]) };
		size_t cnt = bpf_insn_is_lddw(&in[0]) ? 2 : 1;
		const char *want[3] = { g->kernel, g->llvm, g->mnemonic };

		for (size_t k = 0; k < 3; k++) {
			char buf[256], err[256];
			struct bpf_insn *back = NULL;
			size_t nback = 0;
			int n = bpfvm_disasm_insn(in, cnt, 0, syntaxes[k], buf, sizeof(buf));

			CHECK_MSG(n == (int)cnt, "golden %zu %s: %d %s", i, syntax_names[k], n, buf);
			CHECK_STR(buf, want[k]);
			/* and the golden text assembles to the instruction */
			if (bpfvm_asm(want[k], "golden", &back, &nback, err, sizeof(err)))
				CHECK_MSG(0, "golden '%s': %s", want[k], err);
			else
				CHECK_MSG(same(in, cnt, back, nback), "golden '%s' assembles "
					  "to 0x%016" PRIx64, want[k], nback ? u64_of(back) : 0);
			free(back);
		}
	}
}

/* Texts the assembler accepts besides what the disassembler prints:
 * bpftool/verifier-log lines, llvm-mc forms, aliases. */
static const struct {
	const char *text;
	uint64_t w[3];
	size_t cnt;
} accepted[] = {
	{ "   0: (b7) r0 = 1", { 0x00000001000000b7 }, 1 },
	{ "1: (b7) r0 = 1                 ; R0_w=1", { 0x00000001000000b7 }, 1 },
	{ "  12: (85) call bpf_map_lookup_elem#1", { 0x0000000100000085 }, 1 },
	{ "   0: (18) r1 = map[id:5]\n       18 11 00 00 05 00 00 00 00 00 00 00 00 00 00 00",
	  { 0x0000000500001118, 0 }, 2 },
	{ "int func(struct __sk_buff * skb):\n; return 0;\n   0: (b7) r0 = 0\n   1: (95) exit",
	  { 0x00000000000000b7, 0x0000000000000095 }, 2 },
	{ "b.o:\tfile format elf64-bpf\n\nDisassembly of section .text:\n\n"
	  "0000000000000000 <f>:\n       0:\tb7 01 00 00 07 00 00 00\tr1 = 7\n"
	  "       1:\t05 00 ff ff 00 00 00 00\tgoto -1 <f>",
	  { 0x00000007000001b7, 0x00000000ffff0005 }, 2 },
	{ "r1 = 0x10 ll", { 0x0000001000000118, 0 }, 2 },
	{ "r0 = 0x7fffffff", { 0x7fffffff00000018, 0 }, 2 }, /* kernel lddw form */
	{ "r0 = 2147483647", { 0x7fffffff000000b7 }, 1 },
	{ "w0 = 0xffffffff", { 0xffffffff000000b4 }, 1 },
	{ "*(u32 *)(r10 - 8) = w1", { 0x00000000fff81a63 }, 1 },
	{ "w1 = *(u32 *)(r10 - 8)", { 0x00000000fff8a161 }, 1 },
	{ "r2 = atomic_fetch_add((u64 *)(r1 +0), r2)", { 0x00000001000021db }, 1 },
	{ "w2 = xchg32_32(r1 + 0, w2)", { 0x000000e1000021c3 }, 1 },
	{ "r1 = func pc+2", { 0x0000000200004118, 0 }, 2 },
	{ "r1 = func f\nf: exit", { 0x0000000100004118, 0, 0x95 }, 3 },
	{ "call kfunc#5", { 0x0000000500002085 }, 1 },
	{ "call f\nf: exit", { 0x0000000000001085, 0x95 }, 2 },
	{ "callx %r3", { 0x000000000000038d }, 1 },
	{ "ld_pseudo r1, 1, 5", { 0x0000000500001118, 0 }, 2 },
	{ "swap32 %r2", { 0x00000020000002d7 }, 1 },
	{ "movsx1664 %r0, %r1", { 0x00000000001010bf }, 1 },
	{ "lock fetch add64 [%r1], %r2", { 0x00000001000021db }, 1 },
	{ "stb [%r6], 0", { 0x0000000000000672 }, 1 },
	{ "jeq %r1, 0x5, +0 // c", { 0x0000000500000115 }, 1 },
	{ "loop: add %r0, 1 ; body\n ja loop", { 0x0000000100000007, 0x00000000fffe0005 }, 2 },
	{ "jne %r0, 0, exit\nexit\nexit", { 0x0000000000000055, 0x95, 0x95 }, 3 },
	{ "ja exit\nexit:\nmov %r0, 0\nexit", { 0x0000000000000005, 0xb7, 0x95 }, 3 },
};

static void test_accepted(void)
{
	for (size_t i = 0; i < sizeof(accepted) / sizeof(accepted[0]); i++) {
		struct bpf_insn want[3], *got = NULL;
		size_t n = 0;
		char err[256];

		for (size_t k = 0; k < accepted[i].cnt; k++)
			want[k] = insn_of(accepted[i].w[k]);
		if (bpfvm_asm(accepted[i].text, "t.s", &got, &n, err, sizeof(err)))
			CHECK_MSG(0, "'%s': %s", accepted[i].text, err);
		else
			CHECK_MSG(same(want, accepted[i].cnt, got, n),
				  "'%s' -> %zu insns, first 0x%016" PRIx64, accepted[i].text,
				  n, n ? u64_of(got) : 0);
		free(got);
	}
}

/* ---- 2. the whole opcode table ------------------------------------------ */

static const int16_t offs[] = { 0, 1, -1, 32767, -32768, 0x1234, -300 };
static const int32_t imms[] = { 0, 1, -1, INT32_MAX, INT32_MIN, 0x12345678,
				(int32_t)0xdeadbeef, 16 };
static const uint8_t regs[] = { 0, 1, 5, 9, 10 };

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* Sample k of table entry id (2 slots for lddw). */
static size_t sample(enum bpf_op_id id, unsigned k, struct bpf_insn in[2])
{
	const struct bpf_op_desc *d = &bpf_op_table[id];
	unsigned ops = bpf_kind_operands(d->kind);

	memset(in, 0, 2 * sizeof(*in));
	in[0].code = d->code;
	if (ops & BPF_FIELD_DST)
		in[0].dst_reg = regs[k % N(regs)];
	if (ops & BPF_FIELD_SRC)
		in[0].src_reg = regs[(k / 2 + 3) % N(regs)];
	if (ops & BPF_FIELD_OFF)
		in[0].off = offs[(k * 3) % N(offs)];
	if (ops & BPF_FIELD_IMM)
		in[0].imm = imms[(k * 5 + 1) % N(imms)];
	switch (d->disc) {
	case BPF_DISC_OFF: in[0].off = (int16_t)d->dval; break;
	case BPF_DISC_IMM: in[0].imm = d->dval; break;
	case BPF_DISC_SRC: in[0].src_reg = (uint8_t)d->dval; break;
	default: break;
	}
	if (d->kind == BPF_KIND_LDDW) {
		in[1].imm = imms[(k * 7 + 2) % N(imms)];
		return 2;
	}
	return 1;
}

static void test_table(void)
{
	unsigned entries = 0, refused = 0;

	for (int id = 1; id < BPF_OP__COUNT; id++) {
		const struct bpf_op_desc *d = &bpf_op_table[id];
		unsigned ops = bpf_kind_operands(d->kind), fields;
		char what[64];

		for (unsigned k = 0; k < 16; k++) {
			struct bpf_insn in[2];
			size_t cnt = sample((enum bpf_op_id)id, k, in);

			CHECK_MSG(bpf_op_decode(&in[0]) == (enum bpf_op_id)id, "%s", d->name);
			snprintf(what, sizeof(what), "%s#%u", d->name, k);
			roundtrip(in, cnt, what, k & 1 ? DECORATED : PLAIN);
		}
		entries++;
		/* A reserved field set: refused, naming the field. */
		fields = ops | (d->disc == BPF_DISC_OFF ? BPF_FIELD_OFF : 0) |
			 (d->disc == BPF_DISC_IMM ? BPF_FIELD_IMM : 0) |
			 (d->disc == BPF_DISC_SRC ? BPF_FIELD_SRC : 0);
		for (unsigned f = BPF_FIELD_DST; f <= BPF_FIELD_IMM; f <<= 1) {
			struct bpf_insn in[2];
			size_t cnt = sample((enum bpf_op_id)id, 0, in);
			char buf[256];

			if (fields & f)
				continue;
			if (f == BPF_FIELD_DST)
				in[0].dst_reg = 2;
			if (f == BPF_FIELD_SRC)
				in[0].src_reg = 2;
			if (f == BPF_FIELD_OFF)
				in[0].off = 2;
			if (f == BPF_FIELD_IMM)
				in[0].imm = 2;
			for (size_t k = 0; k < 3; k++) {
				int n = bpfvm_disasm_insn(in, cnt, 0, syntaxes[k], buf, sizeof(buf));

				CHECK_MSG(n == -EINVAL && strstr(buf, "invalid insn 0x") &&
					  strstr(buf, "reserved"), "%s field %u: %d %s",
					  d->name, f, n, buf);
			}
			refused++;
		}
		/* Registers out of range are refused. */
		if (ops & (BPF_FIELD_DST | BPF_FIELD_SRC)) {
			struct bpf_insn in[2];
			size_t cnt = sample((enum bpf_op_id)id, 0, in);
			char buf[256];

			if (ops & BPF_FIELD_DST)
				in[0].dst_reg = 11;
			else
				in[0].src_reg = 12;
			CHECK_MSG(bpfvm_disasm_insn(in, cnt, 0, BPFVM_SYNTAX_KERNEL, buf,
						    sizeof(buf)) == -EINVAL &&
				  strstr(buf, "register"), "%s: %s", d->name, buf);
		}
	}
	CHECK_U64(entries, BPF_OP__COUNT - 1);
	CHECK(refused > 100);
	fprintf(stderr, "table: %u entries x 16 samples round-trip in 3 syntaxes; "
		"%u reserved-field variants refused\n", entries, refused);
}

/* Random instructions: every one either round-trips or is refused; an
 * unknown opcode is always refused. Also a truncated lddw. */
static void test_random(void)
{
	uint64_t x = 0x9e3779b97f4a7c15ull;
	unsigned ok = 0, bad = 0, fails = 0;
	char buf[256];
	struct bpf_insn trunc = insn_of(0x0000000500000018);

	for (unsigned i = 0; i < 200000; i++) {
		struct bpf_insn in[2];
		size_t cnt;
		int n;

		x ^= x << 13; x ^= x >> 7; x ^= x << 17;
		in[0] = insn_of(x);
		/* bias towards valid ones: small regs, zero fields often */
		if (i & 1) {
			in[0].dst_reg &= 7;
			in[0].src_reg &= (i & 2) ? 7 : 0;
			in[0].off = (i & 4) ? 0 : in[0].off;
			in[0].imm = (i & 8) ? 0 : in[0].imm;
		}
		if (i & 16)
			in[0].off = (int16_t)(in[0].off & 0x3f);
		if (i & 32)
			in[0].imm &= 0xff;
		in[1] = insn_of((x >> 3) & 0xffffffff00000000ull);
		cnt = 2;
		n = bpfvm_disasm_insn(in, cnt, 0, (enum bpfvm_syntax)(i % 3), buf, sizeof(buf));
		if (bpf_op_decode(&in[0]) == BPF_OP_INVALID && n >= 0)
			fails++;
		if (n < 0) {
			if (strncmp(buf, "invalid insn 0x", 15))
				fails++;
			bad++;
			continue;
		}
		{
			struct bpf_insn *back = NULL;
			size_t nback = 0;
			char err[256];

			if (bpfvm_asm(buf, "rand", &back, &nback, err, sizeof(err)) ||
			    !same(in, (size_t)n, back, nback)) {
				if (fails++ < 5)
					fprintf(stderr, "random 0x%016" PRIx64 ": '%s' does not "
						"round-trip\n", u64_of(&in[0]), buf);
			}
			free(back);
		}
		ok++;
	}
	CHECK_MSG(fails == 0, "%u random instructions misbehaved", fails);
	CHECK(ok > 10000 && bad > 10000);
	CHECK(bpfvm_disasm_insn(&trunc, 1, 0, BPFVM_SYNTAX_KERNEL, buf, sizeof(buf)) == -EINVAL);
	CHECK(strstr(buf, "truncated lddw") != NULL);
	{
		struct bpf_insn two[2] = { trunc, insn_of(0x0000000000000100) };

		CHECK(bpfvm_disasm_insn(two, 2, 0, BPFVM_SYNTAX_LLVM, buf, sizeof(buf)) == -EINVAL);
		CHECK(strstr(buf, "second slot") != NULL);
		two[0] = insn_of(0x00000000000000ff);
		CHECK(bpfvm_disasm_insn(two, 2, 0, BPFVM_SYNTAX_MNEMONIC, buf, sizeof(buf)) == -EINVAL);
		CHECK(strstr(buf, "unknown opcode 0xff") != NULL);
		two[0] = insn_of(0x0000000000020037); /* div with off 2 */
		CHECK(bpfvm_disasm_insn(two, 2, 0, BPFVM_SYNTAX_KERNEL, buf, sizeof(buf)) == -EINVAL);
		CHECK(strstr(buf, "opcode 0x37 with off 2 is not defined") != NULL);
		CHECK(bpfvm_disasm_insn(two, 2, 5, BPFVM_SYNTAX_KERNEL, buf, sizeof(buf)) == -EINVAL);
	}
	fprintf(stderr, "random: %u round-tripped, %u refused\n", ok, bad);
}

/* ---- 3. conformance programs ----------------------------------------------- */

static char **files;
static size_t nfiles;

static int collect(const char *path, const struct stat *st, int type, struct FTW *f)
{
	size_t n = strlen(path);

	(void)st;
	(void)f;
	if (type == FTW_F && n > 5 && !strcmp(path + n - 5, ".data")) {
		char **nf = realloc(files, (nfiles + 1) * sizeof(*files));

		if (!nf || !(nf[nfiles] = strdup(path)))
			abort();
		files = nf;
		nfiles++;
	}
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	if (buf)
		buf[n] = 0;
	fclose(f);
	return buf;
}

static void test_conformance(void)
{
	const char *shared = getenv("BPFVM_SHARED") ? getenv("BPFVM_SHARED") : "../shared";
	char dir[4096];
	unsigned asm_ok = 0, raw_eq = 0, raw_rt = 0, raw_bad = 0, expect_err = 0;
	unsigned n_asm = 0, n_rejected = 0;
	struct sbuf rejected = { 0 }, structural = { 0 }, undis = { 0 };

	snprintf(dir, sizeof(dir), "%s/conformance", shared);
	if (access(dir, R_OK)) {
		SKIP("conformance data not found at %s (set BPFVM_SHARED)", dir);
		return;
	}
	sb_add(&rejected, "");
	sb_add(&structural, "");
	sb_add(&undis, "");
	nftw(dir, collect, 16, FTW_PHYS);
	qsort(files, nfiles, sizeof(*files), cmp_str);
	CHECK(nfiles >= 390);
	for (size_t i = 0; i < nfiles; i++) {
		const char *path = files[i], *name = strstr(path, "conformance/");
		char err[512];
		struct bpf_testdata td;
		char *text;
		struct bpf_insn *insns = NULL;
		size_t cnt = 0;

		name = name ? name + 12 : path;
		text = slurp(path);
		if (!text || bpf_testdata_parse(text, path, &td, err, sizeof(err))) {
			CHECK_MSG(0, "%s: cannot read: %s", path, text ? err : "I/O error");
			free(text);
			continue;
		}
		free(text);
		expect_err += td.expect_error != 0;
		if (td.asm_text) {
			n_asm++;
			if (bpfvm_asm(td.asm_text, name, &insns, &cnt, err, sizeof(err))) {
				/* Only programs that expect an error may be rejected. */
				CHECK_MSG(td.expect_error, "%s does not assemble: %s", name, err);
				sb_add(&rejected, "\n    ");
				sb_add(&rejected, err);
				n_rejected++;
			} else {
				char why[256];

				if (td.expect_error &&
				    bpf_insns_check(insns, cnt, why, sizeof(why))) {
					sb_add(&structural, "\n    ");
					sb_add(&structural, name);
					sb_add(&structural, ": ");
					sb_add(&structural, why);
				}
				if (roundtrip(insns, cnt, name, PLAIN) &&
				    roundtrip(insns, cnt, name, DECORATED))
					asm_ok++;
				if (td.raw) {
					int eq = cnt == td.nr_raw;

					for (size_t k = 0; eq && k < cnt; k++)
						eq = u64_of(&insns[k]) == td.raw[k];
					CHECK_MSG(eq, "%s: -- asm differs from -- raw", name);
					raw_eq += eq;
				}
			}
			free(insns);
		} else if (td.raw) {
			/* Raw-only programs: those the disassembler accepts round-trip. */
			struct bpf_insn *r = malloc((td.nr_raw ? td.nr_raw : 1) * sizeof(*r));
			char why[256];
			char *t;

			if (!r)
				abort();
			for (size_t k = 0; k < td.nr_raw; k++)
				r[k] = insn_of(td.raw[k]);
			t = disasm_prog(r, td.nr_raw, BPFVM_SYNTAX_KERNEL, PLAIN, why, sizeof(why));
			if (t) {
				raw_rt += roundtrip(r, td.nr_raw, name, PLAIN);
			} else {
				CHECK_MSG(td.expect_error, "%s: %s", name, why);
				raw_bad++;
				sb_add(&undis, "\n    ");
				sb_add(&undis, name);
				sb_add(&undis, ": ");
				sb_add(&undis, why);
			}
			free(t);
			free(r);
		}
		bpf_testdata_free(&td);
	}
	fprintf(stderr, "conformance: %zu files; %u '-- asm' programs round-trip in 3 "
		"syntaxes (plain and decorated); %u '-- raw' equal the assembly; "
		"%u raw-only round-trip; %u raw-only refused by the disassembler; "
		"%u expect an error\n", nfiles, asm_ok, raw_eq, raw_rt, raw_bad, expect_err);
	fprintf(stderr, "  rejected by the assembler (all expect an error):%s\n", rejected.p);
	fprintf(stderr, "  assembled, rejected by bpf_insns_check:%s\n", structural.p);
	fprintf(stderr, "  raw-only, refused by the disassembler:%s\n", undis.p);
	/* Every program that assembles round-trips; nearly all assemble. */
	CHECK_U64(asm_ok, n_asm - n_rejected);
	CHECK(asm_ok >= 380 && n_rejected <= 2);
	for (size_t i = 0; i < nfiles; i++)
		free(files[i]);
	free(files);
	free(rejected.p);
	free(structural.p);
	free(undis.p);
}

/* ---- 4. llvm-mc / llvm-objdump ------------------------------------------- */

static int have_tool(const char *name)
{
	char cmd[256];

	snprintf(cmd, sizeof(cmd), "command -v %s >/dev/null 2>&1", name);
	return system(cmd) == 0;
}

/* Whitespace-normalized copy without llvm-objdump's " <sym+0x..>". */
static void normalize(const char *in, char *out, size_t sz)
{
	size_t n = 0;
	char *lt;

	for (; *in && n + 1 < sz; in++) {
		char c = *in == '\t' ? ' ' : *in;

		if (c == '\n' || c == '\r')
			break;
		if (c == ' ' && (n == 0 || out[n - 1] == ' '))
			continue;
		out[n++] = c;
	}
	while (n && out[n - 1] == ' ')
		n--;
	out[n] = 0;
	lt = strrchr(out, '<');
	if (lt && lt > out && lt[-1] == ' ' && out[n - 1] == '>')
		lt[-1] = 0;
}

/* Runs llvm-objdump on obj; texts[slot] = normalized text of each insn. */
static int objdump(const char *dir, const char *obj, const char *extra,
		   char **texts, size_t nslots)
{
	char cmd[1024], line[1024];
	FILE *p;

	snprintf(cmd, sizeof(cmd), "llvm-objdump -d -z --no-show-raw-insn %s %s/%s",
		 extra, dir, obj);
	p = popen(cmd, "r");
	if (!p)
		return -1;
	while (fgets(line, sizeof(line), p)) {
		char *colon, *end;
		unsigned long idx = strtoul(line, &end, 10);

		colon = end;
		if (end == line || *colon != ':' || idx >= nslots)
			continue;
		normalize(colon + 1, line, sizeof(line));
		free(texts[idx]);
		texts[idx] = strdup(line);
	}
	return pclose(p) == 0 ? 0 : -1;
}

static int run(const char *cmd)
{
	int r = system(cmd);

	return r == 0 ? 0 : -1;
}

/* Deliberate differences from llvm 14's text (see disasm.c). */
static int llvm_differs(const struct bpf_insn *in)
{
	const struct bpf_op_desc *d = &bpf_op_table[bpf_op_decode(in)];

	switch (d->kind) {
	case BPF_KIND_CALL_LOCAL: /* llvm: "call N" as for a helper */
	case BPF_KIND_CALL_KFUNC:
	case BPF_KIND_CALLX:      /* llvm 14 reads the register from imm */
		return 1;
	case BPF_KIND_LDIND:      /* llvm 14 prints skb[rN] without the imm */
		return in->imm != 0;
	case BPF_KIND_LDDW:       /* llvm's ld_pseudo shows only the low imm */
		return in->src_reg && in[1].imm;
	default:
		return 0;
	}
}

static void test_llvm(void)
{
	char dir[] = "/tmp/bpfvm-test-asm-XXXXXX", path[512], cmd[2048];
	struct bpf_insn *prog = NULL;
	size_t nslots = 0, cap = 0, compared = 0, unknown = 0, differ = 0, mc_cmp = 0;
	char **plain = NULL, **alu32 = NULL;
	FILE *f;

	if (!have_tool("llvm-mc") || !have_tool("llvm-objdump") ||
	    !have_tool("llvm-objcopy")) {
		SKIP("llvm-mc/llvm-objdump/llvm-objcopy not installed");
		return;
	}
	if (!mkdtemp(dir)) {
		SKIP("mkdtemp failed");
		return;
	}
	/* All table samples, as one object built from .quad words. */
	for (int id = 1; id < BPF_OP__COUNT; id++) {
		for (unsigned k = 0; k < 6; k++) {
			struct bpf_insn in[2];
			size_t c = sample((enum bpf_op_id)id, k, in);

			if (nslots + 2 > cap) {
				cap = cap ? cap * 2 : 512;
				prog = realloc(prog, cap * sizeof(*prog));
				if (!prog)
					abort();
			}
			memcpy(prog + nslots, in, c * sizeof(*in));
			nslots += c;
		}
	}
	snprintf(path, sizeof(path), "%s/q.s", dir);
	f = fopen(path, "w");
	if (!f)
		abort();
	fprintf(f, ".text\n.globl f\nf:\n");
	for (size_t i = 0; i < nslots; i++)
		fprintf(f, ".quad 0x%016" PRIx64 "\n", u64_of(&prog[i]));
	fclose(f);
	snprintf(cmd, sizeof(cmd), "llvm-mc -triple bpfel -filetype=obj %s/q.s -o %s/q.o",
		 dir, dir);
	CHECK(run(cmd) == 0);
	plain = calloc(nslots, sizeof(*plain));
	alu32 = calloc(nslots, sizeof(*alu32));
	CHECK(objdump(dir, "q.o", "", plain, nslots) == 0);
	CHECK(objdump(dir, "q.o", "--mattr=+alu32", alu32, nslots) == 0);

	/* (a) llvm-objdump's text == our llvm text. Collect the matching ones
	 * for (b) and (c). */
	f = fopen(path, "w"); /* reuse q.s: our llvm text for llvm-mc */
	{
		struct bpf_insn *kept = calloc(nslots, sizeof(*kept));
		size_t nkept = 0;
		char tpath[512];
		FILE *qt;

		snprintf(tpath, sizeof(tpath), "%s/kept.s", dir);
		qt = fopen(tpath, "w");
		if (!kept || !qt || !f)
			abort();
		fprintf(qt, ".text\n.globl f\nf:\n");
		for (size_t i = 0; i < nslots;) {
			char ours[256];
			int n = bpfvm_disasm_insn(prog, nslots, i, BPFVM_SYNTAX_LLVM, ours,
						  sizeof(ours));
			const char *theirs = prog[i].code == 0xc3 ? alu32[i] : plain[i];

			if (n < 0)
				abort();
			const struct bpf_op_desc *d = &bpf_op_table[bpf_op_decode(&prog[i])];

			/* llvm 14 does not decode the v4 variants told apart by
			 * off (sdiv, smod, movsx): it prints them as div, mod, mov. */
			if (!theirs || !strcmp(theirs, "<unknown>") ||
			    (d->disc == BPF_DISC_OFF && d->dval)) {
				unknown++;
			} else if (llvm_differs(&prog[i])) {
				differ++;
			} else {
				CHECK_MSG(!strcmp(ours, theirs), "insn 0x%016" PRIx64
					  ": ours '%s', llvm-objdump '%s'",
					  u64_of(&prog[i]), ours, theirs);
				compared++;
				fprintf(f, "%s\n", ours);
				for (int s = 0; s < n; s++) {
					fprintf(qt, ".quad 0x%016" PRIx64 "\n", u64_of(&prog[i + s]));
					kept[nkept++] = prog[i + s];
				}
			}
			i += (size_t)n;
		}
		fclose(f);
		fclose(qt);
		fprintf(stderr, "llvm-objdump: %zu insns compared, %zu unknown to llvm 14, "
			"%zu deliberately printed differently\n", compared, unknown, differ);
		CHECK(compared >= 300);

		/* (b) llvm-mc assembles our llvm text to our bytes. Lines it cannot
		 * parse (llvm 14 lacks parsers for some forms it prints) are
		 * dropped after a first pass that lists them. */
		{
			char *src = slurp(path), *line, *save = NULL, ep[512];
			char *errs, *o;
			size_t nl = 0, keptn = 0;
			struct bpf_insn *want = calloc(nkept, sizeof(*want));
			unsigned char *bad;
			FILE *p, *g;

			snprintf(cmd, sizeof(cmd), "llvm-mc -triple bpfel -mattr=+alu32 "
				 "-filetype=obj %s/q.s -o %s/m.o 2>&1 | grep -o "
				 "'q.s:[0-9]*:' | cut -d: -f2", dir, dir);
			for (char *c = src; c && *c; c++)
				nl += *c == '\n';
			bad = calloc(nl + 2, 1);
			p = popen(cmd, "r");
			while (p && fgets(ep, sizeof(ep), p)) {
				unsigned long ln = strtoul(ep, NULL, 10);

				if (ln && ln <= nl)
					bad[ln - 1] = 1;
			}
			if (p)
				pclose(p);
			snprintf(ep, sizeof(ep), "%s/m.s", dir);
			g = fopen(ep, "w");
			/* walk our text lines alongside the kept instructions */
			{
				size_t slot = 0, ln = 0;

				for (line = strtok_r(src, "\n", &save); line;
				     line = strtok_r(NULL, "\n", &save), ln++) {
					int n = bpf_insn_is_lddw(&kept[slot]) ? 2 : 1;

					if (!bad[ln]) {
						fprintf(g, "%s\n", line);
						for (int s = 0; s < n; s++)
							want[keptn++] = kept[slot + s];
					}
					slot += (size_t)n;
				}
			}
			fclose(g);
			snprintf(cmd, sizeof(cmd), "llvm-mc -triple bpfel -mattr=+alu32 "
				 "-filetype=obj %s/m.s -o %s/m.o && llvm-objcopy -O binary "
				 "--only-section=.text %s/m.o %s/m.bin", dir, dir, dir, dir);
			CHECK(run(cmd) == 0);
			snprintf(ep, sizeof(ep), "%s/m.bin", dir);
			errs = slurp(ep);
			o = errs;
			if (o) {
				FILE *bf = fopen(ep, "rb");
				unsigned char b8[8];
				size_t got = 0;

				while (bf && fread(b8, 1, 8, bf) == 8) {
					uint64_t v = 0;

					for (int j = 7; j >= 0; j--)
						v = v << 8 | b8[j];
					if (got < keptn) {
						CHECK_MSG(v == u64_of(&want[got]), "llvm-mc slot %zu: "
							  "0x%016" PRIx64 ", ours 0x%016" PRIx64,
							  got, v, u64_of(&want[got]));
						mc_cmp++;
					}
					got++;
				}
				if (bf)
					fclose(bf);
				CHECK_U64(got, keptn);
			}
			fprintf(stderr, "llvm-mc: %zu slots of our llvm text assembled by "
				"llvm-mc compared\n", mc_cmp);
			CHECK(mc_cmp >= 250);
			free(errs);
			free(src);
			free(bad);
			free(want);
		}

		/* (c) llvm-objdump's full listing (headers, bytes, symbols) pasted
		 * into bpfvm_asm gives the bytes back. */
		{
			char *listing, err[512];
			struct bpf_insn *back = NULL;
			size_t nback = 0;

			snprintf(cmd, sizeof(cmd), "llvm-mc -triple bpfel -filetype=obj "
				 "%s/kept.s -o %s/kept.o && llvm-objdump -d -z --mattr=+alu32 %s/kept.o "
				 "> %s/kept.txt", dir, dir, dir, dir);
			CHECK(run(cmd) == 0);
			snprintf(tpath, sizeof(tpath), "%s/kept.txt", dir);
			listing = slurp(tpath);
			CHECK(listing != NULL);
			if (listing) {
				if (bpfvm_asm(listing, "kept.txt", &back, &nback, err, sizeof(err)))
					CHECK_MSG(0, "llvm-objdump listing: %s", err);
				else
					CHECK_MSG(same(kept, nkept, back, nback),
						  "llvm-objdump listing reassembles differently");
			}
			free(back);
			free(listing);
		}
		free(kept);
	}
	for (size_t i = 0; i < nslots; i++) {
		free(plain[i]);
		free(alu32[i]);
	}
	free(plain);
	free(alu32);
	free(prog);
	if (getenv("BPFVM_TEST_KEEP")) { /* for debugging: keep the files */
		fprintf(stderr, "llvm files kept in %s\n", dir);
	} else {
		snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
		run(cmd);
	}
}

/* ---- 5. error messages ----------------------------------------------------- */

static void test_errors(void)
{
	static const struct {
		const char *text, *want;
	} bad[] = {
		{ "foo %r0, 1", "t.s:1:1: error: unknown mnemonic 'foo'" },
		{ "mov %r11, 1", "t.s:1:5: error: invalid register %r11" },
		{ "exit\nr11 = 1", "t.s:2:1: error: invalid register r11" },
		{ "if r1 > r12 goto +1", "t.s:1:9: error: invalid register r12" },
		{ "add32 %r0, 0x100000000", "t.s:1:12: error: immediate 4294967296 out of range" },
		{ "r1 += -2147483649", "t.s:1:7: error: immediate -2147483649 out of range" },
		{ "ja nowhere", "t.s:1:4: error: unknown label 'nowhere'" },
		{ "ja +40000", "t.s:1:4: error: jump offset 40000 out of range [-32768, 32767]" },
		{ "goto pc-32769", "t.s:1:8: error: jump offset -32769 out of range" },
		{ "exit now", "t.s:1:6: error: unexpected 'now' after the instruction" },
		{ "r0 = 1 2", "t.s:1:8: error: unexpected '2' after the instruction" },
		{ "ldxw %r0, [%r1+40000]", "t.s:1:15: error: offset 40000 out of range" },
		{ "r0 = *(u128 *)(r1 +0)", "t.s:1:8: error: no load of type 'u128'" },
		{ "lock *(u8 *)(r1 +0) += r2", "t.s:1:8: error: atomic operations are u32 or u64" },
		{ "r1 = -r2", "t.s:1:7: error: neg works in place" },
		{ "w1 = r2", "t.s:1:6: error: both registers must be rN or wN" },
		{ "mov %r0, 1\nmov %r0, @", "t.s:2:10: error: unexpected character '@'" },
		{ "a:\n\na: exit", "t.s:3:1: error: label 'a' defined twice (first on line 1)" },
		{ "lddw %r0, 0x10000000000000000", "t.s:1:11: error: number does not fit in 64 bits" },
		{ "w1 = 0x5 ll", "t.s:1:6: error: lddw loads a 64-bit register" },
		{ "r1 = (s64)r2", "t.s:1:7: error: no 64-bit move sign-extends from 64 bits" },
		{ "movsx3232 %r0, %r1", "t.s:1:1: error: unknown mnemonic 'movsx3232'" },
		{ "r0 = 1\n...", "t.s:2:1: error: llvm-objdump left out zero bytes" },
		{ "r2 = atomic64_fetch_add((u64 *)(r1 +0), r3)",
		  "t.s:1:41: error: the result register must be the source register r2" },
		{ "r0 = atomic64_cmpxchg((u64 *)(r1 +0), r1, r2)",
		  "t.s:1:39: error: cmpxchg compares with and returns r0" },
		{ "lock fetch nand [%r1+0], %r2", "t.s:1:1: error: unknown mnemonic 'lock fetch nand'" },
		{ "call local", "t.s:1:11: error: expected a number, found end of line" },
		{ "jeq %r1 5, +1", "t.s:1:9: error: expected ',', found '5'" },
		{ "r0 = be24 r0", "t.s:1:6: error: unexpected 'be24'" },
		{ "r1 = map[fd:1", "t.s:1:14: error: expected ']', found end of line" },
		{ "r1 = pseudo(99, 1)", "t.s:1:6: error: pseudo source 99 out of range" },
		{ "r1 = pseudo(9, 1)", "t.s:1:1: error: unknown lddw pseudo source 9" },
		{ "r0 = *(u64 *)skb[12]", "t.s:1:8: error: no packet load of type 'u64'" },
		{ "r1 = *(u16 *)skb[12]", "t.s:1:1: error: packet loads always write r0" },
		{ "r1 %%= 3", "t.s:1:4: error: unexpected character '%'" },
		{ "r1 ^^ 3", "t.s:1:4: error: unexpected character '^'" },
		{ "r1 == 3", "t.s:1:4: error: unknown operator '=='" },
		{ "if r1 += 3 goto +1", "t.s:1:7: error: unknown comparison '+='" },
		{ "gotol +2147483648", "t.s:1:7: error: target offset 2147483648 out of range" },
		{ "0x1g", "t.s:1:1: error: invalid number" },
		{ "\x01", "t.s:1:1: error: unexpected byte" },
	};
	char far[256];
	struct sbuf big = { 0 };

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct bpf_insn *insns = (struct bpf_insn *)1;
		size_t cnt = 7;
		char err[256];
		int ret = bpfvm_asm(bad[i].text, "t.s", &insns, &cnt, err, sizeof(err));

		CHECK_MSG(ret == -EINVAL && !insns && !cnt, "'%s' assembled", bad[i].text);
		CHECK_MSG(ret && strstr(err, bad[i].want), "'%s': got '%s', want '%s'",
			  bad[i].text, err, bad[i].want);
	}
	/* A label too far for a 16-bit jump is rejected, not truncated; the
	 * same distance works for gotol (32-bit). */
	sb_add(&big, "ja far\ngotol far\n");
	for (int i = 0; i < 33000; i++)
		sb_add(&big, "mov %r0, 0\n");
	sb_add(&big, "far: exit\n");
	{
		struct bpf_insn *insns = NULL;
		size_t cnt = 0;
		char err[256];

		CHECK(bpfvm_asm(big.p, "far.s", &insns, &cnt, err, sizeof(err)) == -EINVAL);
		CHECK_MSG(strstr(err, "far.s:1:4: error: jump offset 33001 to 'far' out of range"),
			  "%s", err);
		big.p[0] = '#'; /* comment out the ja */
		CHECK(bpfvm_asm(big.p, "far.s", &insns, &cnt, err, sizeof(err)) == 0);
		CHECK_U64(cnt, 33002);
		CHECK(cnt == 33002 && insns[0].imm == 33000);
		free(insns);
	}
	free(big.p);
	snprintf(far, sizeof(far), "ja +32767\nja -32768\ngotol -2147483648");
	{
		struct bpf_insn *insns = NULL;
		size_t cnt = 0;
		char err[256];

		CHECK(bpfvm_asm(far, "t.s", &insns, &cnt, err, sizeof(err)) == 0);
		CHECK(cnt == 3 && insns[0].off == 32767 && insns[1].off == -32768 &&
		      insns[2].imm == INT32_MIN);
		free(insns);
	}
	/* Empty input is an empty program. */
	{
		struct bpf_insn *insns = NULL;
		size_t cnt = 5;
		char err[64];

		CHECK(bpfvm_asm("# nothing\n\n", "e.s", &insns, &cnt, err, sizeof(err)) == 0);
		CHECK(cnt == 0 && insns != NULL);
		free(insns);
	}
	CHECK(bpfvm_syntax_parse("kernel") == BPFVM_SYNTAX_KERNEL);
	CHECK(bpfvm_syntax_parse("llvm") == BPFVM_SYNTAX_LLVM);
	CHECK(bpfvm_syntax_parse("mnemonic") == BPFVM_SYNTAX_MNEMONIC);
	CHECK(bpfvm_syntax_parse("gas") == -1);
}

int main(void)
{
	test_golden();
	test_accepted();
	test_table();
	test_random();
	test_errors();
	test_conformance();
	test_llvm();
	return test_summary();
}
