/* SPDX-License-Identifier: MIT */
/*
 * test_cbpf.c - classic BPF checker and interpreter, table-driven from the
 * kernel's semantics (net/core/filter.c, kernel/seccomp.c): every opcode,
 * the ancillary loads, SKF_NET_OFF/SKF_LL_OFF, out-of-bounds loads and
 * division by X == 0 ending with 0, scratch memory, and each checker
 * rejection with the instruction index in its message. The packet bytes
 * are pkt[i] = 0x10 + i, so expected loads can be read off by hand.
 */
#include <errno.h>
#include <linux/audit.h>
#include <linux/seccomp.h>
#include <stdlib.h>

#include "bpfvm/cbpf.h"
#include "test.h"

#define S(c, k)         BPF_STMT(c, (uint32_t)(k))
#define J(c, k, jt, jf) BPF_JUMP(c, (uint32_t)(k), jt, jf)
#define RETA            S(BPF_RET | BPF_A, 0)
#define AD(x)           (SKF_AD_OFF + (x))
#define MAXI 12

struct run_case {
	const char *name;
	uint32_t want;
	struct sock_filter insns[MAXI];
};

/* Programs end at the first ret; len = index of the last ret + 1. */
static size_t prog_len(const struct sock_filter *p)
{
	size_t n = 0;
	for (size_t i = 0; i < MAXI; i++)
		if (BPF_CLASS(p[i].code) == BPF_RET && (p[i].code || p[i].k || i == 0))
			n = i + 1;
	return n;
}

static const struct run_case run_cases[] = {
	/* ALU, K and X operands; 32-bit wrap */
	{ "add k",   12, { S(BPF_LD|BPF_IMM, 7), S(BPF_ALU|BPF_ADD|BPF_K, 5), RETA } },
	{ "add x",    7, { S(BPF_LDX|BPF_IMM, 3), S(BPF_LD|BPF_IMM, 4), S(BPF_ALU|BPF_ADD|BPF_X, 0), RETA } },
	{ "add wrap", 1, { S(BPF_LD|BPF_IMM, 0xffffffff), S(BPF_ALU|BPF_ADD|BPF_K, 2), RETA } },
	{ "sub k", 0xffffffff, { S(BPF_LD|BPF_IMM, 1), S(BPF_ALU|BPF_SUB|BPF_K, 2), RETA } },
	{ "sub x",    6, { S(BPF_LDX|BPF_IMM, 4), S(BPF_LD|BPF_IMM, 10), S(BPF_ALU|BPF_SUB|BPF_X, 0), RETA } },
	{ "mul k", 0xfffffffe, { S(BPF_LD|BPF_IMM, 0x7fffffff), S(BPF_ALU|BPF_MUL|BPF_K, 2), RETA } },
	{ "mul x",   42, { S(BPF_LDX|BPF_IMM, 6), S(BPF_LD|BPF_IMM, 7), S(BPF_ALU|BPF_MUL|BPF_X, 0), RETA } },
	{ "div k",   14, { S(BPF_LD|BPF_IMM, 100), S(BPF_ALU|BPF_DIV|BPF_K, 7), RETA } },
	{ "div k unsigned", 0x7fffffff, { S(BPF_LD|BPF_IMM, 0xfffffffe), S(BPF_ALU|BPF_DIV|BPF_K, 2), RETA } },
	{ "div x",   33, { S(BPF_LDX|BPF_IMM, 3), S(BPF_LD|BPF_IMM, 100), S(BPF_ALU|BPF_DIV|BPF_X, 0), RETA } },
	{ "div x by 0 ends with 0", 0, { S(BPF_LD|BPF_IMM, 100), S(BPF_LDX|BPF_IMM, 0),
		S(BPF_ALU|BPF_DIV|BPF_X, 0), S(BPF_RET|BPF_K, 99) } },
	{ "mod k",    2, { S(BPF_LD|BPF_IMM, 100), S(BPF_ALU|BPF_MOD|BPF_K, 7), RETA } },
	{ "mod x",    1, { S(BPF_LDX|BPF_IMM, 3), S(BPF_LD|BPF_IMM, 100), S(BPF_ALU|BPF_MOD|BPF_X, 0), RETA } },
	{ "mod x by 0 ends with 0", 0, { S(BPF_LD|BPF_IMM, 100), S(BPF_LDX|BPF_IMM, 0),
		S(BPF_ALU|BPF_MOD|BPF_X, 0), S(BPF_RET|BPF_K, 99) } },
	{ "and k", 0x0f00, { S(BPF_LD|BPF_IMM, 0xff00), S(BPF_ALU|BPF_AND|BPF_K, 0x0ff0), S(BPF_ALU|BPF_AND|BPF_K, 0xff00), RETA } },
	{ "and x", 0x0ff0 & 0xf0f0, { S(BPF_LDX|BPF_IMM, 0xf0f0), S(BPF_LD|BPF_IMM, 0x0ff0), S(BPF_ALU|BPF_AND|BPF_X, 0), RETA } },
	{ "or k",  0xff0f, { S(BPF_LD|BPF_IMM, 0xff00), S(BPF_ALU|BPF_OR|BPF_K, 0x000f), RETA } },
	{ "or x",  0x0ff0 | 0xf0f0, { S(BPF_LDX|BPF_IMM, 0xf0f0), S(BPF_LD|BPF_IMM, 0x0ff0), S(BPF_ALU|BPF_OR|BPF_X, 0), RETA } },
	{ "xor k", 0xf00f, { S(BPF_LD|BPF_IMM, 0xff00), S(BPF_ALU|BPF_XOR|BPF_K, 0x0f0f), RETA } },
	{ "xor x", 0xff00, { S(BPF_LDX|BPF_IMM, 0xf0f0), S(BPF_LD|BPF_IMM, 0x0ff0), S(BPF_ALU|BPF_XOR|BPF_X, 0), RETA } },
	{ "lsh k", 0x80000000, { S(BPF_LD|BPF_IMM, 1), S(BPF_ALU|BPF_LSH|BPF_K, 31), RETA } },
	{ "lsh x", 0x100, { S(BPF_LDX|BPF_IMM, 4), S(BPF_LD|BPF_IMM, 0x10), S(BPF_ALU|BPF_LSH|BPF_X, 0), RETA } },
	/* eBPF ALU32 shifts (what the kernel runs) use the low 5 bits of X */
	{ "lsh x >= 32 masks", 2, { S(BPF_LDX|BPF_IMM, 33), S(BPF_LD|BPF_IMM, 1), S(BPF_ALU|BPF_LSH|BPF_X, 0), RETA } },
	{ "rsh k", 1, { S(BPF_LD|BPF_IMM, 0x80000000), S(BPF_ALU|BPF_RSH|BPF_K, 31), RETA } },
	{ "rsh x", 0x8, { S(BPF_LDX|BPF_IMM, 4), S(BPF_LD|BPF_IMM, 0x80), S(BPF_ALU|BPF_RSH|BPF_X, 0), RETA } },
	{ "neg", 0xffffffff, { S(BPF_LD|BPF_IMM, 1), S(BPF_ALU|BPF_NEG, 0), RETA } },
	/* packet loads: big-endian; pkt[i] = 0x10 + i, 64 bytes */
	{ "ld abs w", 0x10111213, { S(BPF_LD|BPF_W|BPF_ABS, 0), RETA } },
	{ "ld abs h", 0x1213, { S(BPF_LD|BPF_H|BPF_ABS, 2), RETA } },
	{ "ld abs b last", 0x4f, { S(BPF_LD|BPF_B|BPF_ABS, 63), RETA } },
	{ "ld abs w last", 0x4c4d4e4f, { S(BPF_LD|BPF_W|BPF_ABS, 60), RETA } },
	{ "ld abs w oob ends with 0", 0, { S(BPF_LD|BPF_W|BPF_ABS, 61), S(BPF_RET|BPF_K, 99) } },
	{ "ld abs h oob", 0, { S(BPF_LD|BPF_H|BPF_ABS, 63), S(BPF_RET|BPF_K, 99) } },
	{ "ld abs b oob", 0, { S(BPF_LD|BPF_B|BPF_ABS, 64), S(BPF_RET|BPF_K, 99) } },
	{ "ld abs b huge", 0, { S(BPF_LD|BPF_B|BPF_ABS, 0x7fffffff), S(BPF_RET|BPF_K, 99) } },
	{ "ld ind w", 0x13141516, { S(BPF_LDX|BPF_IMM, 2), S(BPF_LD|BPF_W|BPF_IND, 1), RETA } },
	{ "ld ind h", 0x2021, { S(BPF_LDX|BPF_IMM, 16), S(BPF_LD|BPF_H|BPF_IND, 0), RETA } },
	{ "ld ind b", 0x1a, { S(BPF_LDX|BPF_IMM, 5), S(BPF_LD|BPF_B|BPF_IND, 5), RETA } },
	{ "ld ind 32-bit wrap", 0x10, { S(BPF_LDX|BPF_IMM, 0xffffffff), S(BPF_LD|BPF_B|BPF_IND, 1), RETA } },
	{ "ld ind negative oob", 0, { S(BPF_LDX|BPF_IMM, 0xffffffff), S(BPF_LD|BPF_B|BPF_IND, 0), S(BPF_RET|BPF_K, 99) } },
	{ "ld ind oob", 0, { S(BPF_LDX|BPF_IMM, 62), S(BPF_LD|BPF_W|BPF_IND, 0), S(BPF_RET|BPF_K, 99) } },
	{ "ld len is wire len", 1500, { S(BPF_LD|BPF_W|BPF_LEN, 0), RETA } },
	{ "ldx len", 1500, { S(BPF_LDX|BPF_W|BPF_LEN, 0), S(BPF_MISC|BPF_TXA, 0), RETA } },
	{ "ldx msh", 0x38, { S(BPF_LDX|BPF_B|BPF_MSH, 14), S(BPF_MISC|BPF_TXA, 0), RETA } },
	{ "ldx msh oob", 0, { S(BPF_LDX|BPF_B|BPF_MSH, 64), S(BPF_RET|BPF_K, 99) } },
	{ "ld imm", 0xdeadbeef, { S(BPF_LD|BPF_IMM, 0xdeadbeef), RETA } },
	{ "tax/txa", 9, { S(BPF_LD|BPF_IMM, 9), S(BPF_MISC|BPF_TAX, 0), S(BPF_LD|BPF_IMM, 0), S(BPF_MISC|BPF_TXA, 0), RETA } },
	/* scratch memory */
	{ "st/ld mem", 77, { S(BPF_LD|BPF_IMM, 77), S(BPF_ST, 3), S(BPF_LD|BPF_IMM, 0), S(BPF_LD|BPF_MEM, 3), RETA } },
	{ "stx/ldx mem", 55, { S(BPF_LDX|BPF_IMM, 55), S(BPF_STX, 15), S(BPF_LDX|BPF_IMM, 0),
		S(BPF_LDX|BPF_MEM, 15), S(BPF_MISC|BPF_TXA, 0), RETA } },
	{ "slots distinct", 2, { S(BPF_LD|BPF_IMM, 1), S(BPF_ST, 0), S(BPF_LD|BPF_IMM, 2), S(BPF_ST, 1),
		S(BPF_LD|BPF_MEM, 0), S(BPF_LD|BPF_MEM, 1), RETA } },
	/* negative offsets: net_off = 14 */
	{ "SKF_NET_OFF", 0x1e, { S(BPF_LD|BPF_B|BPF_ABS, SKF_NET_OFF), RETA } },
	{ "SKF_NET_OFF+2 h", 0x2021, { S(BPF_LD|BPF_H|BPF_ABS, SKF_NET_OFF + 2), RETA } },
	{ "SKF_NET_OFF oob", 0, { S(BPF_LD|BPF_W|BPF_ABS, SKF_NET_OFF + 47), S(BPF_RET|BPF_K, 99) } },
	{ "SKF_LL_OFF+4 w", 0x14151617, { S(BPF_LD|BPF_W|BPF_ABS, SKF_LL_OFF + 4), RETA } },
	{ "SKF_LL_OFF oob", 0, { S(BPF_LD|BPF_B|BPF_ABS, SKF_LL_OFF + 64), S(BPF_RET|BPF_K, 99) } },
	{ "below SKF_LL_OFF", 0, { S(BPF_LD|BPF_B|BPF_ABS, SKF_LL_OFF - 1), S(BPF_RET|BPF_K, 99) } },
	{ "ind into SKF_NET_OFF", 0x1f, { S(BPF_LDX|BPF_IMM, SKF_NET_OFF), S(BPF_LD|BPF_B|BPF_IND, 1), RETA } },
	{ "msh at SKF_NET_OFF", 0x38, { S(BPF_LDX|BPF_B|BPF_MSH, SKF_NET_OFF), S(BPF_MISC|BPF_TXA, 0), RETA } },
	/* jumps: 1 = taken, 2 = not taken */
	{ "jeq k t", 1, { S(BPF_LD|BPF_IMM, 5), J(BPF_JMP|BPF_JEQ|BPF_K, 5, 0, 1), S(BPF_RET|BPF_K, 1), S(BPF_RET|BPF_K, 2) } },
	{ "jeq k f", 2, { S(BPF_LD|BPF_IMM, 6), J(BPF_JMP|BPF_JEQ|BPF_K, 5, 0, 1), S(BPF_RET|BPF_K, 1), S(BPF_RET|BPF_K, 2) } },
	{ "jgt k t", 1, { S(BPF_LD|BPF_IMM, 0x80000000), J(BPF_JMP|BPF_JGT|BPF_K, 5, 0, 1), S(BPF_RET|BPF_K, 1), S(BPF_RET|BPF_K, 2) } },
	{ "jgt k f (equal)", 2, { S(BPF_LD|BPF_IMM, 5), J(BPF_JMP|BPF_JGT|BPF_K, 5, 0, 1), S(BPF_RET|BPF_K, 1), S(BPF_RET|BPF_K, 2) } },
	{ "jge k t (equal)", 1, { S(BPF_LD|BPF_IMM, 5), J(BPF_JMP|BPF_JGE|BPF_K, 5, 0, 1), S(BPF_RET|BPF_K, 1), S(BPF_RET|BPF_K, 2) } },
	{ "jge k f", 2, { S(BPF_LD|BPF_IMM, 4), J(BPF_JMP|BPF_JGE|BPF_K, 5, 0, 1), S(BPF_RET|BPF_K, 1), S(BPF_RET|BPF_K, 2) } },
	{ "jset k t", 1, { S(BPF_LD|BPF_IMM, 6), J(BPF_JMP|BPF_JSET|BPF_K, 2, 0, 1), S(BPF_RET|BPF_K, 1), S(BPF_RET|BPF_K, 2) } },
	{ "jset k f", 2, { S(BPF_LD|BPF_IMM, 5), J(BPF_JMP|BPF_JSET|BPF_K, 2, 0, 1), S(BPF_RET|BPF_K, 1), S(BPF_RET|BPF_K, 2) } },
	{ "jeq x t", 1, { S(BPF_LDX|BPF_IMM, 7), S(BPF_LD|BPF_IMM, 7), J(BPF_JMP|BPF_JEQ|BPF_X, 0, 0, 1), S(BPF_RET|BPF_K, 1), S(BPF_RET|BPF_K, 2) } },
	{ "jgt x f", 2, { S(BPF_LDX|BPF_IMM, 7), S(BPF_LD|BPF_IMM, 7), J(BPF_JMP|BPF_JGT|BPF_X, 0, 0, 1), S(BPF_RET|BPF_K, 1), S(BPF_RET|BPF_K, 2) } },
	{ "jge x t", 1, { S(BPF_LDX|BPF_IMM, 7), S(BPF_LD|BPF_IMM, 7), J(BPF_JMP|BPF_JGE|BPF_X, 0, 0, 1), S(BPF_RET|BPF_K, 1), S(BPF_RET|BPF_K, 2) } },
	{ "jset x f", 2, { S(BPF_LDX|BPF_IMM, 8), S(BPF_LD|BPF_IMM, 7), J(BPF_JMP|BPF_JSET|BPF_X, 0, 0, 1), S(BPF_RET|BPF_K, 1), S(BPF_RET|BPF_K, 2) } },
	{ "ja", 3, { S(BPF_JMP|BPF_JA, 2), S(BPF_RET|BPF_K, 1), S(BPF_RET|BPF_K, 2), S(BPF_RET|BPF_K, 3) } },
	{ "ret k", 262144, { S(BPF_RET|BPF_K, 262144) } },
	/* ancillary loads (ctx set up in main) */
	{ "AD protocol", 0x86dd, { S(BPF_LD|BPF_H|BPF_ABS, AD(SKF_AD_PROTOCOL)), RETA } },
	{ "AD pkttype", 3, { S(BPF_LD|BPF_B|BPF_ABS, AD(SKF_AD_PKTTYPE)), RETA } },
	{ "AD ifindex", 7, { S(BPF_LD|BPF_W|BPF_ABS, AD(SKF_AD_IFINDEX)), RETA } },
	{ "AD mark", 0xabcd0001, { S(BPF_LD|BPF_W|BPF_ABS, AD(SKF_AD_MARK)), RETA } },
	{ "AD queue", 5, { S(BPF_LD|BPF_W|BPF_ABS, AD(SKF_AD_QUEUE)), RETA } },
	{ "AD hatype", 772, { S(BPF_LD|BPF_W|BPF_ABS, AD(SKF_AD_HATYPE)), RETA } },
	{ "AD rxhash", 0x12345678, { S(BPF_LD|BPF_W|BPF_ABS, AD(SKF_AD_RXHASH)), RETA } },
	{ "AD cpu", 1, { S(BPF_LD|BPF_W|BPF_ABS, AD(SKF_AD_CPU)), RETA } },
	{ "AD alu xor x", 0xff, { S(BPF_LDX|BPF_IMM, 0x0f), S(BPF_LD|BPF_IMM, 0xf0),
		S(BPF_LD|BPF_W|BPF_ABS, AD(SKF_AD_ALU_XOR_X)), RETA } },
	{ "AD vlan tag", 0x2064, { S(BPF_LD|BPF_W|BPF_ABS, AD(SKF_AD_VLAN_TAG)), RETA } },
	{ "AD vlan present", 1, { S(BPF_LD|BPF_W|BPF_ABS, AD(SKF_AD_VLAN_TAG_PRESENT)), RETA } },
	{ "AD pay offset", 54, { S(BPF_LD|BPF_W|BPF_ABS, AD(SKF_AD_PAY_OFFSET)), RETA } },
	{ "AD vlan tpid", 0x88a8, { S(BPF_LD|BPF_W|BPF_ABS, AD(SKF_AD_VLAN_TPID)), RETA } },
};

struct reject_case {
	const char *name;
	enum bpfvm_cbpf_flavor flavor;
	const char *msg; /* substring of the message */
	struct sock_filter insns[MAXI];
};

#define SF BPFVM_CBPF_SOCKET_FILTER
#define SC BPFVM_CBPF_SECCOMP
static const struct reject_case reject_cases[] = {
	{ "ret x (0x0e) is not an opcode", SF, "insn 1: unknown opcode 0x000e",
		{ S(BPF_LD|BPF_IMM, 0), S(BPF_RET|BPF_X, 0), RETA } },
	{ "ld h imm unknown", SF, "insn 0: unknown opcode 0x0008", { S(BPF_LD|BPF_H|BPF_IMM, 0), RETA } },
	{ "ldx w abs unknown", SF, "insn 0: unknown opcode 0x0021", { S(BPF_LDX|BPF_W|BPF_ABS, 0), RETA } },
	{ "code >= 256", SF, "insn 0: unknown opcode 0x0106", { S(0x106, 0), RETA } },
	{ "jeq target past end", SF, "insn 1: jeq #k: jump out of range",
		{ S(BPF_LD|BPF_IMM, 0), J(BPF_JMP|BPF_JEQ|BPF_K, 0, 0, 2), RETA } },
	{ "jset jt past end", SF, "insn 0: jset x: jump out of range",
		{ J(BPF_JMP|BPF_JSET|BPF_X, 0, 1, 0), RETA } },
	{ "ja past end", SF, "insn 0: ja: jump out of range", { S(BPF_JMP|BPF_JA, 1), RETA } },
	{ "ja huge", SF, "insn 0: ja: jump out of range", { S(BPF_JMP|BPF_JA, 0xffffffff), RETA } },
	{ "last is not ret", SF, "insn 1: last instruction must be a ret",
		{ S(BPF_RET|BPF_K, 0), S(BPF_LD|BPF_IMM, 1) } },
	{ "div by constant 0", SF, "insn 1: div #k: division by zero",
		{ S(BPF_LD|BPF_IMM, 1), S(BPF_ALU|BPF_DIV|BPF_K, 0), RETA } },
	{ "mod by constant 0", SF, "insn 0: mod #k: division by zero", { S(BPF_ALU|BPF_MOD|BPF_K, 0), RETA } },
	{ "lsh by 32", SF, "insn 0: lsh #k: shift by 32", { S(BPF_ALU|BPF_LSH|BPF_K, 32), RETA } },
	{ "rsh by 40", SF, "insn 0: rsh #k: shift by 40", { S(BPF_ALU|BPF_RSH|BPF_K, 40), RETA } },
	{ "st slot 16", SF, "insn 0: st M[k]: scratch slot 16 out of range", { S(BPF_ST, 16), RETA } },
	{ "ldx mem slot 99", SF, "insn 0: ldx M[k]: scratch slot 99", { S(BPF_LDX|BPF_MEM, 99), RETA } },
	{ "read before write", SF, "insn 0: ld M[k]: reads scratch slot M[2] before it is written",
		{ S(BPF_LD|BPF_MEM, 2), RETA } },
	{ "written on one path only", SF, "insn 4: ldx M[k]: reads scratch slot M[5]",
		{ S(BPF_LD|BPF_IMM, 0), J(BPF_JMP|BPF_JEQ|BPF_K, 0, 0, 1), S(BPF_ST, 5),
		  S(BPF_LD|BPF_IMM, 1), S(BPF_LDX|BPF_MEM, 5), RETA } },
	{ "written in another slot", SF, "insn 2: ld M[k]: reads scratch slot M[1]",
		{ S(BPF_LD|BPF_IMM, 0), S(BPF_ST, 0), S(BPF_LD|BPF_MEM, 1), RETA } },
	{ "unknown ancillary 64", SF, "insn 0: ld [k]: unknown ancillary load SKF_AD_OFF+64",
		{ S(BPF_LD|BPF_W|BPF_ABS, AD(SKF_AD_MAX)), RETA } },
	{ "misaligned ancillary", SF, "insn 0: ldb [k]: unknown ancillary load SKF_AD_OFF+2",
		{ S(BPF_LD|BPF_B|BPF_ABS, AD(2)), RETA } },
	{ "offset -1 is in the ancillary area", SF, "insn 0: ldh [k]: unknown ancillary load",
		{ S(BPF_LD|BPF_H|BPF_ABS, -1), RETA } },
	/* seccomp_check_filter */
	{ "seccomp ldh", SC, "insn 0: ldh [k] (code 0x28) is not allowed in seccomp", { S(BPF_LD|BPF_H|BPF_ABS, 0), RETA } },
	{ "seccomp ldb", SC, "insn 1: ldb [k] (code 0x30) is not allowed", { S(BPF_LD|BPF_W|BPF_ABS, 0), S(BPF_LD|BPF_B|BPF_ABS, 0), RETA } },
	{ "seccomp ind", SC, "insn 0: ld [x + k] (code 0x40) is not allowed", { S(BPF_LD|BPF_W|BPF_IND, 0), RETA } },
	{ "seccomp msh", SC, "insn 0: ldxb 4*([k]&0xf) (code 0xb1) is not allowed", { S(BPF_LDX|BPF_B|BPF_MSH, 0), RETA } },
	{ "seccomp mod", SC, "insn 0: mod #k (code 0x94) is not allowed", { S(BPF_ALU|BPF_MOD|BPF_K, 3), RETA } },
	{ "seccomp mod x", SC, "insn 0: mod x (code 0x9c) is not allowed", { S(BPF_ALU|BPF_MOD|BPF_X, 0), RETA } },
	{ "seccomp misaligned", SC, "insn 0: ld [2]: seccomp loads must be aligned", { S(BPF_LD|BPF_W|BPF_ABS, 2), RETA } },
	{ "seccomp past struct", SC, "insn 1: ld [64]: seccomp loads must be aligned", { S(BPF_LD|BPF_W|BPF_ABS, 0), S(BPF_LD|BPF_W|BPF_ABS, 64), RETA } },
	{ "seccomp net off", SC, "insn 0: ld [4293918720]", { S(BPF_LD|BPF_W|BPF_ABS, SKF_NET_OFF), RETA } },
	{ "seccomp ancillary", SC, "insn 0: ld [4294963200]", { S(BPF_LD|BPF_W|BPF_ABS, AD(SKF_AD_PROTOCOL)), RETA } },
	/* the classic rules still apply to seccomp, first */
	{ "seccomp last not ret", SC, "insn 0: last instruction must be a ret", { S(BPF_LD|BPF_W|BPF_ABS, 0) } },
	{ "seccomp scratch", SC, "insn 0: ld M[k]: reads scratch slot M[0]", { S(BPF_LD|BPF_MEM, 0), RETA } },
};

/* Accepted by the checker (first for the flavor, then run-time sanity). */
struct accept_case {
	const char *name;
	enum bpfvm_cbpf_flavor flavor;
	struct sock_filter insns[MAXI];
};
static const struct accept_case accept_cases[] = {
	{ "written on both paths", SF, { S(BPF_LD|BPF_IMM, 0), J(BPF_JMP|BPF_JEQ|BPF_K, 0, 0, 2),
		S(BPF_ST, 5), S(BPF_JMP|BPF_JA, 1), S(BPF_STX, 5), S(BPF_LD|BPF_MEM, 5), RETA } },
	{ "written before a jump", SF, { S(BPF_ST, 7), J(BPF_JMP|BPF_JGT|BPF_K, 0, 0, 1),
		S(BPF_LD|BPF_MEM, 7), S(BPF_LDX|BPF_MEM, 7), RETA } },
	{ "all ancillary loads", SF, { S(BPF_LD|BPF_W|BPF_ABS, AD(SKF_AD_PROTOCOL)),
		S(BPF_LD|BPF_H|BPF_ABS, AD(SKF_AD_VLAN_TPID)), S(BPF_LD|BPF_B|BPF_ABS, AD(SKF_AD_RANDOM)), RETA } },
	{ "negative offsets", SF, { S(BPF_LD|BPF_W|BPF_ABS, SKF_NET_OFF), S(BPF_LD|BPF_H|BPF_ABS, SKF_LL_OFF),
		S(BPF_LD|BPF_B|BPF_ABS, SKF_AD_OFF - 1), RETA } },
	{ "div by constant 1, div x", SF, { S(BPF_ALU|BPF_DIV|BPF_K, 1), S(BPF_ALU|BPF_DIV|BPF_X, 0), RETA } },
	{ "seccomp typical", SC, { S(BPF_LD|BPF_W|BPF_ABS, 4),
		J(BPF_JMP|BPF_JEQ|BPF_K, AUDIT_ARCH_X86_64, 1, 0), S(BPF_RET|BPF_K, SECCOMP_RET_KILL_PROCESS),
		S(BPF_LD|BPF_W|BPF_ABS, 0), J(BPF_JMP|BPF_JEQ|BPF_K, 59, 0, 1),
		S(BPF_RET|BPF_K, SECCOMP_RET_ERRNO | 1), S(BPF_RET|BPF_K, SECCOMP_RET_ALLOW) } },
	{ "seccomp last word, len, mem", SC, { S(BPF_LD|BPF_W|BPF_ABS, 60), S(BPF_LD|BPF_W|BPF_LEN, 0),
		S(BPF_LDX|BPF_W|BPF_LEN, 0), S(BPF_ST, 0), S(BPF_LDX|BPF_MEM, 0), S(BPF_ALU|BPF_DIV|BPF_X, 0), RETA } },
};

static size_t accept_len(const struct sock_filter *p)
{
	return prog_len(p);
}

int main(void)
{
	uint8_t pkt[64];
	struct bpfvm_cbpf_ctx ctx;
	char err[256];

	for (size_t i = 0; i < sizeof(pkt); i++)
		pkt[i] = (uint8_t)(0x10 + i);
	memset(&ctx, 0, sizeof(ctx));
	ctx.data = pkt;
	ctx.len = sizeof(pkt);
	ctx.wire_len = 1500;
	ctx.net_off = 14;
	ctx.protocol = 0x86dd;
	ctx.pkt_type = 3;
	ctx.ifindex = 7;
	ctx.mark = 0xabcd0001;
	ctx.queue_mapping = 5;
	ctx.hatype = 772;
	ctx.rxhash = 0x12345678;
	ctx.cpu = 1;
	ctx.vlan_tci = 0x2064;
	ctx.vlan_present = 1;
	ctx.vlan_tpid = 0x88a8;
	ctx.pay_offset = 54;

	/* each run case must pass the checker, then give its value */
	for (size_t i = 0; i < sizeof(run_cases) / sizeof(run_cases[0]); i++) {
		const struct run_case *c = &run_cases[i];
		size_t n = prog_len(c->insns);
		int rc = bpfvm_cbpf_check(c->insns, n, SF, err, sizeof(err));
		CHECK_MSG(rc == 0, "%s: rejected: %s", c->name, err);
		uint32_t got = bpfvm_cbpf_run(c->insns, n, &ctx);
		CHECK_MSG(got == c->want, "%s: got 0x%x, want 0x%x", c->name, got, c->want);
	}

	for (size_t i = 0; i < sizeof(reject_cases) / sizeof(reject_cases[0]); i++) {
		const struct reject_case *c = &reject_cases[i];
		size_t n = 0;
		for (size_t j = 0; j < MAXI; j++)
			if (c->insns[j].code || c->insns[j].k || c->insns[j].jt || c->insns[j].jf)
				n = j + 1;
		int rc = bpfvm_cbpf_check(c->insns, n, c->flavor, err, sizeof(err));
		CHECK_MSG(rc == -EINVAL, "%s: rc %d", c->name, rc);
		CHECK_MSG(strstr(err, c->msg) != NULL, "%s: message \"%s\", want \"%s\"", c->name, err, c->msg);
	}

	for (size_t i = 0; i < sizeof(accept_cases) / sizeof(accept_cases[0]); i++) {
		const struct accept_case *c = &accept_cases[i];
		int rc = bpfvm_cbpf_check(c->insns, accept_len(c->insns), c->flavor, err, sizeof(err));
		CHECK_MSG(rc == 0, "%s: rejected: %s", c->name, err);
	}

	/* the socket-filter flavor accepts what seccomp refuses */
	{
		struct sock_filter p[] = { S(BPF_LD|BPF_H|BPF_ABS, 0), S(BPF_ALU|BPF_MOD|BPF_K, 3), RETA };
		CHECK(bpfvm_cbpf_check(p, 3, SF, err, sizeof(err)) == 0);
		CHECK(bpfvm_cbpf_check(p, 3, SC, err, sizeof(err)) == -EINVAL);
	}

	/* lengths: 0 and 4097 rejected, 4096 accepted */
	{
		struct sock_filter *big = calloc(BPF_MAXINSNS + 1, sizeof(*big));
		for (size_t i = 0; i <= BPF_MAXINSNS; i++)
			big[i] = (struct sock_filter)S(BPF_LD|BPF_IMM, i);
		big[BPF_MAXINSNS - 1] = (struct sock_filter)RETA;
		CHECK(bpfvm_cbpf_check(big, BPF_MAXINSNS, SF, err, sizeof(err)) == 0);
		CHECK_U64(bpfvm_cbpf_run(big, BPF_MAXINSNS, &ctx), BPF_MAXINSNS - 2);
		big[BPF_MAXINSNS] = (struct sock_filter)RETA;
		CHECK(bpfvm_cbpf_check(big, BPF_MAXINSNS + 1, SF, err, sizeof(err)) == -EINVAL);
		CHECK(strstr(err, "program length 4097") != NULL);
		CHECK(bpfvm_cbpf_check(big, 0, SF, err, sizeof(err)) == -EINVAL);
		CHECK(strstr(err, "program length 0") != NULL);
		free(big);
	}

	/* IFINDEX/HATYPE without a device: the kernel exits with A */
	{
		struct sock_filter p[] = { S(BPF_LD|BPF_IMM, 42), S(BPF_LD|BPF_W|BPF_ABS, AD(SKF_AD_IFINDEX)),
			S(BPF_RET|BPF_K, 0) };
		struct bpfvm_cbpf_ctx c2 = ctx;
		c2.no_dev = 1;
		CHECK_U64(bpfvm_cbpf_run(p, 3, &c2), 42);
		p[1].k = AD(SKF_AD_HATYPE);
		CHECK_U64(bpfvm_cbpf_run(p, 3, &c2), 42);
		CHECK_U64(bpfvm_cbpf_run(p, 3, &ctx), 0);
	}

	/* RANDOM: advances the caller's state; same seed, same sequence */
	{
		struct sock_filter p[] = { S(BPF_LD|BPF_W|BPF_ABS, AD(SKF_AD_RANDOM)), RETA };
		uint64_t s1 = 12345, s2 = 12345;
		struct bpfvm_cbpf_ctx c2 = ctx;
		c2.rand_state = &s1;
		uint32_t a = bpfvm_cbpf_run(p, 2, &c2);
		uint32_t b = bpfvm_cbpf_run(p, 2, &c2);
		c2.rand_state = &s2;
		CHECK(a != b);
		CHECK_U64(bpfvm_cbpf_run(p, 2, &c2), a);
		CHECK(s1 != 12345);
	}

	/* NLATTR / NLATTR_NEST over netlink attributes in the packet */
	{
		uint8_t nl[40];
		uint16_t v;
		memset(nl, 0, sizeof(nl));
#define NLA(off, len, type) (v = (len), memcpy(nl + (off), &v, 2), v = (type), memcpy(nl + (off) + 2, &v, 2))
		NLA(4, 8, 1);            /* [4,12)  type 1 */
		NLA(12, 6, 2);           /* [12,20) type 2, padded to 8 */
		NLA(20, 12, 3 | 0x8000); /* [20,32) type 3, NLA_F_NESTED */
		NLA(24, 8, 5);           /*   nested [24,32) type 5 */
		struct bpfvm_cbpf_ctx c2 = ctx;
		c2.data = nl;
		c2.len = 32;
		struct sock_filter p[] = { S(BPF_LD|BPF_IMM, 4), S(BPF_LDX|BPF_IMM, 2),
			S(BPF_LD|BPF_W|BPF_ABS, AD(SKF_AD_NLATTR)), RETA };
		static const struct { uint32_t a, x, nest, want; } t[] = {
			{ 4, 1, 0, 4 }, { 4, 2, 0, 12 }, { 4, 3, 0, 20 }, { 4, 9, 0, 0 },
			{ 12, 3, 0, 20 }, { 40, 1, 0, 0 }, { 29, 1, 0, 0 },
			{ 20, 5, 1, 24 }, { 20, 6, 1, 0 }, { 4, 5, 1, 0 },
		};
		for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
			p[0].k = t[i].a;
			p[1].k = t[i].x;
			p[2].k = AD(t[i].nest ? SKF_AD_NLATTR_NEST : SKF_AD_NLATTR);
			CHECK_MSG(bpfvm_cbpf_run(p, 4, &c2) == t[i].want, "nlattr case %zu: got %u want %u",
				  i, bpfvm_cbpf_run(p, 4, &c2), t[i].want);
		}
	}

	/* SECCOMP flavor: host-order words of struct seccomp_data, LEN = 64 */
	{
		struct seccomp_data sd;
		memset(&sd, 0, sizeof(sd));
		sd.nr = 59;
		sd.arch = AUDIT_ARCH_X86_64;
		sd.args[0] = 0x1122334455667788ull;
		struct bpfvm_cbpf_ctx c2;
		memset(&c2, 0, sizeof(c2));
		c2.data = (const uint8_t *)&sd;
		c2.len = sizeof(sd);
		c2.flavor = SC;
		const struct accept_case *typ = &accept_cases[5];
		size_t n = accept_len(typ->insns);
		CHECK_U64(bpfvm_cbpf_run(typ->insns, n, &c2), SECCOMP_RET_ERRNO | 1);
		sd.nr = 60;
		CHECK_U64(bpfvm_cbpf_run(typ->insns, n, &c2), SECCOMP_RET_ALLOW);
		sd.arch = AUDIT_ARCH_I386;
		CHECK_U64(bpfvm_cbpf_run(typ->insns, n, &c2), SECCOMP_RET_KILL_PROCESS);
		struct sock_filter p[] = { S(BPF_LD|BPF_W|BPF_ABS, 16), RETA };
		uint32_t lo;
		memcpy(&lo, (const uint8_t *)&sd + 16, 4);
		CHECK_U64(bpfvm_cbpf_run(p, 2, &c2), lo);
		struct sock_filter q[] = { S(BPF_LD|BPF_W|BPF_LEN, 0), RETA };
		CHECK_U64(bpfvm_cbpf_run(q, 2, &c2), 64);
	}

	return test_summary();
}
