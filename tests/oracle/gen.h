/* SPDX-License-Identifier: MIT */
/*
 * gen.h - eBPF program builder and seeded random program generator for the
 * kernel differential test (tests/oracle/test_kernel_diff.c includes it; it
 * is header-only so that the Makefile's test_*.c rule needs no change).
 *
 * The builder (struct pb) appends instructions and resolves forward and
 * backward labels for jumps, gotol and bpf-to-bpf calls. The generator
 * (gen_program) writes programs the kernel verifier accepts by construction:
 * every register is initialised before use, stack reads only touch a 64-byte
 * area per frame that the prologue initialises, constant shifts stay below
 * the operand width, constant divisors are non-zero, branches only go
 * forward except the back edge of a counted loop (r9/r8 as counter, 1..4
 * iterations), and every subprogram is called. Inputs that the verifier must
 * not know come from __sk_buff->cb[] (r1 is the context): a = *(u64 *)cb[0],
 * b = *(u64 *)cb[2], c = cb[4], read in the main prologue only.
 * Raw opcode values are spelled out here (not taken from src/isa) so that the
 * test does not share its encoding knowledge with the code under test.
 */
#ifndef BPFVM_TESTS_ORACLE_GEN_H
#define BPFVM_TESTS_ORACLE_GEN_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <linux/bpf.h>

/* ISA v4 names older uapi headers lack. */
#ifndef BPF_MEMSX
#define BPF_MEMSX 0x80
#endif
#define G_SDIV_OFF 1                 /* off = 1 turns div/mod into sdiv/smod */

/* Offsets of the inputs inside struct __sk_buff. */
#define G_CB_A  ((int16_t)offsetof(struct __sk_buff, cb[0]))
#define G_CB_B  ((int16_t)offsetof(struct __sk_buff, cb[2]))
#define G_CB_C  ((int16_t)offsetof(struct __sk_buff, cb[4]))

static inline struct bpf_insn mk(uint8_t code, uint8_t dst, uint8_t src,
				 int16_t off, int32_t imm)
{
	struct bpf_insn i;
	memset(&i, 0, sizeof(i));
	i.code = code;
	i.dst_reg = dst & 0xf;
	i.src_reg = src & 0xf;
	i.off = off;
	i.imm = imm;
	return i;
}

#define ALU64_K(op, d, k)   mk(BPF_ALU64 | (op) | BPF_K, d, 0, 0, k)
#define ALU64_X(op, d, s)   mk(BPF_ALU64 | (op) | BPF_X, d, s, 0, 0)
#define ALU32_K(op, d, k)   mk(BPF_ALU | (op) | BPF_K, d, 0, 0, k)
#define ALU32_X(op, d, s)   mk(BPF_ALU | (op) | BPF_X, d, s, 0, 0)
#define MOV64_K(d, k)       ALU64_K(BPF_MOV, d, k)
#define MOV64_X(d, s)       ALU64_X(BPF_MOV, d, s)
#define LDX(sz, d, s, o)    mk(BPF_LDX | BPF_MEM | (sz), d, s, o, 0)
#define LDXSX(sz, d, s, o)  mk(BPF_LDX | BPF_MEMSX | (sz), d, s, o, 0)
#define STX(sz, d, s, o)    mk(BPF_STX | BPF_MEM | (sz), d, s, o, 0)
#define ST(sz, d, o, k)     mk(BPF_ST | BPF_MEM | (sz), d, 0, o, k)
#define ATOMIC(sz, d, s, o, op) mk(BPF_STX | BPF_ATOMIC | (sz), d, s, o, op)
#define EXIT_INSN()         mk(BPF_JMP | BPF_EXIT, 0, 0, 0, 0)
#define NOP_INSN()          mk(BPF_JMP | BPF_JA, 0, 0, 0, 0)

static inline int g_is_lddw(const struct bpf_insn *i)
{
	return i->code == (BPF_LD | BPF_IMM | BPF_DW);
}

/* ---- builder ------------------------------------------------------------ */

enum { PB_FIX_OFF, PB_FIX_IMM };     /* which field a label resolves into */

struct pb {
	struct bpf_insn *insn;
	int n, cap;
	int *lab;                        /* label -> insn index, -1 unbound */
	int nlab, labcap;
	struct { int at, label, kind; } *fix;
	int nfix, fixcap;
	int err;                         /* allocation or resolution failure */
};

static void *pb_grow(void *p, int *cap, int need, size_t elem, int *err)
{
	if (need <= *cap)
		return p;
	int nc = *cap ? *cap * 2 : 64;
	while (nc < need)
		nc *= 2;
	void *q = realloc(p, (size_t)nc * elem);
	if (!q) {
		*err = 1;
		return p;
	}
	*cap = nc;
	return q;
}

static void pb_init(struct pb *p) { memset(p, 0, sizeof(*p)); }

static void pb_free(struct pb *p)
{
	free(p->insn);
	free(p->lab);
	free(p->fix);
	memset(p, 0, sizeof(*p));
}

static void pb_emit(struct pb *p, struct bpf_insn i)
{
	p->insn = pb_grow(p->insn, &p->cap, p->n + 1, sizeof(*p->insn), &p->err);
	if (p->n < p->cap)
		p->insn[p->n++] = i;
}

static int pb_label(struct pb *p)
{
	p->lab = pb_grow(p->lab, &p->labcap, p->nlab + 1, sizeof(*p->lab), &p->err);
	if (p->nlab >= p->labcap)
		return 0;
	p->lab[p->nlab] = -1;
	return p->nlab++;
}

static void pb_bind(struct pb *p, int l) { if (l < p->nlab) p->lab[l] = p->n; }

static void pb_fix(struct pb *p, int label, int kind)
{
	p->fix = pb_grow(p->fix, &p->fixcap, p->nfix + 1, sizeof(*p->fix), &p->err);
	if (p->nfix >= p->fixcap)
		return;
	p->fix[p->nfix].at = p->n - 1;
	p->fix[p->nfix].label = label;
	p->fix[p->nfix].kind = kind;
	p->nfix++;
}

/* Conditional or unconditional jump (code includes class, op and src). */
static void pb_jmp(struct pb *p, uint8_t code, int dst, int src, int32_t imm, int l)
{
	pb_emit(p, mk(code, (uint8_t)dst, (uint8_t)src, 0, imm));
	pb_fix(p, l, PB_FIX_OFF);
}

static void pb_ja(struct pb *p, int l) { pb_jmp(p, BPF_JMP | BPF_JA, 0, 0, 0, l); }

/* gotol: BPF_JMP32 | BPF_JA with a 32-bit offset in imm. */
static void pb_gotol(struct pb *p, int l)
{
	pb_emit(p, mk(BPF_JMP32 | BPF_JA, 0, 0, 0, 0));
	pb_fix(p, l, PB_FIX_IMM);
}

static void pb_call(struct pb *p, int l)
{
	pb_emit(p, mk(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_CALL, 0, 0));
	pb_fix(p, l, PB_FIX_IMM);
}

static void pb_lddw(struct pb *p, int dst, uint64_t v)
{
	pb_emit(p, mk(BPF_LD | BPF_IMM | BPF_DW, (uint8_t)dst, 0, 0, (int32_t)(uint32_t)v));
	pb_emit(p, mk(0, 0, 0, 0, (int32_t)(uint32_t)(v >> 32)));
}

/* Resolve labels; returns 0, or -1 if a label is unbound or out of range. */
static int pb_finish(struct pb *p)
{
	if (p->err)
		return -1;
	for (int i = 0; i < p->nfix; i++) {
		int at = p->fix[i].at, t = p->lab[p->fix[i].label];
		if (t < 0)
			return -1;
		long rel = (long)t - (at + 1);
		if (p->fix[i].kind == PB_FIX_OFF) {
			if (rel < INT16_MIN || rel > INT16_MAX)
				return -1;
			p->insn[at].off = (int16_t)rel;
		} else {
			p->insn[at].imm = (int32_t)rel;
		}
	}
	return 0;
}

/* Load the three inputs from the context in r1: r2 = a, r3 = b, r4 = c. */
static void pb_inputs(struct pb *p)
{
	pb_emit(p, LDX(BPF_DW, 2, 1, G_CB_A));
	pb_emit(p, LDX(BPF_DW, 3, 1, G_CB_B));
	pb_emit(p, LDX(BPF_W, 4, 1, G_CB_C));
}

/* ---- PRNG and interesting values ----------------------------------------- */

struct rng { uint64_t s; };

static uint64_t rng_next(struct rng *r)         /* splitmix64 */
{
	uint64_t z = (r->s += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static uint32_t rng_below(struct rng *r, uint32_t n)
{
	return n ? (uint32_t)(rng_next(r) % n) : 0;
}

static const uint64_t g_edge64[] = {
	0, 1, 2, 5, 7, 31, 32, 63, 64, 0x7f, 0x80, 0xff, 0x8000, 0xffff,
	0x7fffffff, 0x80000000, 0xffffffff, 0x100000000ull, 0x100000005ull,
	0x1ffffffffull, 0x8000000080000000ull, 0x7fffffffffffffffull,
	0x8000000000000000ull, 0xffffffff80000000ull, 0xffffffff00000000ull,
	0xfffffffffffffffeull, 0xffffffffffffffffull, 0xfffffffffffffff9ull,
	0x0123456789abcdefull, 0xfedcba9876543210ull, 0x00000000ffff8000ull,
};
#define G_NEDGE64 (sizeof(g_edge64) / sizeof(g_edge64[0]))

static const int32_t g_edge32[] = {
	0, 1, -1, 2, -2, 3, 5, -7, 31, 32, 63, 64, 0x7f, 0x80, 0xff, -0x80,
	0x7fff, -0x8000, 0xffff, 0x7fffffff, INT32_MIN, 0x12345678, -0x12345678,
};
#define G_NEDGE32 (sizeof(g_edge32) / sizeof(g_edge32[0]))

static uint64_t rng_val64(struct rng *r)
{
	switch (rng_below(r, 4)) {
	case 0: return rng_next(r);
	case 1: return (uint64_t)(int64_t)(int32_t)rng_next(r);
	default: return g_edge64[rng_below(r, G_NEDGE64)];
	}
}

static int32_t rng_imm(struct rng *r)
{
	return rng_below(r, 3) ? g_edge32[rng_below(r, G_NEDGE32)] : (int32_t)rng_next(r);
}

/* ---- generator ---------------------------------------------------------- */

#define G_MAX_SUB   3
#define G_AREA      64                  /* initialised stack bytes per frame */

struct gen {
	struct rng r;
	struct pb *p;
	int v4;                              /* may use ISA v4 instructions */
	int nsub;
	int sub_label[G_MAX_SUB];
	int parent[G_MAX_SUB];               /* -1: main calls it, else a sub */
	int fn;                              /* function being written: -1 main */
	uint16_t locked;                     /* registers that must not be written */
	int depth;                           /* nesting of blocks */
	int loops;                           /* enclosing counted loops */
	int nloops;                          /* loops in this function so far */
	int exit_label;                      /* epilogue of the current function */
	int budget;                          /* items left for this function */
	int calls;                           /* random calls left in this function */
};

static int g_wreg(struct gen *g)         /* a writable register r0..r9 */
{
	for (;;) {
		int r = (int)rng_below(&g->r, 10);
		if (!(g->locked & (1u << r)))
			return r;
	}
}

static int g_sreg(struct gen *g) { return (int)rng_below(&g->r, 10); }

static void g_alu(struct gen *g)
{
	static const uint8_t ops[] = { BPF_ADD, BPF_SUB, BPF_MUL, BPF_DIV, BPF_OR,
		BPF_AND, BPF_LSH, BPF_RSH, BPF_NEG, BPF_MOD, BPF_XOR, BPF_MOV,
		BPF_ARSH };
	int is64 = rng_below(&g->r, 2), cls = is64 ? BPF_ALU64 : BPF_ALU;
	int width = is64 ? 64 : 32, dst = g_wreg(g);
	uint8_t op = ops[rng_below(&g->r, sizeof(ops))];
	int16_t off = 0;
	if (g->v4 && (op == BPF_DIV || op == BPF_MOD) && rng_below(&g->r, 2))
		off = G_SDIV_OFF;
	if (op == BPF_NEG) {
		pb_emit(g->p, mk((uint8_t)(cls | BPF_NEG | BPF_K), (uint8_t)dst, 0, 0, 0));
		return;
	}
	if (g->v4 && op == BPF_MOV && rng_below(&g->r, 4) == 0) {
		static const int16_t sx[] = { 8, 16, 32 };
		off = sx[rng_below(&g->r, is64 ? 3 : 2)];
		pb_emit(g->p, mk((uint8_t)(cls | BPF_MOV | BPF_X), (uint8_t)dst,
				 (uint8_t)g_sreg(g), off, 0));
		return;
	}
	if (rng_below(&g->r, 3)) {                     /* register operand */
		pb_emit(g->p, mk((uint8_t)(cls | op | BPF_X), (uint8_t)dst,
				 (uint8_t)g_sreg(g), off, 0));
		return;
	}
	int32_t imm = rng_imm(&g->r);
	if (op == BPF_LSH || op == BPF_RSH || op == BPF_ARSH)
		imm = (int32_t)rng_below(&g->r, (uint32_t)width);
	if ((op == BPF_DIV || op == BPF_MOD) && imm == 0)
		imm = -1;
	pb_emit(g->p, mk((uint8_t)(cls | op | BPF_K), (uint8_t)dst, 0, off, imm));
}

static void g_end(struct gen *g)
{
	static const int32_t w[] = { 16, 32, 64 };
	int dst = g_wreg(g), k = (int)rng_below(&g->r, g->v4 ? 3 : 2);
	uint8_t code = k == 0 ? BPF_ALU | BPF_END | BPF_TO_LE :
		       k == 1 ? BPF_ALU | BPF_END | BPF_TO_BE :
				BPF_ALU64 | BPF_END | BPF_TO_LE;  /* bswap */
	pb_emit(g->p, mk(code, (uint8_t)dst, 0, 0, w[rng_below(&g->r, 3)]));
}

static const uint8_t g_sizes[] = { BPF_B, BPF_H, BPF_W, BPF_DW };
static const int g_sizelen[] = { 1, 2, 4, 8 };

/* An aligned offset inside the frame's initialised area. */
static int16_t g_stack_off(struct gen *g, int len)
{
	int slot = 1 + (int)rng_below(&g->r, G_AREA / 8);
	return (int16_t)(-8 * slot + len * (int)rng_below(&g->r, (uint32_t)(8 / len)));
}

static void g_mem(struct gen *g)
{
	int s = (int)rng_below(&g->r, 4);
	int16_t off = g_stack_off(g, g_sizelen[s]);
	switch (rng_below(&g->r, 3)) {
	case 0:
		pb_emit(g->p, STX(g_sizes[s], BPF_REG_10, g_sreg(g), off));
		break;
	case 1:
		pb_emit(g->p, ST(g_sizes[s], BPF_REG_10, off, rng_imm(&g->r)));
		break;
	default:
		if (g->v4 && s < 3 && rng_below(&g->r, 2))
			pb_emit(g->p, LDXSX(g_sizes[s], g_wreg(g), BPF_REG_10, off));
		else
			pb_emit(g->p, LDX(g_sizes[s], g_wreg(g), BPF_REG_10, off));
	}
}

static void g_atomic(struct gen *g)
{
	static const int32_t ops[] = { BPF_ADD, BPF_OR, BPF_AND, BPF_XOR,
		BPF_ADD | BPF_FETCH, BPF_OR | BPF_FETCH, BPF_AND | BPF_FETCH,
		BPF_XOR | BPF_FETCH, BPF_XCHG, BPF_CMPXCHG };
	int is64 = rng_below(&g->r, 2);
	int32_t op = ops[rng_below(&g->r, sizeof(ops) / sizeof(ops[0]))];
	int src = (op & BPF_FETCH) ? g_wreg(g) : g_sreg(g);
	int16_t off = g_stack_off(g, is64 ? 8 : 4);
	pb_emit(g->p, ATOMIC(is64 ? BPF_DW : BPF_W, BPF_REG_10, src, off, op));
}

static void g_cond(struct gen *g, int label)
{
	static const uint8_t ops[] = { BPF_JEQ, BPF_JGT, BPF_JGE, BPF_JSET,
		BPF_JNE, BPF_JSGT, BPF_JSGE, BPF_JLT, BPF_JLE, BPF_JSLT, BPF_JSLE };
	uint8_t cls = rng_below(&g->r, 2) ? BPF_JMP : BPF_JMP32;
	uint8_t op = ops[rng_below(&g->r, sizeof(ops))];
	if (rng_below(&g->r, 2))
		pb_jmp(g->p, cls | op | BPF_X, g_sreg(g), g_sreg(g), 0, label);
	else
		pb_jmp(g->p, cls | op | BPF_K, g_sreg(g), 0, rng_imm(&g->r), label);
}

/* After a call r1..r5 are dead for the verifier: give them new values. */
static void g_reinit_args(struct gen *g)
{
	for (int r = 1; r <= 5; r++) {
		switch (rng_below(&g->r, 3)) {
		case 0: pb_emit(g->p, MOV64_X(r, rng_below(&g->r, 2) ? 0 : 6 + (int)rng_below(&g->r, 4))); break;
		case 1: pb_emit(g->p, MOV64_K(r, rng_imm(&g->r))); break;
		default: pb_emit(g->p, MOV64_X(r, 0));
			pb_emit(g->p, ALU64_K(BPF_XOR, r, rng_imm(&g->r)));
		}
	}
}

static void g_call(struct gen *g, int sub)
{
	pb_call(g->p, g->sub_label[sub]);
	g_reinit_args(g);
}

static void g_block(struct gen *g, int items);

static void g_item(struct gen *g)
{
	uint32_t k = rng_below(&g->r, 100);
	g->budget--;
	if (k < 40) { g_alu(g); return; }
	if (k < 45) { g_end(g); return; }
	if (k < 48) { pb_lddw(g->p, g_wreg(g), rng_val64(&g->r)); return; }
	if (k < 62) { g_mem(g); return; }
	if (k < 68) { g_atomic(g); return; }
	/* No branches in an inner loop and a depth limit: both bound the
	 * number of paths the verifier walks (it visits every iteration). */
	if (g->depth >= 4 || g->loops >= 2) { g_alu(g); return; }
	g->depth++;
	if (k < 82) {                               /* forward branch */
		int l = pb_label(g->p);
		g_cond(g, l);
		g_block(g, 1 + (int)rng_below(&g->r, 6));
		pb_bind(g->p, l);
	} else if (k < 88) {                        /* if / else */
		int le = pb_label(g->p), lend = pb_label(g->p);
		g_cond(g, le);
		g_block(g, 1 + (int)rng_below(&g->r, 4));
		if (g->v4 && rng_below(&g->r, 2))
			pb_gotol(g->p, lend);
		else
			pb_ja(g->p, lend);
		pb_bind(g->p, le);
		g_block(g, 1 + (int)rng_below(&g->r, 4));
		pb_bind(g->p, lend);
	} else if (k < 93 && g->loops < 2 && g->nloops < 3) {  /* counted loop */
		int ctr = (g->locked & (1u << 9)) ? 8 : 9;
		int head = pb_label(g->p), out = pb_label(g->p);
		int32_t n = 1 + (int32_t)rng_below(&g->r, g->loops ? 3 : 4);
		uint32_t kind = rng_below(&g->r, g->v4 ? 5 : 4);
		pb_emit(g->p, rng_below(&g->r, 2) ? MOV64_K(ctr, n) : ALU32_K(BPF_MOV, ctr, n));
		pb_bind(g->p, head);
		g->nloops++;
		g->locked |= (uint16_t)(1u << ctr);
		g->loops++;
		g_block(g, 1 + (int)rng_below(&g->r, 6));
		g->loops--;
		g->locked &= (uint16_t)~(1u << ctr);
		switch (rng_below(&g->r, 4)) {
		case 0: pb_emit(g->p, ALU64_K(BPF_ADD, ctr, -1)); break;
		case 1: pb_emit(g->p, ALU64_K(BPF_SUB, ctr, 1)); break;
		case 2: pb_emit(g->p, ALU32_K(BPF_ADD, ctr, -1)); break;
		default: pb_emit(g->p, ALU32_K(BPF_SUB, ctr, 1));
		}
		switch (kind) {
		case 0: pb_jmp(g->p, BPF_JMP | BPF_JNE | BPF_K, ctr, 0, 0, head); break;
		case 1: pb_jmp(g->p, BPF_JMP32 | BPF_JNE | BPF_K, ctr, 0, 0, head); break;
		case 2: pb_jmp(g->p, BPF_JMP | BPF_JSGT | BPF_K, ctr, 0, 0, head); break;
		case 3: pb_jmp(g->p, BPF_JMP32 | BPF_JGT | BPF_K, ctr, 0, 0, head); break;
		default:                                 /* backward gotol */
			pb_jmp(g->p, BPF_JMP | BPF_JEQ | BPF_K, ctr, 0, 0, out);
			pb_gotol(g->p, head);
		}
		pb_bind(g->p, out);
	} else if (k < 97 && g->calls > 0 && !g->loops) {  /* call a later subprogram */
		int first = g->fn + 1;
		if (first < g->nsub) {
			g->calls--;
			g_call(g, first + (int)rng_below(&g->r, (uint32_t)(g->nsub - first)));
		} else {
			g_alu(g);
		}
	} else {                                    /* early exit via epilogue */
		g_cond(g, g->exit_label);
	}
	g->depth--;
}

static void g_block(struct gen *g, int items)
{
	for (int i = 0; i < items && g->budget > 0; i++)
		g_item(g);
}

/* Give every register that is not an input or argument a value, then fill
 * the frame's stack area. */
static void g_prologue(struct gen *g, int main)
{
	if (main)
		pb_inputs(g->p);
	for (int r = 0; r <= 9; r++) {
		if (main ? (r >= 2 && r <= 4) : (r >= 1 && r <= 5))
			continue;                          /* inputs / arguments */
		switch (rng_below(&g->r, 4)) {
		case 0: pb_lddw(g->p, r, rng_val64(&g->r)); break;
		case 1: pb_emit(g->p, MOV64_K(r, rng_imm(&g->r))); break;
		case 2: pb_emit(g->p, ALU32_K(BPF_MOV, r, rng_imm(&g->r))); break;
		default:
			pb_emit(g->p, MOV64_X(r, main ? 2 + (int)rng_below(&g->r, 3)
						      : 1 + (int)rng_below(&g->r, 5)));
			pb_emit(g->p, ALU64_K(BPF_ADD, r, rng_imm(&g->r)));
		}
	}
	for (int s = 1; s <= G_AREA / 8; s++) {
		if (rng_below(&g->r, 4) == 0)
			pb_emit(g->p, ST(BPF_DW, BPF_REG_10, (int16_t)(-8 * s), rng_imm(&g->r)));
		else
			pb_emit(g->p, STX(BPF_DW, BPF_REG_10, g_sreg(g), (int16_t)(-8 * s)));
	}
}

/* Fold every register and the stack area into r0, then exit. */
static void g_epilogue(struct gen *g)
{
	pb_bind(g->p, g->exit_label);
	for (int r = 1; r <= 9; r++) {
		pb_emit(g->p, ALU64_K(BPF_MUL, 0, 0x2545f491));
		pb_emit(g->p, ALU64_X(BPF_XOR, 0, r));
	}
	for (int s = 1; s <= G_AREA / 8; s++) {
		pb_emit(g->p, LDX(BPF_DW, 1, BPF_REG_10, (int16_t)(-8 * s)));
		pb_emit(g->p, ALU64_K(BPF_MUL, 0, 0x2545f491));
		pb_emit(g->p, ALU64_X(BPF_ADD, 0, 1));
	}
	pb_emit(g->p, EXIT_INSN());
}

static void g_function(struct gen *g, int fn, int items)
{
	g->fn = fn;
	g->locked = 0;
	g->depth = 0;
	g->loops = 0;
	g->nloops = 0;
	g->budget = items;
	g->calls = fn < 0 ? 3 : 2;
	g->exit_label = pb_label(g->p);
	if (fn >= 0)
		pb_bind(g->p, g->sub_label[fn]);
	g_prologue(g, fn < 0);
	/* Forced calls to children make every subprogram reachable. */
	for (int s = 0; s < g->nsub; s++) {
		if (g->parent[s] != fn)
			continue;
		g_block(g, (int)rng_below(&g->r, 8));
		g_call(g, s);
	}
	g_block(g, items);
	g_epilogue(g);
}

/* Write the program for `seed` into p (initialised by the caller). Returns 0
 * or -1 if the builder failed (out of memory). */
static int gen_program(struct pb *p, uint64_t seed, int v4)
{
	struct gen g;
	memset(&g, 0, sizeof(g));
	g.r.s = seed;
	g.p = p;
	g.v4 = v4;
	g.nsub = (int)rng_below(&g.r, G_MAX_SUB + 1);
	for (int s = 0; s < g.nsub; s++) {
		g.sub_label[s] = pb_label(p);
		g.parent[s] = (int)rng_below(&g.r, (uint32_t)s + 1) - 1;
	}
	g_function(&g, -1, 20 + (int)rng_below(&g.r, 50));
	for (int s = 0; s < g.nsub; s++)
		g_function(&g, s, 5 + (int)rng_below(&g.r, 20));
	return pb_finish(p);
}

#endif /* BPFVM_TESTS_ORACLE_GEN_H */
