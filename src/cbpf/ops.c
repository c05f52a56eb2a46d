/* SPDX-License-Identifier: MIT */
/*
 * ops.c - the classic BPF opcode table: for each of the opcodes the kernel
 * accepts (net/core/filter.c chk_code_allowed), the operand rule the
 * checker enforces and whether seccomp allows it (kernel/seccomp.c
 * seccomp_check_filter). Everything not listed here is an unknown opcode.
 */
#include "cbpf/cbpf_int.h"

#define OP(code, rule_, sc, nm) [code] = { 1, rule_, sc, 0, nm }
#define RET(code, nm)           [code] = { 1, CBPF_R_NONE, CBPF_SC_OK, 1, nm }

const struct cbpf_op cbpf_ops[256] = {
	/* ALU: A op= K / A op= X; division and shifts by constants checked */
	OP(BPF_ALU | BPF_ADD | BPF_K, CBPF_R_NONE,   CBPF_SC_OK, "add #k"),
	OP(BPF_ALU | BPF_ADD | BPF_X, CBPF_R_NONE,   CBPF_SC_OK, "add x"),
	OP(BPF_ALU | BPF_SUB | BPF_K, CBPF_R_NONE,   CBPF_SC_OK, "sub #k"),
	OP(BPF_ALU | BPF_SUB | BPF_X, CBPF_R_NONE,   CBPF_SC_OK, "sub x"),
	OP(BPF_ALU | BPF_MUL | BPF_K, CBPF_R_NONE,   CBPF_SC_OK, "mul #k"),
	OP(BPF_ALU | BPF_MUL | BPF_X, CBPF_R_NONE,   CBPF_SC_OK, "mul x"),
	OP(BPF_ALU | BPF_DIV | BPF_K, CBPF_R_DIVK,   CBPF_SC_OK, "div #k"),
	OP(BPF_ALU | BPF_DIV | BPF_X, CBPF_R_NONE,   CBPF_SC_OK, "div x"),
	/* seccomp's allow-list predates BPF_MOD and never added it */
	OP(BPF_ALU | BPF_MOD | BPF_K, CBPF_R_DIVK,   CBPF_SC_NO, "mod #k"),
	OP(BPF_ALU | BPF_MOD | BPF_X, CBPF_R_NONE,   CBPF_SC_NO, "mod x"),
	OP(BPF_ALU | BPF_AND | BPF_K, CBPF_R_NONE,   CBPF_SC_OK, "and #k"),
	OP(BPF_ALU | BPF_AND | BPF_X, CBPF_R_NONE,   CBPF_SC_OK, "and x"),
	OP(BPF_ALU | BPF_OR  | BPF_K, CBPF_R_NONE,   CBPF_SC_OK, "or #k"),
	OP(BPF_ALU | BPF_OR  | BPF_X, CBPF_R_NONE,   CBPF_SC_OK, "or x"),
	OP(BPF_ALU | BPF_XOR | BPF_K, CBPF_R_NONE,   CBPF_SC_OK, "xor #k"),
	OP(BPF_ALU | BPF_XOR | BPF_X, CBPF_R_NONE,   CBPF_SC_OK, "xor x"),
	OP(BPF_ALU | BPF_LSH | BPF_K, CBPF_R_SHIFTK, CBPF_SC_OK, "lsh #k"),
	OP(BPF_ALU | BPF_LSH | BPF_X, CBPF_R_NONE,   CBPF_SC_OK, "lsh x"),
	OP(BPF_ALU | BPF_RSH | BPF_K, CBPF_R_SHIFTK, CBPF_SC_OK, "rsh #k"),
	OP(BPF_ALU | BPF_RSH | BPF_X, CBPF_R_NONE,   CBPF_SC_OK, "rsh x"),
	OP(BPF_ALU | BPF_NEG,         CBPF_R_NONE,   CBPF_SC_OK, "neg"),
	/* loads into A */
	OP(BPF_LD | BPF_W | BPF_ABS,  CBPF_R_ABS,    CBPF_SC_DATA, "ld [k]"),
	OP(BPF_LD | BPF_H | BPF_ABS,  CBPF_R_ABS,    CBPF_SC_NO, "ldh [k]"),
	OP(BPF_LD | BPF_B | BPF_ABS,  CBPF_R_ABS,    CBPF_SC_NO, "ldb [k]"),
	OP(BPF_LD | BPF_W | BPF_IND,  CBPF_R_NONE,   CBPF_SC_NO, "ld [x + k]"),
	OP(BPF_LD | BPF_H | BPF_IND,  CBPF_R_NONE,   CBPF_SC_NO, "ldh [x + k]"),
	OP(BPF_LD | BPF_B | BPF_IND,  CBPF_R_NONE,   CBPF_SC_NO, "ldb [x + k]"),
	OP(BPF_LD | BPF_W | BPF_LEN,  CBPF_R_NONE,   CBPF_SC_OK, "ld #len"),
	OP(BPF_LD | BPF_IMM,          CBPF_R_NONE,   CBPF_SC_OK, "ld #k"),
	OP(BPF_LD | BPF_MEM,          CBPF_R_MEM,    CBPF_SC_OK, "ld M[k]"),
	/* loads into X */
	OP(BPF_LDX | BPF_W | BPF_LEN, CBPF_R_NONE,   CBPF_SC_OK, "ldx #len"),
	OP(BPF_LDX | BPF_B | BPF_MSH, CBPF_R_NONE,   CBPF_SC_NO, "ldxb 4*([k]&0xf)"),
	OP(BPF_LDX | BPF_IMM,         CBPF_R_NONE,   CBPF_SC_OK, "ldx #k"),
	OP(BPF_LDX | BPF_MEM,         CBPF_R_MEM,    CBPF_SC_OK, "ldx M[k]"),
	/* stores */
	OP(BPF_ST,                    CBPF_R_MEM,    CBPF_SC_OK, "st M[k]"),
	OP(BPF_STX,                   CBPF_R_MEM,    CBPF_SC_OK, "stx M[k]"),
	/* jumps (forward only) */
	OP(BPF_JMP | BPF_JA,          CBPF_R_JA,     CBPF_SC_OK, "ja"),
	OP(BPF_JMP | BPF_JEQ | BPF_K, CBPF_R_JCOND,  CBPF_SC_OK, "jeq #k"),
	OP(BPF_JMP | BPF_JEQ | BPF_X, CBPF_R_JCOND,  CBPF_SC_OK, "jeq x"),
	OP(BPF_JMP | BPF_JGE | BPF_K, CBPF_R_JCOND,  CBPF_SC_OK, "jge #k"),
	OP(BPF_JMP | BPF_JGE | BPF_X, CBPF_R_JCOND,  CBPF_SC_OK, "jge x"),
	OP(BPF_JMP | BPF_JGT | BPF_K, CBPF_R_JCOND,  CBPF_SC_OK, "jgt #k"),
	OP(BPF_JMP | BPF_JGT | BPF_X, CBPF_R_JCOND,  CBPF_SC_OK, "jgt x"),
	OP(BPF_JMP | BPF_JSET | BPF_K, CBPF_R_JCOND, CBPF_SC_OK, "jset #k"),
	OP(BPF_JMP | BPF_JSET | BPF_X, CBPF_R_JCOND, CBPF_SC_OK, "jset x"),
	/* register moves */
	OP(BPF_MISC | BPF_TAX,        CBPF_R_NONE,   CBPF_SC_OK, "tax"),
	OP(BPF_MISC | BPF_TXA,        CBPF_R_NONE,   CBPF_SC_OK, "txa"),
	/* returns */
	RET(BPF_RET | BPF_K, "ret #k"),
	RET(BPF_RET | BPF_A, "ret a"),
};
