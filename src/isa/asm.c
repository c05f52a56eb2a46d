/* SPDX-License-Identifier: MIT */
/*
 * asm.c - the eBPF assembler: bpfvm_asm() and bpfvm_syntax_parse().
 *
 * Owns the driver (lines, labels, the implicit `exit` label, jump and call
 * fixups, error messages), the lookup of table entries and the emitting of
 * instructions. Lines are tokenized by asm_lex.c; statements are parsed by
 * asm_c.c (kernel and llvm syntaxes) and asm_mnem.c (conformance-data
 * syntax) with the operand readers of asm_operand.c. Every instruction is
 * found in bpf_op_table by its operand kind plus mnemonic or operator, so
 * the assembler can only produce encodings the table knows. It does not
 * check programs (jump targets inside the program, r10 writes, ...): it
 * produces what was written; bpf_insns_check() and the verifier judge it.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bpfvm/asm.h"
#include "isa/asm_int.h"

struct asm_fixup {
	size_t insn;
	int kind;               /* enum asm_fix_kind */
	int line, col;
	char *name;
};

struct asm_label {
	char *name;
	size_t insn;
	int line, col;
};

int bpfvm_syntax_parse(const char *name)
{
	if (!name)
		return -1;
	if (!strcmp(name, "kernel"))
		return BPFVM_SYNTAX_KERNEL;
	if (!strcmp(name, "llvm"))
		return BPFVM_SYNTAX_LLVM;
	if (!strcmp(name, "mnemonic"))
		return BPFVM_SYNTAX_MNEMONIC;
	return -1;
}

/* ---- table lookup --------------------------------------------------------- */

int asm_op_width(const struct bpf_op_desc *d)
{
	switch (d->kind) {
	case BPF_KIND_ALU_K: case BPF_KIND_ALU_X: case BPF_KIND_MOVSX:
	case BPF_KIND_NEG:
		return bpf_op_is_alu32(d->code);
	case BPF_KIND_JCOND_K: case BPF_KIND_JCOND_X:
		return bpf_op_is_jmp32(d->code);
	case BPF_KIND_ATOMIC:
		return bpf_op_size(d->code) == 4;
	default:
		return -1;
	}
}

enum bpf_op_id asm_find(const struct asm_query *q)
{
	for (int id = 1; id < BPF_OP__COUNT; id++) {
		const struct bpf_op_desc *d = &bpf_op_table[id];

		if (d->kind != q->kind && (!q->kind2 || d->kind != q->kind2))
			continue;
		if (q->cop && !asm_str_eq(d->cop, q->cop->s, q->cop->len))
			continue;
		if (q->cops && strcmp(d->cop, q->cops))
			continue;
		if (q->mnem && !asm_str_eq(d->mnem, q->mnem, q->mnemlen))
			continue;
		if (q->w >= 0 && asm_op_width(d) >= 0 && asm_op_width(d) != q->w)
			continue;
		if (q->dval != ASM_ANY && d->dval != q->dval)
			continue;
		return (enum bpf_op_id)id;
	}
	return BPF_OP_INVALID;
}

/* ---- tokens and errors ---------------------------------------------------- */

int asm_err(struct asm_state *s, int col, const char *fmt, ...)
{
	if (s->err && s->errsz && !s->err[0]) {
		va_list ap;
		int n = snprintf(s->err, s->errsz, "%s:%d:%d: error: ", s->file,
				 s->line, col);

		va_start(ap, fmt);
		if (n >= 0 && (size_t)n < s->errsz)
			vsnprintf(s->err + n, s->errsz - (size_t)n, fmt, ap);
		va_end(ap);
	}
	return -EINVAL;
}

const struct asm_tok *asm_peek(struct asm_state *s, int ahead)
{
	int k = s->i + ahead;

	return &s->l->t[k < s->l->n ? k : s->l->n];
}

const struct asm_tok *asm_next(struct asm_state *s)
{
	const struct asm_tok *t = asm_peek(s, 0);

	if (s->i < s->l->n)
		s->i++;
	return t;
}

bool asm_accept(struct asm_state *s, const char *p)
{
	if (!tok_is(asm_peek(s, 0), p))
		return false;
	s->i++;
	return true;
}

/* Quote a token for a message ("end of line" at the end). */
const char *asm_tok_text(const struct asm_tok *t, char *buf, size_t sz)
{
	if (t->type == TK_END)
		return "end of line";
	snprintf(buf, sz, "'%.*s'", t->len > 40 ? 40 : t->len, t->s);
	return buf;
}

int asm_expect(struct asm_state *s, const char *p)
{
	const struct asm_tok *t = asm_peek(s, 0);
	char b[64];

	if (asm_accept(s, p))
		return 0;
	return asm_err(s, t->col, "expected '%s', found %s", p,
		       asm_tok_text(t, b, sizeof(b)));
}

/* ---- emitting ------------------------------------------------------------- */

static int push(struct asm_state *s, const struct bpf_insn *in)
{
	if (s->cnt == s->cap) {
		size_t ncap = s->cap ? s->cap * 2 : 64;
		struct bpf_insn *n = realloc(s->insns, ncap * sizeof(*n));

		if (!n)
			return asm_err(s, 1, "out of memory");
		s->insns = n;
		s->cap = ncap;
	}
	s->insns[s->cnt++] = *in;
	return 0;
}

static char *dup_tok(const struct asm_tok *t)
{
	char *p = malloc((size_t)t->len + 1);

	if (p) {
		memcpy(p, t->s, (size_t)t->len);
		p[t->len] = 0;
	}
	return p;
}

int asm_emit(struct asm_state *s, enum bpf_op_id id, int col, int dst, int src,
	     int off, int32_t imm, int32_t imm_hi)
{
	const struct bpf_op_desc *d = &bpf_op_table[id];
	struct bpf_insn in = { .code = d->code, .dst_reg = (uint8_t)dst,
			       .src_reg = (uint8_t)src, .off = (int16_t)off,
			       .imm = imm };
	int ret;

	switch (d->disc) {
	case BPF_DISC_OFF: in.off = (int16_t)d->dval; break;
	case BPF_DISC_IMM: in.imm = d->dval; break;
	case BPF_DISC_SRC: in.src_reg = (uint8_t)d->dval; break;
	default: break;
	}
	/* The table is the only source of encodings: what we built must
	 * decode back to the entry it came from. */
	if (id == BPF_OP_INVALID || bpf_op_decode(&in) != id)
		return asm_err(s, col, "no eBPF instruction has this form");
	if (s->pend) {
		struct asm_fixup *f;

		if (s->nfix == s->capfix) {
			size_t ncap = s->capfix ? s->capfix * 2 : 16;
			struct asm_fixup *n = realloc(s->fix, ncap * sizeof(*n));

			if (!n)
				return asm_err(s, col, "out of memory");
			s->fix = n;
			s->capfix = ncap;
		}
		f = &s->fix[s->nfix];
		f->insn = s->cnt;
		f->kind = s->pend_kind;
		f->line = s->line;
		f->col = s->pend->col;
		f->name = dup_tok(s->pend);
		if (!f->name)
			return asm_err(s, col, "out of memory");
		s->nfix++;
		s->pend = NULL;
	}
	if (d->kind == BPF_KIND_EXIT && !s->have_exit) {
		s->have_exit = true;
		s->first_exit = s->cnt;
	}
	if ((ret = push(s, &in)))
		return ret;
	if (d->kind == BPF_KIND_LDDW) {
		struct bpf_insn hi = { .imm = imm_hi };

		return push(s, &hi);
	}
	return 0;
}

int asm_emit_lddw(struct asm_state *s, int col, int dst, int src, uint64_t imm64)
{
	struct asm_query q = { .kind = BPF_KIND_LDDW, .w = -1, .dval = src };
	enum bpf_op_id id = asm_find(&q);

	if (id == BPF_OP_INVALID)
		return asm_err(s, col, "unknown lddw pseudo source %d", src);
	return asm_emit(s, id, col, dst, 0, 0, (int32_t)(uint32_t)imm64,
			(int32_t)(uint32_t)(imm64 >> 32));
}

/* ---- driver --------------------------------------------------------------- */

static int parse_statement(struct asm_state *s)
{
	const struct asm_tok *t = asm_peek(s, 0), *u = asm_peek(s, 1);
	char b[64];

	if (t->type == TK_REG || tok_is(t, "*") || tok_is(t, "if") ||
	    tok_is(t, "goto") || tok_is(t, "gotol") || tok_is(t, "ld_pseudo") ||
	    (tok_is(t, "lock") && tok_is(u, "*")))
		return asm_parse_clike(s);
	if (tok_is(t, "call") || tok_is(t, "callx"))
		return asm_call(s);
	if (t->type == TK_IDENT)
		return asm_parse_mnemonic(s);
	return asm_err(s, t->col, "expected an instruction, found %s",
		       asm_tok_text(t, b, sizeof(b)));
}

static int add_label(struct asm_state *s, const struct asm_tok *t)
{
	struct asm_label *l;

	if (s->nlabels == s->caplabels) {
		size_t ncap = s->caplabels ? s->caplabels * 2 : 16;
		struct asm_label *n = realloc(s->labels, ncap * sizeof(*n));

		if (!n)
			return asm_err(s, t->col, "out of memory");
		s->labels = n;
		s->caplabels = ncap;
	}
	l = &s->labels[s->nlabels];
	l->name = dup_tok(t);
	if (!l->name)
		return asm_err(s, t->col, "out of memory");
	l->insn = s->cnt;
	l->line = s->line;
	l->col = t->col;
	s->nlabels++;
	return 0;
}

static int label_cmp(const void *a, const void *b)
{
	const struct asm_label *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	if (c)
		return c;
	return x->line != y->line ? (x->line < y->line ? -1 : 1) :
				    (x->col < y->col ? -1 : x->col > y->col);
}

static int resolve(struct asm_state *s)
{
	if (s->nlabels) /* qsort wants a non-NULL array even when empty */
		qsort(s->labels, s->nlabels, sizeof(*s->labels), label_cmp);
	for (size_t i = 1; i < s->nlabels; i++) {
		if (!strcmp(s->labels[i].name, s->labels[i - 1].name)) {
			s->line = s->labels[i].line;
			return asm_err(s, s->labels[i].col,
				       "label '%s' defined twice (first on line %d)",
				       s->labels[i].name, s->labels[i - 1].line);
		}
	}
	for (size_t i = 0; i < s->nfix; i++) {
		struct asm_fixup *f = &s->fix[i];
		struct asm_label *l;
		struct bpf_insn *in = &s->insns[f->insn];
		size_t target;
		int64_t delta;

		/* Binary search by name (labels are sorted, names unique). */
		l = NULL;
		for (size_t lo = 0, hi = s->nlabels; lo < hi;) {
			size_t mid = lo + (hi - lo) / 2;
			int c = strcmp(f->name, s->labels[mid].name);

			if (!c) {
				l = &s->labels[mid];
				break;
			}
			if (c < 0)
				hi = mid;
			else
				lo = mid + 1;
		}
		s->line = f->line;
		if (l)
			target = l->insn;
		else if (!strcmp(f->name, "exit") && s->have_exit)
			target = s->first_exit; /* the implicit label */
		else
			return asm_err(s, f->col, "unknown label '%s'", f->name);
		delta = (int64_t)target - (int64_t)f->insn - 1;
		if (f->kind == FIX_OFF) {
			if (delta < -32768 || delta > 32767)
				return asm_err(s, f->col,
					       "jump offset %lld to '%s' out of range [-32768, 32767]",
					       (long long)delta, f->name);
			in->off = (int16_t)delta;
		} else {
			if (delta < INT32_MIN || delta > INT32_MAX)
				return asm_err(s, f->col, "offset to '%s' out of range",
					       f->name);
			in->imm = (int32_t)delta;
		}
	}
	return 0;
}

static void state_free(struct asm_state *s)
{
	for (size_t i = 0; i < s->nfix; i++)
		free(s->fix[i].name);
	for (size_t i = 0; i < s->nlabels; i++)
		free(s->labels[i].name);
	free(s->fix);
	free(s->labels);
	free(s->insns);
}

static int asm_line(struct asm_state *s, const char *p, size_t len)
{
	char msg[160];
	int col = 1, ret;

	msg[0] = 0;
	ret = asm_lex_line(p, len, s->l, &col, msg, sizeof(msg));
	if (ret == LEX_ERR)
		return asm_err(s, col, "%s", msg);
	if (ret == LEX_SKIP)
		return 0;
	s->i = 0;
	while (asm_peek(s, 0)->type == TK_IDENT && tok_is(asm_peek(s, 1), ":")) {
		if ((ret = add_label(s, asm_peek(s, 0))))
			return ret;
		s->i += 2;
	}
	if (asm_peek(s, 0)->type == TK_END)
		return 0;
	s->pend = NULL;
	if ((ret = parse_statement(s)))
		return ret;
	if (asm_peek(s, 0)->type != TK_END) {
		const struct asm_tok *t = asm_peek(s, 0);

		return asm_err(s, t->col, "unexpected '%.*s' after the instruction",
			       t->len > 40 ? 40 : t->len, t->s);
	}
	return 0;
}

int bpfvm_asm(const char *text, const char *filename, struct bpf_insn **insnsp,
	      size_t *cntp, char *err, size_t errsz)
{
	struct asm_state s = { .file = filename ? filename : "<input>",
			       .err = err, .errsz = errsz };
	struct asm_line *line = malloc(sizeof(*line));
	const char *p = text;
	int ret = 0;

	if (err && errsz)
		err[0] = 0;
	*insnsp = NULL;
	*cntp = 0;
	if (!line || !text) {
		free(line);
		return asm_err(&s, 1, line ? "no input" : "out of memory");
	}
	s.l = line;
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);

		s.line++;
		if ((ret = asm_line(&s, p, len)))
			break;
		p += len + (nl ? 1 : 0);
	}
	if (!ret)
		ret = resolve(&s);
	free(line);
	if (ret) {
		state_free(&s);
		return ret;
	}
	*insnsp = s.insns ? s.insns : calloc(1, sizeof(struct bpf_insn));
	*cntp = s.cnt;
	s.insns = NULL;
	state_free(&s);
	return *insnsp ? 0 : -ENOMEM;
}
