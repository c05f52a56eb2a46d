/* SPDX-License-Identifier: MIT */
/*
 * asm.h - eBPF assembler and disassembler.
 *
 * Three text syntaxes are understood:
 *   BPFVM_SYNTAX_KERNEL    what the kernel verifier log and bpftool print:
 *                          "r0 = *(u32 *)(r1 +4)", "if r1 > 0x5 goto pc+3",
 *                          "call 1", "exit"
 *   BPFVM_SYNTAX_LLVM      what `llvm-objdump -d` prints for BPF:
 *                          "r0 = *(u32 *)(r1 + 4)", "if r1 > 5 goto +3"
 *   BPFVM_SYNTAX_MNEMONIC  the conformance-data syntax: "ldxw %r0, [%r1+4]",
 *                          "jgt %r1, 5, +3", labels "name:"
 * The assembler accepts all three, even mixed line by line (each line's
 * syntax is recognised by its shape), plus labels, `#`, `;` and `//`
 * comments and blank lines.
 *
 * Ownership: bpfvm_asm() returns a malloc'ed array the caller frees with
 * free().
 */
#ifndef BPFVM_ASM_H
#define BPFVM_ASM_H

#include <stddef.h>
#include <linux/bpf.h>

#ifdef __cplusplus
extern "C" {
#endif

enum bpfvm_syntax {
	BPFVM_SYNTAX_KERNEL,
	BPFVM_SYNTAX_LLVM,
	BPFVM_SYNTAX_MNEMONIC,
};

/* Parse a syntax name ("kernel", "llvm", "mnemonic"); -1 if unknown. */
int bpfvm_syntax_parse(const char *name);

/* Assemble `text` (NUL-terminated). `filename` is used in messages only.
 * On success stores a malloc'ed array in *insnsp and its length in *cntp
 * and returns 0. On error returns -EINVAL and writes
 * "FILE:LINE:COL: error: message" to err. */
int bpfvm_asm(const char *text, const char *filename, struct bpf_insn **insnsp,
	      size_t *cntp, char *err, size_t errsz);

/* Disassemble the instruction at insns[idx] into buf (no newline). Returns
 * the number of slots it occupies (1, or 2 for lddw), or -EINVAL for an
 * invalid or truncated instruction, in which case buf names the problem. */
int bpfvm_disasm_insn(const struct bpf_insn *insns, size_t cnt, size_t idx,
		      enum bpfvm_syntax syntax, char *buf, size_t bufsz);

#ifdef __cplusplus
}
#endif
#endif /* BPFVM_ASM_H */
