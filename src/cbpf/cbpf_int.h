/* SPDX-License-Identifier: MIT */
/*
 * cbpf_int.h - classic BPF internals shared by the checker and the
 * interpreter: the one opcode table (validity and operand rules as data
 * indexed by the 16-bit code's low byte, DPDK ins_chk style) and the
 * ancillary-offset helpers.
 */
#ifndef BPFVM_CBPF_INT_H
#define BPFVM_CBPF_INT_H

#include <stdint.h>
#include <linux/filter.h>

/* Operand rule the checker applies to an opcode (bpf_check_classic). */
enum cbpf_rule {
	CBPF_R_NONE = 0,
	CBPF_R_MEM,    /* k indexes M[]: k < BPF_MEMWORDS */
	CBPF_R_DIVK,   /* k is a divisor: k != 0 */
	CBPF_R_SHIFTK, /* k is a shift count: k < 32 */
	CBPF_R_JA,     /* unconditional jump: pc + 1 + k < len */
	CBPF_R_JCOND,  /* conditional jump: both pc + 1 + jt/jf < len */
	CBPF_R_ABS,    /* absolute load: k >= SKF_AD_OFF must be a known extension */
};

/* What seccomp_check_filter says about an opcode. */
enum cbpf_seccomp {
	CBPF_SC_NO = 0,  /* rejected in seccomp filters */
	CBPF_SC_OK,      /* allowed as is */
	CBPF_SC_DATA,    /* LD W ABS: aligned 32-bit word inside seccomp_data */
};

struct cbpf_op {
	uint8_t valid;   /* a classic opcode the kernel accepts (chk_code_allowed) */
	uint8_t rule;    /* enum cbpf_rule */
	uint8_t seccomp; /* enum cbpf_seccomp */
	uint8_t is_ret;  /* may end a program */
	const char *name;/* bpf_asm mnemonic + addressing, for messages */
};

extern const struct cbpf_op cbpf_ops[256];

/* Whether an absolute-load offset is one of the kernel's SKF_AD_* loads. */
static inline int cbpf_is_anc(uint32_t k)
{
	uint32_t off = k - (uint32_t)SKF_AD_OFF;
	return k >= (uint32_t)SKF_AD_OFF && off < SKF_AD_MAX && off % 4 == 0;
}

#define CBPF_SECCOMP_DATA_SIZE 64 /* sizeof(struct seccomp_data) */

#endif
