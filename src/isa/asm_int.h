/* SPDX-License-Identifier: MIT */
/*
 * asm_int.h - internals shared by the assembler (asm.c, asm_lex.c,
 * asm_operand.c, asm_c.c, asm_mnem.c) and the disassembler (disasm.c).
 *
 * Holds the two small tables the text syntaxes need beyond opcodes.h: which
 * instruction fields each operand form (enum bpf_op_kind) uses as operands,
 * and how the pseudo sources of lddw are written. Also the line lexer and
 * the parser state the assembler's files share. Nothing here lists
 * opcodes: those come from bpf_op_table only.
 */
#ifndef BPFVM_ISA_ASM_INT_H
#define BPFVM_ISA_ASM_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "isa/isa.h"

/* ---- lddw pseudo sources ------------------------------------------------
 * The kernel verifier log shows only the number; bpftool prints
 * map[id:N] and map[id:N][0]+M. bpfvm writes what the instruction holds
 * before load (an fd or an index), in the same shape:
 *   src 1 map[fd:N]          src 2 map[fd:N][0]+M
 *   src 3 btf_id[N]          src 4 subprog[+N]  (bpftool's text; the target
 *                                                is the insn at pc + N + 1)
 *   src 5 map[idx:N]         src 6 map[idx:N][0]+M
 * N is the first slot's imm, M the second slot's. A combination these do
 * not describe (a second-slot imm where the form has none) is written
 * pseudo(SRC, 0xIMM64), which also works for every src. */
enum { ASM_PSEUDO_MAX = 6 };

/* ---- lexer ---------------------------------------------------------------- */

enum asm_tok_type { TK_END, TK_IDENT, TK_NUM, TK_REG, TK_PUNCT };

struct asm_tok {
	enum asm_tok_type type;
	int col;             /* 1-based column in the source line */
	const char *s;       /* token text (not NUL-terminated) */
	int len;
	uint64_t num;        /* TK_NUM: value */
	bool hex;            /* TK_NUM: written 0x... */
	int reg;             /* TK_REG: register number as written */
	char regc;           /* TK_REG: 'r', 'w' or '%' (for %rN) */
};

enum { ASM_MAX_TOKS = 48 };

struct asm_line {
	struct asm_tok t[ASM_MAX_TOKS + 1]; /* always ends with a TK_END */
	int n;
};

/* Result of asm_lex_line(). */
enum {
	LEX_OK = 0,     /* tokens in *out (possibly none: blank line) */
	LEX_SKIP = 1,   /* a line of tool output that carries no instruction */
	LEX_ERR = -1,   /* *errcol and errmsg describe the problem */
};

/* Tokenize one source line (len bytes, no newline). Strips comments
 * (`;`, `//`, and `#` at the start of a word) and the decorations that
 * bpftool and llvm-objdump print around an instruction: a leading "N:"
 * index, a "(xx)" opcode, 8 or 16 hex bytes, a trailing "<sym+0x..>". */
int asm_lex_line(const char *line, size_t len, struct asm_line *out,
		 int *errcol, char *errmsg, size_t errsz);

static inline bool tok_is(const struct asm_tok *t, const char *s)
{
	size_t n = 0;

	if (t->type != TK_IDENT && t->type != TK_PUNCT)
		return false;
	while (s[n])
		n++;
	if ((size_t)t->len != n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (t->s[i] != s[i])
			return false;
	return true;
}


/* ---- assembler state: asm.c (driver, labels, emitting), asm_operand.c
 * (operands, calls), asm_c.c (kernel/llvm statements), asm_mnem.c
 * (conformance-data statements) ------------------------------------------ */

struct asm_fixup;
struct asm_label;

struct asm_state {
	const char *file;
	int line;
	struct asm_line *l;          /* tokens of the current line */
	int i;                       /* next token */
	char *err;
	size_t errsz;
	struct bpf_insn *insns;
	size_t cnt, cap;
	struct asm_fixup *fix;
	size_t nfix, capfix;
	struct asm_label *labels;
	size_t nlabels, caplabels;
	size_t first_exit;
	bool have_exit;         /* first_exit is set: the implicit `exit` label */
	/* A label target read by asm_target(), attached to the next emit. */
	const struct asm_tok *pend;
	int pend_kind;               /* enum asm_fix_kind */
};

enum asm_fix_kind { FIX_NONE, FIX_OFF, FIX_IMM };

/* Which table entry a text form names; fields left 0/NULL match anything
 * (dval: ASM_ANY). w: 1 for the 32-bit variant (ALU class, JMP32 class,
 * 32-bit atomic), 0 for the 64-bit one, -1 for either. */
#define ASM_ANY (-0x7fffffff - 1)
struct asm_query {
	int kind, kind2;             /* kind2: 0 or a second acceptable kind */
	const struct asm_tok *cop;   /* kernel/llvm operator or type, or NULL */
	const char *cops;            /* ... given as a string */
	const char *mnem;            /* mnemonic, or NULL */
	int mnemlen;
	int w;
	int dval;
};

enum bpf_op_id asm_find(const struct asm_query *q);
int asm_op_width(const struct bpf_op_desc *d); /* 1: 32-bit, 0: 64, -1 n/a */

int asm_err(struct asm_state *s, int col, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
const struct asm_tok *asm_peek(struct asm_state *s, int ahead);
const struct asm_tok *asm_next(struct asm_state *s);
bool asm_accept(struct asm_state *s, const char *p);
int asm_expect(struct asm_state *s, const char *p);
int asm_reg(struct asm_state *s, int *reg, char *regc);
int asm_imm32(struct asm_state *s, int32_t *v);
int asm_imm64(struct asm_state *s, uint64_t *v);
int asm_memref(struct asm_state *s, const char *open, const char *close,
	       int *reg, int16_t *off);
int asm_target(struct asm_state *s, int kind, int32_t *v);
int asm_lddw_value(struct asm_state *s, int *src, uint64_t *imm64);
int asm_call(struct asm_state *s);
int asm_emit(struct asm_state *s, enum bpf_op_id id, int col, int dst, int src,
	     int off, int32_t imm, int32_t imm_hi);
int asm_emit_lddw(struct asm_state *s, int col, int dst, int src, uint64_t imm64);

const char *asm_tok_text(const struct asm_tok *t, char *buf, size_t sz);

/* Whether NUL-terminated a equals the blen bytes at b. */
static inline bool asm_str_eq(const char *a, const char *b, int blen)
{
	int n = 0;

	while (n < blen && a[n] && a[n] == b[n])
		n++;
	return n == blen && !a[n];
}

/* One statement at s->i: asm_c.c (kernel or llvm syntax), asm_mnem.c
 * (conformance-data syntax). */
int asm_parse_clike(struct asm_state *s);
int asm_parse_mnemonic(struct asm_state *s);

#endif /* BPFVM_ISA_ASM_INT_H */
