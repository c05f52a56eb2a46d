/* SPDX-License-Identifier: MIT */
/*
 * asm_lex.c - the assembler's line lexer.
 *
 * Turns one source line into tokens (identifiers, numbers, registers,
 * operators) with their columns, after removing what is not part of the
 * instruction: comments and the decorations that `bpftool prog dump
 * xlated` (with or without `opcodes`), the kernel verifier log and
 * `llvm-objdump -d` print around it, so that their output can be pasted in
 * as assembler input. Which instruction the tokens spell is decided by
 * asm.c.
 */
#include <stdio.h>
#include <string.h>

#include "isa/asm_int.h"

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

static bool is_hex(char c)
{
	return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static bool is_ident_start(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
	       c == '.' || c == '$';
}

static bool is_ident(char c) { return is_ident_start(c) || is_digit(c); }

static int hexval(char c)
{
	if (is_digit(c))
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return c - 'A' + 10;
}

/* Operators and punctuation, longest first within each leading character
 * so that a plain first match is the longest match. */
static const char *const ops[] = {
	"s>>=", "s/=", "s%=", "s>=", "s<=", "s>", "s<",
	"<<=", "<=", "<", ">>=", ">=", ">",
	"+=", "+", "-=", "-", "*=", "*", "/=", "%=", "|=", "&=", "&", "^=",
	"==", "=", "!=", "(", ")", "[", "]", ",", ":", "#",
};

static int lex_fail(int *errcol, char *errmsg, size_t errsz, int col,
		    const char *msg, char c)
{
	*errcol = col;
	if (c)
		snprintf(errmsg, errsz, msg, c);
	else
		snprintf(errmsg, errsz, "%s", msg);
	return LEX_ERR;
}

/* Whether [p, e) starts with s. */
static bool starts(const char *p, const char *e, const char *s)
{
	size_t n = strlen(s);

	return (size_t)(e - p) >= n && !memcmp(p, s, n);
}

/* Lines of llvm-objdump or bpftool output that carry no instruction:
 * headers, symbol and relocation lines, bpftool's BTF function prototype. */
static bool tool_noise(const char *p, const char *e)
{
	const char *q = p;

	if (starts(p, e, "Disassembly of section "))
		return true;
	for (const char *s = p; s + 12 <= e; s++)
		if (!memcmp(s, "file format ", 12))
			return true;
	while (q < e && is_hex(*q))
		q++;
	if (q > p && q < e && *q == ' ' && q + 1 < e && q[1] == '<' &&
	    e - q >= 4 && e[-1] == ':' && e[-2] == '>')
		return true; /* "0000000000000048 <foo>:" */
	if (q > p && q < e && *q == ':') {
		const char *r = q + 1;

		while (r < e && is_space(*r))
			r++;
		if (starts(r, e, "R_BPF_"))
			return true; /* "0000000000000010:  R_BPF_64_64  map" */
	}
	if (e[-1] == ':' && memchr(p, '(', (size_t)(e - p)))
		return true; /* "int prog(struct __sk_buff * skb):" */
	return false;
}

/* Skip exactly 8 or 16 two-digit hex bytes (an instruction's bytes as
 * llvm-objdump and bpftool print them); returns p unchanged otherwise. */
static const char *skip_hex_bytes(const char *p, const char *e)
{
	const char *q = p, *after8 = NULL, *after16 = NULL;
	int n = 0;

	while (q + 1 < e && is_hex(q[0]) && is_hex(q[1]) &&
	       (q + 2 == e || is_space(q[2]))) {
		q += 2;
		n++;
		if (n == 8)
			after8 = q;
		if (n == 16)
			after16 = q;
		while (q < e && is_space(*q))
			q++;
	}
	if (n == 16)
		return after16;
	if (n == 8)
		return after8;
	return p;
}

static const char *skip_space(const char *p, const char *e)
{
	while (p < e && is_space(*p))
		p++;
	return p;
}

int asm_lex_line(const char *line, size_t len, struct asm_line *out,
		 int *errcol, char *errmsg, size_t errsz)
{
	const char *p = line, *e = line, *end = line + len, *q;

	out->n = 0;
	out->t[0].type = TK_END;
	out->t[0].col = 1;
	/* Comments: `;`, `//`, and `#` that starts a word (a `#` inside a
	 * word is the kernel's "call name#id"). */
	for (e = line; e < end; e++) {
		if (*e == ';' || (*e == '/' && e + 1 < end && e[1] == '/'))
			break;
		if (*e == '#' && (e == line || is_space(e[-1])))
			break;
	}
	while (e > p && is_space(e[-1]))
		e--;
	p = skip_space(p, e);
	out->t[0].col = (int)(e - line) + 1;
	if (p == e)
		return LEX_OK;
	if (e - p == 3 && !memcmp(p, "...", 3))
		return lex_fail(errcol, errmsg, errsz, (int)(p - line) + 1,
				"llvm-objdump left out zero bytes here ('...'); "
				"dump with llvm-objdump -d -z", 0);
	if (tool_noise(p, e))
		return LEX_SKIP;

	/* "  12: " instruction index (bpftool, verifier log, llvm-objdump). */
	q = p;
	while (q < e && is_digit(*q))
		q++;
	if (q > p && q < e && *q == ':')
		p = skip_space(q + 1, e);
	/* "(b7) " opcode as the kernel and bpftool print it. */
	if (e - p >= 4 && p[0] == '(' && is_hex(p[1]) && is_hex(p[2]) && p[3] == ')')
		p = skip_space(p + 4, e);
	p = skip_space(skip_hex_bytes(p, e), e);
	if (p == e)
		return LEX_SKIP; /* only decorations: bpftool's opcodes line */
	/* " <func+0x18>" after a jump (llvm-objdump). */
	if (e[-1] == '>') {
		q = e - 1;
		while (q > p && *q != '<' && !is_space(*q))
			q--;
		if (*q == '<' && q > p && is_space(q[-1]) && e - q > 2) {
			e = q;
			while (e > p && is_space(e[-1]))
				e--;
		}
	}

	while (p < e) {
		struct asm_tok *t;
		int col;

		p = skip_space(p, e);
		if (p == e)
			break;
		if (out->n >= ASM_MAX_TOKS)
			return lex_fail(errcol, errmsg, errsz, (int)(p - line) + 1,
					"too many tokens on one line", 0);
		t = &out->t[out->n];
		col = (int)(p - line) + 1;
		memset(t, 0, sizeof(*t));
		t->col = col;
		t->s = p;
		if (*p == 's' && p + 1 < e && strchr("<>/%", p[1]))
			goto op; /* s>= s/= ... */
		if (is_ident_start(*p)) {
			q = p;
			while (q < e && is_ident(*q))
				q++;
			t->type = TK_IDENT;
			t->len = (int)(q - p);
			if ((*p == 'r' || *p == 'w') && t->len >= 2 && t->len <= 6) {
				bool digits = true;

				for (const char *d = p + 1; d < q; d++)
					digits = digits && is_digit(*d);
				if (digits) {
					t->type = TK_REG;
					t->regc = *p;
					for (const char *d = p + 1; d < q; d++)
						t->reg = t->reg * 10 + (*d - '0');
				}
			}
			p = q;
		} else if (*p == '%' && p + 2 < e && p[1] == 'r' && is_digit(p[2])) {
			q = p + 2;
			while (q < e && is_digit(*q) && q - p < 8)
				q++;
			if (q < e && is_ident(*q))
				return lex_fail(errcol, errmsg, errsz, col,
						"invalid register name", 0);
			t->type = TK_REG;
			t->regc = '%';
			for (const char *d = p + 2; d < q; d++)
				t->reg = t->reg * 10 + (*d - '0');
			t->len = (int)(q - p);
			p = q;
		} else if (is_digit(*p)) {
			uint64_t v = 0;
			bool ovf = false;

			q = p;
			if (q + 1 < e && q[0] == '0' && (q[1] == 'x' || q[1] == 'X')) {
				q += 2;
				t->hex = true;
				if (q == e || !is_hex(*q))
					return lex_fail(errcol, errmsg, errsz, col,
							"invalid hex number", 0);
				while (q < e && is_hex(*q)) {
					ovf |= v >> 60 != 0;
					v = v << 4 | (uint64_t)hexval(*q++);
				}
			} else {
				while (q < e && is_digit(*q)) {
					unsigned d = (unsigned)(*q++ - '0');

					ovf |= v > (UINT64_MAX - d) / 10;
					v = v * 10 + d;
				}
			}
			if (q < e && is_ident(*q))
				return lex_fail(errcol, errmsg, errsz, col,
						"invalid number", 0);
			if (ovf)
				return lex_fail(errcol, errmsg, errsz, col,
						"number does not fit in 64 bits", 0);
			t->type = TK_NUM;
			t->num = v;
			t->len = (int)(q - p);
			p = q;
		} else {
op:
			t->type = TK_END;
			for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
				if (starts(p, e, ops[i])) {
					t->type = TK_PUNCT;
					t->len = (int)strlen(ops[i]);
					break;
				}
			}
			if (t->type == TK_END) {
				if (*p == 's') { /* a lone 's' before '<' etc. */
					t->type = TK_IDENT;
					t->len = 1;
				} else {
					return lex_fail(errcol, errmsg, errsz, col,
							(unsigned char)*p >= 0x20 &&
							(unsigned char)*p < 0x7f ?
							"unexpected character '%c'" :
							"unexpected byte", *p);
				}
			}
			p += t->len;
		}
		out->n++;
	}
	out->t[out->n].type = TK_END;
	out->t[out->n].col = (int)(e - line) + 1;
	out->t[out->n].s = e;
	out->t[out->n].len = 0;
	return LEX_OK;
}
