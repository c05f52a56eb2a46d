/* SPDX-License-Identifier: MIT */
/*
 * test_decode.c - bpf_op_decode() and bpf_insns_check() against RFC 9669.
 *
 * The list of valid instructions below is written from the RFC's opcode
 * rules (class, operation, source, and the fields that tell variants apart),
 * not from src/isa/opcodes.h, so that the table and this list check each
 * other: every RFC instruction decodes to a table entry with its opcode, no
 * two decode to the same entry, every table entry is one of them, and every
 * other opcode byte decodes to nothing. The structural checker is then fed
 * one program holding every valid instruction (accepted) and a list of
 * broken programs (rejected with "insn N:" naming the culprit): unknown
 * opcodes, reserved fields, bad registers, writes to r10, jumps and calls
 * out of range or into the middle of an lddw, incomplete lddw, and a last
 * instruction that is neither exit nor jump.
 */
#include <errno.h>
#include <stdlib.h>

#include "test.h"
#include "bpfvm/bpfvm.h"
#include "isa/isa.h"

#ifndef BPF_MEMSX
#define BPF_MEMSX 0x80 /* sign-extending load mode (RFC 9669 5.2) */
#endif

/* Brace initializer for tables; mk() for expressions. */
#define INSN(c, d, s, o, i) \
	{ .code = (c), .dst_reg = (d), .src_reg = (s), .off = (o), .imm = (i) }

static struct bpf_insn mk(uint8_t c, uint8_t d, uint8_t s, int16_t o, int32_t i)
{
	struct bpf_insn in = INSN(c, d, s, o, i);

	return in;
}

/* ---- the RFC's list of instructions ------------------------------------
 * Operand form of each instruction, which says which fields are operands
 * (and so which registers to fill in when building a valid instance). */
enum form {
	F_ALU_K,   /* dst, imm */
	F_ALU_X,   /* dst, src */
	F_NEG,     /* dst */
	F_END,     /* dst, imm = width */
	F_JA,      /* off */
	F_JA32,    /* imm */
	F_JK,      /* dst, imm, off */
	F_JX,      /* dst, src, off */
	F_CALL,    /* imm, src = kind */
	F_CALLX,   /* dst */
	F_EXIT,
	F_LDDW,    /* dst, src = pseudo kind, 2 slots */
	F_ABS,     /* imm */
	F_IND,     /* src, imm */
	F_LDX,     /* dst, src, off */
	F_ST,      /* dst, off, imm */
	F_STX,     /* dst, src, off */
	F_ATOMIC,  /* dst, src, off, imm = op */
};

struct rfc_insn {
	uint8_t code;
	int16_t off;   /* discriminating values where the RFC uses them */
	int32_t imm;
	uint8_t src;
	enum form form;
};

static struct rfc_insn rfc[256];
static size_t nr_rfc;

static void add(uint8_t code, int16_t off, int32_t imm, uint8_t src, enum form f)
{
	rfc[nr_rfc++] = (struct rfc_insn){ code, off, imm, src, f };
}

/* RFC 9669 section 4 (arithmetic and jump) and 5 (load and store). */
static void build_rfc_list(void)
{
	static const uint8_t alu_ops[] = { BPF_ADD, BPF_SUB, BPF_MUL, BPF_OR,
		BPF_AND, BPF_LSH, BPF_RSH, BPF_XOR, BPF_ARSH };
	static const uint8_t jcc_ops[] = { BPF_JEQ, BPF_JGT, BPF_JGE, BPF_JSET,
		BPF_JNE, BPF_JSGT, BPF_JSGE, BPF_JLT, BPF_JLE, BPF_JSLT, BPF_JSLE };
	static const uint8_t sizes[] = { BPF_B, BPF_H, BPF_W, BPF_DW };
	static const int32_t atomic_ops[] = { BPF_ADD, BPF_ADD | BPF_FETCH,
		BPF_OR, BPF_OR | BPF_FETCH, BPF_AND, BPF_AND | BPF_FETCH, BPF_XOR,
		BPF_XOR | BPF_FETCH, BPF_XCHG, BPF_CMPXCHG };

	for (int cls = 0; cls < 2; cls++) {
		uint8_t c = cls ? BPF_ALU64 : BPF_ALU;

		for (size_t i = 0; i < sizeof(alu_ops); i++) {
			add(c | alu_ops[i] | BPF_K, 0, 0, 0, F_ALU_K);
			add(c | alu_ops[i] | BPF_X, 0, 0, 0, F_ALU_X);
		}
		/* DIV and MOD: off 0 unsigned, off 1 signed. */
		for (int16_t off = 0; off <= 1; off++) {
			add(c | BPF_DIV | BPF_K, off, 0, 0, F_ALU_K);
			add(c | BPF_DIV | BPF_X, off, 0, 0, F_ALU_X);
			add(c | BPF_MOD | BPF_K, off, 0, 0, F_ALU_K);
			add(c | BPF_MOD | BPF_X, off, 0, 0, F_ALU_X);
		}
		/* MOV: K plain; X plain or sign-extending by off = 8, 16 (32 in ALU64). */
		add(c | BPF_MOV | BPF_K, 0, 0, 0, F_ALU_K);
		add(c | BPF_MOV | BPF_X, 0, 0, 0, F_ALU_X);
		add(c | BPF_MOV | BPF_X, 8, 0, 0, F_ALU_X);
		add(c | BPF_MOV | BPF_X, 16, 0, 0, F_ALU_X);
		if (cls)
			add(c | BPF_MOV | BPF_X, 32, 0, 0, F_ALU_X);
		add(c | BPF_NEG | BPF_K, 0, 0, 0, F_NEG);
		for (int32_t w = 16; w <= 64; w *= 2) {
			if (cls) {   /* ALU64 | END | TO_LE: unconditional bswap */
				add(c | BPF_END | BPF_TO_LE, 0, w, 0, F_END);
			} else {
				add(c | BPF_END | BPF_TO_LE, 0, w, 0, F_END);
				add(c | BPF_END | BPF_TO_BE, 0, w, 0, F_END);
			}
		}
	}
	add(BPF_JMP | BPF_JA, 0, 0, 0, F_JA);
	add(BPF_JMP32 | BPF_JA, 0, 0, 0, F_JA32);
	for (int cls = 0; cls < 2; cls++) {
		uint8_t c = cls ? BPF_JMP32 : BPF_JMP;

		for (size_t i = 0; i < sizeof(jcc_ops); i++) {
			add(c | jcc_ops[i] | BPF_K, 0, 0, 0, F_JK);
			add(c | jcc_ops[i] | BPF_X, 0, 0, 0, F_JX);
		}
	}
	add(BPF_JMP | BPF_CALL, 0, 0, 0, F_CALL);                      /* helper */
	add(BPF_JMP | BPF_CALL, 0, 0, BPF_PSEUDO_CALL, F_CALL);        /* local */
	add(BPF_JMP | BPF_CALL, 0, 0, BPF_PSEUDO_KFUNC_CALL, F_CALL);  /* kfunc */
	/* callx: not in RFC 9669, but emitted by LLVM (BPF_CALL | BPF_X) and
	 * known to bpfvm as an extension. */
	add(BPF_JMP | BPF_CALL | BPF_X, 0, 0, 0, F_CALLX);
	add(BPF_JMP | BPF_EXIT, 0, 0, 0, F_EXIT);
	for (uint8_t s = 0; s <= 6; s++)   /* RFC 9669 5.4: src 0..6 */
		add(BPF_LD | BPF_IMM | BPF_DW, 0, 0, s, F_LDDW);
	for (size_t i = 0; i < 3; i++) {   /* legacy packet loads: B, H, W */
		add(BPF_LD | BPF_ABS | sizes[i], 0, 0, 0, F_ABS);
		add(BPF_LD | BPF_IND | sizes[i], 0, 0, 0, F_IND);
	}
	for (size_t i = 0; i < 4; i++) {
		add(BPF_LDX | BPF_MEM | sizes[i], 0, 0, 0, F_LDX);
		if (sizes[i] != BPF_DW)
			add(BPF_LDX | BPF_MEMSX | sizes[i], 0, 0, 0, F_LDX);
		add(BPF_ST | BPF_MEM | sizes[i], 0, 0, 0, F_ST);
		add(BPF_STX | BPF_MEM | sizes[i], 0, 0, 0, F_STX);
	}
	for (size_t i = 0; i < sizeof(atomic_ops) / sizeof(atomic_ops[0]); i++) {
		add(BPF_STX | BPF_ATOMIC | BPF_W, 0, atomic_ops[i], 0, F_ATOMIC);
		add(BPF_STX | BPF_ATOMIC | BPF_DW, 0, atomic_ops[i], 0, F_ATOMIC);
	}
}

/* A valid instance of r: operands filled in (dst r1, src r2), jump and call
 * targets pointing at the next instruction. Writes 1 or 2 slots. */
static size_t make_insn(const struct rfc_insn *r, struct bpf_insn *out)
{
	struct bpf_insn in = INSN(r->code, 0, 0, 0, 0);

	switch (r->form) {
	case F_ALU_K:  in.dst_reg = 1; in.off = r->off; in.imm = 3; break;
	case F_ALU_X:  in.dst_reg = 1; in.src_reg = 2; in.off = r->off; break;
	case F_NEG:    in.dst_reg = 1; break;
	case F_END:    in.dst_reg = 1; in.imm = r->imm; break;
	case F_JA:     break;
	case F_JA32:   break;
	case F_JK:     in.dst_reg = 1; in.imm = -5; break;
	case F_JX:     in.dst_reg = 1; in.src_reg = 2; break;
	case F_CALL:   in.src_reg = r->src; in.imm = r->src == BPF_PSEUDO_CALL ? 0 : 1; break;
	case F_CALLX:  in.dst_reg = 1; break;
	case F_EXIT:   break;
	case F_LDDW:
		in.dst_reg = 1; in.src_reg = r->src; in.imm = 7;
		out[0] = in;
		out[1] = mk(0, 0, 0, 0, 9);
		return 2;
	case F_ABS:    in.imm = 4; break;
	case F_IND:    in.src_reg = 2; in.imm = 4; break;
	case F_LDX:    in.dst_reg = 1; in.src_reg = 2; in.off = -8; break;
	case F_ST:     in.dst_reg = 10; in.off = -8; in.imm = 1; break;
	case F_STX:    in.dst_reg = 10; in.src_reg = 2; in.off = -8; break;
	case F_ATOMIC: in.dst_reg = 10; in.src_reg = 2; in.off = -8; in.imm = r->imm; break;
	}
	out[0] = in;
	return 1;
}

static void test_table_against_rfc(void)
{
	static unsigned char seen[BPF_OP__COUNT];
	static unsigned char code_valid[256];

	for (size_t i = 0; i < nr_rfc; i++) {
		struct bpf_insn in[2];
		enum bpf_op_id id;

		make_insn(&rfc[i], in);
		id = bpf_op_decode(&in[0]);
		CHECK_MSG(id != BPF_OP_INVALID, "RFC insn code 0x%02x off %d imm %d src %d "
			  "does not decode", rfc[i].code, rfc[i].off, rfc[i].imm, rfc[i].src);
		if (id == BPF_OP_INVALID)
			continue;
		CHECK_MSG(bpf_op_table[id].code == rfc[i].code,
			  "0x%02x decodes to %s (code 0x%02x)", rfc[i].code,
			  bpf_op_table[id].name, bpf_op_table[id].code);
		CHECK_MSG(!seen[id], "two RFC insns decode to %s (code 0x%02x off %d imm %d src %d)",
			  bpf_op_table[id].name, rfc[i].code, rfc[i].off, rfc[i].imm, rfc[i].src);
		seen[id] = 1;
		code_valid[rfc[i].code] = 1;
	}
	/* Every table entry is an RFC instruction (or the callx extension). */
	for (int id = 1; id < BPF_OP__COUNT; id++)
		CHECK_MSG(seen[id], "table entry %s (code 0x%02x) is not an RFC 9669 instruction",
			  bpf_op_table[id].name, bpf_op_table[id].code);
	CHECK_U64(nr_rfc, BPF_OP__COUNT - 1);

	/* Every other opcode byte is unknown, whatever the other fields say. */
	for (int code = 0; code < 256; code++) {
		static const int16_t offs[] = { 0, 1, 8, 16, 32 };
		static const int32_t imms[] = { 0, 1, 16, 32, 64, 0xe1, 0xf1 };
		int any = 0;

		for (size_t o = 0; o < sizeof(offs) / sizeof(offs[0]); o++)
			for (size_t m = 0; m < sizeof(imms) / sizeof(imms[0]); m++)
				for (uint8_t s = 0; s <= 6; s++) {
					struct bpf_insn in = INSN(code, 1, s, offs[o], imms[m]);

					if (bpf_op_decode(&in) != BPF_OP_INVALID)
						any = 1;
				}
		CHECK_MSG(any == code_valid[code], "opcode 0x%02x: decodable %d, RFC says %d",
			  code, any, code_valid[code]);
	}
}

/* Every table entry, built from its own fields, decodes to itself. */
static void test_table_self_decode(void)
{
	for (int id = 1; id < BPF_OP__COUNT; id++) {
		const struct bpf_op_desc *d = &bpf_op_table[id];
		struct bpf_insn in = INSN(d->code, 1, 2, 0, 0);

		switch (d->disc) {
		case BPF_DISC_OFF: in.off = (int16_t)d->dval; break;
		case BPF_DISC_IMM: in.imm = d->dval; break;
		case BPF_DISC_SRC: in.src_reg = (uint8_t)d->dval; break;
		default: break;
		}
		CHECK_MSG(bpf_op_decode(&in) == (enum bpf_op_id)id, "%s does not decode to itself",
			  d->name);
		CHECK(d->name && d->name[0] && d->mnem && d->mnem[0]);
	}
	{
		struct bpf_insn zero = INSN(0, 0, 0, 0, 0);

		CHECK(bpf_op_decode(&zero) == BPF_OP_INVALID);
	}
}

/* Discriminating fields with values the RFC does not define. */
static void test_unknown_variants(void)
{
	static const struct { const char *what; struct bpf_insn in; } bad[] = {
		{ "div64 off 2",        INSN(BPF_ALU64 | BPF_DIV | BPF_K, 1, 0, 2, 3) },
		{ "div64 off -1",       INSN(BPF_ALU64 | BPF_DIV | BPF_X, 1, 2, -1, 0) },
		{ "mod32 off 2",        INSN(BPF_ALU | BPF_MOD | BPF_X, 1, 2, 2, 0) },
		{ "movsx64 off 7",      INSN(BPF_ALU64 | BPF_MOV | BPF_X, 1, 2, 7, 0) },
		{ "movsx64 off 64",     INSN(BPF_ALU64 | BPF_MOV | BPF_X, 1, 2, 64, 0) },
		{ "movsx32 off 32",     INSN(BPF_ALU | BPF_MOV | BPF_X, 1, 2, 32, 0) },
		{ "le width 8",         INSN(BPF_ALU | BPF_END | BPF_TO_LE, 1, 0, 0, 8) },
		{ "be width 0",         INSN(BPF_ALU | BPF_END | BPF_TO_BE, 1, 0, 0, 0) },
		{ "bswap width 128",    INSN(BPF_ALU64 | BPF_END | BPF_TO_LE, 1, 0, 0, 128) },
		{ "atomic sub",         INSN(BPF_STX | BPF_ATOMIC | BPF_DW, 1, 2, 0, BPF_SUB) },
		{ "atomic xchg no fetch", INSN(BPF_STX | BPF_ATOMIC | BPF_DW, 1, 2, 0, 0xe0) },
		{ "atomic cmpxchg no fetch", INSN(BPF_STX | BPF_ATOMIC | BPF_W, 1, 2, 0, 0xf0) },
		{ "atomic fetch mul",   INSN(BPF_STX | BPF_ATOMIC | BPF_W, 1, 2, 0, BPF_MUL | BPF_FETCH) },
		{ "call src 3",         INSN(BPF_JMP | BPF_CALL, 0, 3, 0, 1) },
		{ "lddw src 7",         INSN(BPF_LD | BPF_IMM | BPF_DW, 1, 7, 0, 0) },
		{ "atomic byte",        INSN(BPF_STX | BPF_ATOMIC | BPF_B, 1, 2, 0, BPF_ADD) },
		{ "atomic half",        INSN(BPF_STX | BPF_ATOMIC | BPF_H, 1, 2, 0, BPF_ADD) },
		{ "ldxs dw",            INSN(BPF_LDX | BPF_MEMSX | BPF_DW, 1, 2, 0, 0) },
		{ "ld abs dw",          INSN(BPF_LD | BPF_ABS | BPF_DW, 0, 0, 0, 0) },
		{ "ld imm w",           INSN(BPF_LD | BPF_IMM | BPF_W, 1, 0, 0, 0) },
		{ "neg X",              INSN(BPF_ALU64 | BPF_NEG | BPF_X, 1, 2, 0, 0) },
		{ "bswap X",            INSN(BPF_ALU64 | BPF_END | BPF_X, 1, 0, 0, 16) },
		{ "ja X",               INSN(BPF_JMP | BPF_JA | BPF_X, 0, 0, 0, 0) },
		{ "exit X",             INSN(BPF_JMP | BPF_EXIT | BPF_X, 0, 0, 0, 0) },
		{ "jmp32 call",         INSN(BPF_JMP32 | BPF_CALL, 0, 0, 0, 1) },
		{ "jmp32 exit",         INSN(BPF_JMP32 | BPF_EXIT, 0, 0, 0, 0) },
		{ "alu op 0xe0",        INSN(BPF_ALU64 | 0xe0 | BPF_K, 1, 0, 0, 0) },
		{ "jmp op 0xe0",        INSN(BPF_JMP | 0xe0 | BPF_K, 1, 0, 0, 0) },
		{ "ldx imm mode",       INSN(BPF_LDX | BPF_IMM | BPF_W, 1, 2, 0, 0) },
		{ "st atomic mode",     INSN(BPF_ST | BPF_ATOMIC | BPF_W, 1, 0, 0, 0) },
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct bpf_insn prog[2] = { bad[i].in, mk(BPF_JMP | BPF_EXIT, 0, 0, 0, 0) };
		char err[128] = "";

		CHECK_MSG(bpf_op_decode(&bad[i].in) == BPF_OP_INVALID, "%s decodes as %s",
			  bad[i].what, bpf_op_table[bpf_op_decode(&bad[i].in)].name);
		CHECK_MSG(bpf_insns_check(prog, 2, err, sizeof(err)) == -EINVAL &&
			  !strncmp(err, "insn 0:", 7), "%s: check says \"%s\"", bad[i].what, err);
	}
}

/* One program holding every valid instruction is accepted. */
static void test_all_valid_accepted(void)
{
	struct bpf_insn prog[512];
	size_t n = 0;
	char err[160] = "";
	int ret;

	for (size_t i = 0; i < nr_rfc; i++)
		n += make_insn(&rfc[i], &prog[n]);
	prog[n++] = mk(BPF_JMP | BPF_EXIT, 0, 0, 0, 0);
	/* Local calls go to a one-insn subprogram after the main one (a call
	 * target starts a subprogram, which the caller's code may not run into). */
	prog[n++] = mk(BPF_JMP | BPF_EXIT, 0, 0, 0, 0);
	for (size_t i = 0; i < n - 1; i++)
		if (prog[i].code == (BPF_JMP | BPF_CALL) && prog[i].src_reg == BPF_PSEUDO_CALL)
			prog[i].imm = (int32_t)(n - 1 - i - 1);
	ret = bpf_insns_check(prog, n, err, sizeof(err));
	CHECK_MSG(ret == 0, "all-valid program rejected: %d %s", ret, err);

	/* Each alone, followed by exit, too. */
	for (size_t i = 0; i < nr_rfc; i++) {
		struct bpf_insn p[4];
		size_t k = make_insn(&rfc[i], p);

		p[k++] = mk(BPF_JMP | BPF_EXIT, 0, 0, 0, 0);
		if (p[0].code == (BPF_JMP | BPF_CALL) && p[0].src_reg == BPF_PSEUDO_CALL) {
			p[0].imm = 1;
			p[k++] = mk(BPF_JMP | BPF_EXIT, 0, 0, 0, 0);
		}
		err[0] = 0;
		ret = bpf_insns_check(p, k, err, sizeof(err));
		CHECK_MSG(ret == 0, "code 0x%02x off %d imm %d src %d rejected: %s",
			  rfc[i].code, rfc[i].off, rfc[i].imm, rfc[i].src, err);
	}
}

/* ---- broken programs ---------------------------------------------------- */

#define EXIT_INSN  INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0)
#define MOV64K(d, k) INSN(BPF_ALU64 | BPF_MOV | BPF_K, d, 0, 0, k)
#define LDDW1(d, k)  INSN(BPF_LD | BPF_IMM | BPF_DW, d, 0, 0, k)
#define LDDW2(k)     INSN(0, 0, 0, 0, k)

struct bad_case {
	const char *name;
	struct bpf_insn prog[8];
	size_t n;
	int idx;      /* instruction the message must name */
	int idx_alt;  /* also acceptable (-1: none) */
};

#define P(...) .prog = { __VA_ARGS__ }, \
	.n = sizeof((struct bpf_insn[]){ __VA_ARGS__ }) / sizeof(struct bpf_insn)

static const struct bad_case bad_cases[] = {
	{ "unknown opcode 0xff", P(MOV64K(0, 0), MOV64K(1, 0), INSN(0xff, 0, 0, 0, 0), EXIT_INSN), 2, -1 },
	{ "unknown opcode 0x00", P(INSN(0x00, 0, 0, 0, 0), EXIT_INSN), 0, -1 },
	{ "unknown opcode 0x8f (neg64 X)", P(MOV64K(0, 0), INSN(0x8f, 0, 1, 0, 0), EXIT_INSN), 1, -1 },
	/* registers */
	{ "dst r11", P(MOV64K(0, 0), MOV64K(11, 1), EXIT_INSN), 1, -1 },
	{ "dst r15 alu X", P(MOV64K(0, 0), INSN(BPF_ALU64 | BPF_ADD | BPF_X, 15, 1, 0, 0), EXIT_INSN), 1, -1 },
	{ "src r11 alu X", P(MOV64K(0, 0), INSN(BPF_ALU64 | BPF_ADD | BPF_X, 0, 11, 0, 0), EXIT_INSN), 1, -1 },
	{ "src r12 ldx", P(MOV64K(0, 0), INSN(BPF_LDX | BPF_MEM | BPF_W, 0, 12, 0, 0), EXIT_INSN), 1, -1 },
	{ "dst r11 jmp X", P(INSN(BPF_JMP | BPF_JEQ | BPF_X, 11, 0, 0, 0), EXIT_INSN), 0, -1 },
	{ "src r11 stx", P(MOV64K(0, 0), INSN(BPF_STX | BPF_MEM | BPF_DW, 10, 11, -8, 0), EXIT_INSN), 1, -1 },
	/* reserved fields */
	{ "add64 K with src", P(INSN(BPF_ALU64 | BPF_ADD | BPF_K, 0, 1, 0, 1), EXIT_INSN), 0, -1 },
	{ "add64 K with off", P(INSN(BPF_ALU64 | BPF_ADD | BPF_K, 0, 0, 1, 1), EXIT_INSN), 0, -1 },
	{ "add32 X with imm", P(INSN(BPF_ALU | BPF_ADD | BPF_X, 0, 1, 0, 5), EXIT_INSN), 0, -1 },
	{ "mov64 K with off 8", P(INSN(BPF_ALU64 | BPF_MOV | BPF_K, 0, 0, 8, 1), EXIT_INSN), 0, -1 },
	{ "movsx with imm", P(INSN(BPF_ALU64 | BPF_MOV | BPF_X, 0, 1, 8, 1), EXIT_INSN), 0, -1 },
	{ "neg with imm", P(MOV64K(0, 0), INSN(BPF_ALU64 | BPF_NEG, 0, 0, 0, 3), EXIT_INSN), 1, -1 },
	{ "neg with src", P(MOV64K(0, 0), INSN(BPF_ALU | BPF_NEG, 0, 1, 0, 0), EXIT_INSN), 1, -1 },
	{ "be16 with src", P(MOV64K(0, 0), INSN(BPF_ALU | BPF_END | BPF_TO_BE, 0, 1, 0, 16), EXIT_INSN), 1, -1 },
	{ "bswap with off", P(MOV64K(0, 0), INSN(BPF_ALU64 | BPF_END, 0, 0, 1, 32), EXIT_INSN), 1, -1 },
	{ "exit with imm", P(MOV64K(0, 0), INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 1)), 1, -1 },
	{ "exit with dst", P(MOV64K(0, 0), INSN(BPF_JMP | BPF_EXIT, 1, 0, 0, 0)), 1, -1 },
	{ "ja with imm", P(MOV64K(0, 0), INSN(BPF_JMP | BPF_JA, 0, 0, 0, 1), EXIT_INSN), 1, -1 },
	{ "ja with dst", P(MOV64K(0, 0), INSN(BPF_JMP | BPF_JA, 2, 0, 0, 0), EXIT_INSN), 1, -1 },
	{ "gotol with off", P(MOV64K(0, 0), INSN(BPF_JMP32 | BPF_JA, 0, 0, 1, 0), EXIT_INSN), 1, -1 },
	{ "jeq K with src", P(MOV64K(0, 0), INSN(BPF_JMP | BPF_JEQ | BPF_K, 0, 1, 0, 0), EXIT_INSN), 1, -1 },
	{ "jeq32 X with imm", P(MOV64K(0, 0), INSN(BPF_JMP32 | BPF_JEQ | BPF_X, 0, 1, 0, 7), EXIT_INSN), 1, -1 },
	{ "call with dst", P(INSN(BPF_JMP | BPF_CALL, 1, 0, 0, 1), EXIT_INSN), 0, -1 },
	{ "call with off", P(INSN(BPF_JMP | BPF_CALL, 0, 0, 1, 1), EXIT_INSN), 0, -1 },
	{ "ldx with imm", P(INSN(BPF_LDX | BPF_MEM | BPF_DW, 0, 10, -8, 1), EXIT_INSN), 0, -1 },
	{ "st with src", P(MOV64K(0, 0), INSN(BPF_ST | BPF_MEM | BPF_W, 10, 1, -8, 1), EXIT_INSN), 1, -1 },
	{ "stx with imm", P(MOV64K(0, 0), INSN(BPF_STX | BPF_MEM | BPF_W, 10, 0, -8, 1), EXIT_INSN), 1, -1 },
	{ "ld_abs with dst", P(INSN(BPF_LD | BPF_ABS | BPF_W, 1, 0, 0, 0), EXIT_INSN), 0, -1 },
	{ "ld_abs with src", P(INSN(BPF_LD | BPF_ABS | BPF_B, 0, 1, 0, 0), EXIT_INSN), 0, -1 },
	{ "ld_ind with off", P(INSN(BPF_LD | BPF_IND | BPF_H, 0, 1, 1, 0), EXIT_INSN), 0, -1 },
	{ "lddw with off", P(INSN(BPF_LD | BPF_IMM | BPF_DW, 0, 0, 1, 0), LDDW2(0), EXIT_INSN), 0, -1 },
	/* writes to the frame pointer */
	{ "mov r10", P(MOV64K(0, 0), MOV64K(10, 0), EXIT_INSN), 1, -1 },
	{ "add r10", P(MOV64K(0, 0), INSN(BPF_ALU64 | BPF_ADD | BPF_K, 10, 0, 0, 8), EXIT_INSN), 1, -1 },
	{ "mov32 r10", P(INSN(BPF_ALU | BPF_MOV | BPF_X, 10, 1, 0, 0), EXIT_INSN), 0, -1 },
	{ "movsx r10", P(INSN(BPF_ALU64 | BPF_MOV | BPF_X, 10, 1, 8, 0), EXIT_INSN), 0, -1 },
	{ "neg r10", P(MOV64K(0, 0), INSN(BPF_ALU64 | BPF_NEG, 10, 0, 0, 0), EXIT_INSN), 1, -1 },
	{ "be64 r10", P(MOV64K(0, 0), INSN(BPF_ALU | BPF_END | BPF_TO_BE, 10, 0, 0, 64), EXIT_INSN), 1, -1 },
	{ "ldx into r10", P(MOV64K(0, 0), INSN(BPF_LDX | BPF_MEM | BPF_DW, 10, 1, 0, 0), EXIT_INSN), 1, -1 },
	{ "lddw into r10", P(MOV64K(0, 0), LDDW1(10, 1), LDDW2(0), EXIT_INSN), 1, -1 },
	{ "atomic fetch into r10", P(MOV64K(0, 0),
		INSN(BPF_STX | BPF_ATOMIC | BPF_DW, 1, 10, 0, BPF_ADD | BPF_FETCH), EXIT_INSN), 1, -1 },
	{ "atomic xchg into r10", P(MOV64K(0, 0),
		INSN(BPF_STX | BPF_ATOMIC | BPF_W, 1, 10, 0, BPF_XCHG), EXIT_INSN), 1, -1 },
	/* jump and call targets */
	{ "ja past end", P(MOV64K(0, 0), INSN(BPF_JMP | BPF_JA, 0, 0, 1, 0), EXIT_INSN), 1, -1 },
	{ "ja far past end", P(MOV64K(0, 0), INSN(BPF_JMP | BPF_JA, 0, 0, 0x7fff, 0), EXIT_INSN), 1, -1 },
	{ "ja before start", P(MOV64K(0, 0), INSN(BPF_JMP | BPF_JA, 0, 0, -3, 0), EXIT_INSN), 1, -1 },
	{ "jeq past end", P(MOV64K(0, 0), MOV64K(1, 0),
		INSN(BPF_JMP | BPF_JEQ | BPF_K, 0, 0, 1, 0), EXIT_INSN), 2, -1 },
	{ "jslt32 before start", P(MOV64K(0, 0),
		INSN(BPF_JMP32 | BPF_JSLT | BPF_X, 0, 1, -0x8000, 0), EXIT_INSN), 1, -1 },
	{ "gotol past end", P(MOV64K(0, 0), INSN(BPF_JMP32 | BPF_JA, 0, 0, 0, 5), EXIT_INSN), 1, -1 },
	{ "gotol before start", P(MOV64K(0, 0), INSN(BPF_JMP32 | BPF_JA, 0, 0, 0, -0x7fffffff), EXIT_INSN), 1, -1 },
	{ "call local past end", P(MOV64K(0, 0),
		INSN(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_CALL, 0, 1), EXIT_INSN), 1, -1 },
	{ "call local before start", P(MOV64K(0, 0),
		INSN(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_CALL, 0, -3), EXIT_INSN), 1, -1 },
	/* lddw pairs */
	{ "ja into lddw", P(INSN(BPF_JMP | BPF_JA, 0, 0, 1, 0), LDDW1(0, 1), LDDW2(2), EXIT_INSN), 0, -1 },
	{ "jne back into lddw", P(LDDW1(0, 1), LDDW2(2),
		INSN(BPF_JMP | BPF_JNE | BPF_K, 0, 0, -2, 0), EXIT_INSN), 2, -1 },
	{ "call into lddw", P(INSN(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_CALL, 0, 2),
		EXIT_INSN, LDDW1(0, 1), LDDW2(2), EXIT_INSN), 0, -1 },
	{ "gotol into lddw", P(INSN(BPF_JMP32 | BPF_JA, 0, 0, 0, 1), LDDW1(0, 1), LDDW2(2), EXIT_INSN), 0, -1 },
	{ "incomplete lddw at end", P(MOV64K(0, 0), EXIT_INSN, LDDW1(0, 1)), 2, -1 },
	{ "lddw second slot has code", P(LDDW1(0, 1), INSN(BPF_ALU64 | BPF_MOV | BPF_K, 0, 0, 0, 0), EXIT_INSN), 0, 1 },
	{ "lddw second slot has dst", P(LDDW1(0, 1), INSN(0, 1, 0, 0, 0), EXIT_INSN), 0, 1 },
	{ "lddw second slot has src", P(LDDW1(0, 1), INSN(0, 0, 1, 0, 0), EXIT_INSN), 0, 1 },
	{ "lddw second slot has off", P(LDDW1(0, 1), INSN(0, 0, 0, 1, 0), EXIT_INSN), 0, 1 },
	/* subprograms (the kernel's check_subprogs rules) */
	{ "jump out of a subprogram", P(INSN(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_CALL, 0, 2),
		MOV64K(0, 0), EXIT_INSN, INSN(BPF_JMP | BPF_JA, 0, 0, -2, 0)), 3, -1 },
	{ "jump into a subprogram", P(INSN(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_CALL, 0, 2),
		INSN(BPF_JMP | BPF_JA, 0, 0, 2, 0), EXIT_INSN, MOV64K(0, 1), EXIT_INSN), 1, -1 },
	{ "main falls into a subprogram", P(INSN(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_CALL, 0, 1),
		MOV64K(0, 0), EXIT_INSN), 1, -1 },
	/* end of program */
	{ "last insn is alu", P(MOV64K(0, 0), INSN(BPF_ALU64 | BPF_ADD | BPF_K, 0, 0, 0, 1)), 1, -1 },
	{ "last insn is cond jump", P(MOV64K(0, 0), EXIT_INSN,
		INSN(BPF_JMP | BPF_JEQ | BPF_K, 0, 0, -2, 0)), 2, -1 },
	{ "last insn is call", P(MOV64K(0, 0), INSN(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_CALL, 0, -2)), 1, -1 },
	{ "last insn is lddw", P(MOV64K(0, 0), LDDW1(0, 1), LDDW2(2)), 1, 2 },
};

static int names_insn(const char *err, int idx)
{
	char want[32];

	snprintf(want, sizeof(want), "insn %d:", idx);
	return strstr(err, want) != NULL;
}

static void test_bad_programs(void)
{
	for (size_t i = 0; i < sizeof(bad_cases) / sizeof(bad_cases[0]); i++) {
		const struct bad_case *c = &bad_cases[i];
		char err[160];
		int ret;

		memset(err, 0, sizeof(err));
		ret = bpf_insns_check(c->prog, c->n, err, sizeof(err));
		CHECK_MSG(ret == -EINVAL, "%s: returned %d (%s)", c->name, ret, err);
		CHECK_MSG(names_insn(err, c->idx) || (c->idx_alt >= 0 && names_insn(err, c->idx_alt)),
			  "%s: message \"%s\" does not name insn %d", c->name, err, c->idx);
		CHECK_MSG(strlen(err) > strlen("insn 0: "), "%s: message too short: \"%s\"", c->name, err);
		/* Without an error buffer: same result, no crash. */
		CHECK_U64(bpf_insns_check(c->prog, c->n, NULL, 0), (uint64_t)(int64_t)ret);
		/* A tiny buffer is NUL-terminated and never overrun. */
		if (ret) {
			char small[12];

			memset(small, 'x', sizeof(small));
			bpf_insns_check(c->prog, c->n, small, 6);
			CHECK_MSG(memchr(small, 0, 6) != NULL && small[6] == 'x',
				  "%s: small buffer mishandled", c->name);
		}
	}
}

/* Programs the structural checks must accept. */
static void test_good_programs(void)
{
	static const struct { const char *name; struct bpf_insn prog[8]; size_t n; } good[] = {
		{ "exit only", P(EXIT_INSN) },
		{ "ends in ja (loop)", P(MOV64K(0, 0), INSN(BPF_JMP | BPF_JA, 0, 0, -2, 0)) },
		{ "ends in gotol", P(MOV64K(0, 0), EXIT_INSN, INSN(BPF_JMP32 | BPF_JA, 0, 0, 0, -2)) },
		{ "jump over lddw", P(INSN(BPF_JMP | BPF_JA, 0, 0, 2, 0), LDDW1(0, 1), LDDW2(2), EXIT_INSN) },
		{ "jump to lddw start", P(INSN(BPF_JMP | BPF_JA, 0, 0, 0, 0), LDDW1(0, 1), LDDW2(2), EXIT_INSN) },
		{ "jump to last insn", P(INSN(BPF_JMP | BPF_JEQ | BPF_K, 1, 0, 1, 0), MOV64K(0, 0), EXIT_INSN) },
		{ "back jump to first", P(MOV64K(0, 0), INSN(BPF_JMP | BPF_JNE | BPF_K, 0, 0, -2, 0), EXIT_INSN) },
		{ "call local", P(INSN(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_CALL, 0, 1), EXIT_INSN,
			MOV64K(0, 1), EXIT_INSN) },
		{ "store through r10", P(INSN(BPF_STX | BPF_MEM | BPF_DW, 10, 1, -8, 0),
			INSN(BPF_ST | BPF_MEM | BPF_DW, 10, 0, -16, 1), EXIT_INSN) },
		{ "read r10", P(INSN(BPF_ALU64 | BPF_MOV | BPF_X, 0, 10, 0, 0), EXIT_INSN) },
		{ "atomic add of r10 (no fetch)", P(
			INSN(BPF_STX | BPF_ATOMIC | BPF_DW, 10, 10, -8, BPF_ADD), EXIT_INSN) },
		{ "lddw with high imm", P(LDDW1(0, -1), LDDW2(-1), EXIT_INSN) },
	};

	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		char err[160] = "";
		int ret = bpf_insns_check(good[i].prog, good[i].n, err, sizeof(err));

		CHECK_MSG(ret == 0, "%s rejected: %d %s", good[i].name, ret, err);
	}
}

static void test_sizes(void)
{
	char err[160] = "";
	struct bpf_insn *big;
	size_t max = BPFVM_MAX_INSNS; /* the kernel's BPF_COMPLEXITY_LIMIT_INSNS */

	CHECK(bpf_insns_check(NULL, 0, err, sizeof(err)) < 0);
	CHECK(err[0] != 0);

	big = calloc(max + 1, sizeof(*big));
	if (!big) {
		SKIP("no memory for the size test");
		return;
	}
	for (size_t i = 0; i <= max; i++)
		big[i] = mk(BPF_ALU64 | BPF_MOV | BPF_K, 0, 0, 0, 1);
	big[max - 1] = mk(BPF_JMP | BPF_EXIT, 0, 0, 0, 0);
	err[0] = 0;
	CHECK_MSG(bpf_insns_check(big, max, err, sizeof(err)) == 0,
		  "program of the maximum size rejected: %s", err);
	big[max] = mk(BPF_JMP | BPF_EXIT, 0, 0, 0, 0);
	err[0] = 0;
	CHECK_MSG(bpf_insns_check(big, max + 1, err, sizeof(err)) == -E2BIG,
		  "program one insn over the limit: %s", err);
	free(big);
}

int main(void)
{
	build_rfc_list();
	test_table_against_rfc();
	test_table_self_decode();
	test_unknown_variants();
	test_all_valid_accepted();
	test_bad_programs();
	test_good_programs();
	test_sizes();
	return test_summary();
}
