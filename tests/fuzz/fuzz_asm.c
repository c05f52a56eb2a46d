/* SPDX-License-Identifier: MIT */
/*
 * fuzz_asm.c - libFuzzer target for the assembler and disassembler.
 *
 * The input is used twice:
 *  - as assembly text: bpfvm_asm() either fails with a
 *    "FILE:LINE:COL: error:" message or succeeds; then every instruction
 *    must disassemble in all three syntaxes and the text must assemble
 *    back to the same instructions;
 *  - as raw instructions: each slot is disassembled in all three syntaxes;
 *    when that succeeds, the text must assemble back to the same slot(s),
 *    and when it fails the message must start with "invalid insn".
 * Any violation aborts.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bpfvm/asm.h"

static const enum bpfvm_syntax syntaxes[] = {
	BPFVM_SYNTAX_KERNEL, BPFVM_SYNTAX_LLVM, BPFVM_SYNTAX_MNEMONIC,
};

static int same(const struct bpf_insn *a, const struct bpf_insn *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (a[i].code != b[i].code || a[i].dst_reg != b[i].dst_reg ||
		    a[i].src_reg != b[i].src_reg || a[i].off != b[i].off ||
		    a[i].imm != b[i].imm)
			return 0;
	return 1;
}

static void reassemble(const struct bpf_insn *insns, size_t cnt)
{
	for (size_t k = 0; k < 3; k++) {
		size_t cap = cnt * 96 + 1, len = 0, nback = 0;
		char *text = malloc(cap), line[256], err[256];
		struct bpf_insn *back = NULL;

		if (!text)
			return;
		text[0] = 0;
		for (size_t i = 0; i < cnt;) {
			int n = bpfvm_disasm_insn(insns, cnt, i, syntaxes[k], line,
						  sizeof(line));
			size_t l;

			if (n < 0) {
				fprintf(stderr, "assembled insn %zu does not disassemble: %s\n",
					i, line);
				abort();
			}
			l = strlen(line);
			if (len + l + 2 > cap) {
				fprintf(stderr, "line too long: %s\n", line);
				abort();
			}
			memcpy(text + len, line, l);
			len += l;
			text[len++] = '\n';
			text[len] = 0;
			i += (size_t)n;
		}
		if (bpfvm_asm(text, "rt", &back, &nback, err, sizeof(err))) {
			fprintf(stderr, "disassembly does not assemble: %s\n", err);
			abort();
		}
		if (nback != cnt || !same(insns, back, cnt)) {
			fprintf(stderr, "round trip differs in syntax %zu\n", k);
			abort();
		}
		free(back);
		free(text);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bpf_insn *insns = NULL, *raw;
	size_t cnt = 0, nraw = size / 8;
	char *text, err[256];

	if (size > 1 << 16)
		return 0;
	text = malloc(size + 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = 0;
	err[0] = 0;
	if (bpfvm_asm(text, "in", &insns, &cnt, err, sizeof(err)) == 0) {
		reassemble(insns, cnt);
		free(insns);
	} else if (strncmp(err, "in:", 3) || !strstr(err, ": error: ")) {
		fprintf(stderr, "bad error message: %s\n", err);
		abort();
	}
	free(text);

	/* The same bytes as little-endian instructions. */
	raw = malloc((nraw ? nraw : 1) * sizeof(*raw));
	if (!raw)
		return 0;
	for (size_t i = 0; i < nraw; i++) {
		const uint8_t *b = data + 8 * i;

		raw[i].code = b[0];
		raw[i].dst_reg = b[1] & 0xf;
		raw[i].src_reg = b[1] >> 4;
		raw[i].off = (int16_t)(uint16_t)(b[2] | b[3] << 8);
		raw[i].imm = (int32_t)((uint32_t)b[4] | (uint32_t)b[5] << 8 |
				       (uint32_t)b[6] << 16 | (uint32_t)b[7] << 24);
	}
	for (size_t i = 0; i < nraw; i++) {
		for (size_t k = 0; k < 3; k++) {
			char line[256];
			struct bpf_insn *back = NULL;
			size_t nback = 0;
			int n = bpfvm_disasm_insn(raw, nraw, i, syntaxes[k], line,
						  sizeof(line));

			if (n < 0) {
				if (strncmp(line, "invalid insn", 12)) {
					fprintf(stderr, "bad disasm error: %s\n", line);
					abort();
				}
				continue;
			}
			if (bpfvm_asm(line, "raw", &back, &nback, err, sizeof(err)) ||
			    nback != (size_t)n || !same(&raw[i], back, nback)) {
				fprintf(stderr, "'%s' does not assemble back: %s\n", line,
					err);
				abort();
			}
			free(back);
		}
	}
	free(raw);
	return 0;
}
