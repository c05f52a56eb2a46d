/* SPDX-License-Identifier: MIT */
/*
 * test_isa_semantics.c - what each eBPF instruction computes, per RFC 9669
 * and the kernel's interpreter (kernel/bpf/core.c ___bpf_prog_run).
 *
 * Two kinds of cases. Hand-written tables {name, program, input, expected
 * r0} cover the edge cases one by one (division by zero, INT_MIN / -1,
 * shift masking, 32-bit zero extension, sign-extended immediates, movsx,
 * byte swaps, signed and 32-bit jumps, lddw, loads/stores of every size on
 * a memory region and the stack, sign-extending loads, every atomic, local
 * calls, legacy packet loads); the expected values were worked out by hand.
 * Generated cases run every ALU and jump operation over a grid of operands
 * and compare with reference functions written here from the RFC's text.
 * Every case runs twice: in checked mode and with BPFVM_PROG_TRUSTED, and
 * both must give the same, correct r0.
 */
#include <errno.h>
#include <stdlib.h>

#include "test.h"
#include "insn.h"
#include "bpfvm/bpfvm.h"

static struct bpf_insn mk(uint8_t c, uint8_t d, uint8_t s, int16_t o, int32_t i)
{
	struct bpf_insn in = INSN(c, d, s, o, i);

	return in;
}

#define I64MIN 0x8000000000000000ull
#define ALL1   0xffffffffffffffffull

/* ---- running ------------------------------------------------------------ */

static struct bpfvm *vm;

/* The packet the ld_abs/ld_ind cases read. */
static const uint8_t pkt[16] = {
	0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0,
	0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08,
};

struct tcase {
	const char *name;
	struct bpf_insn prog[32];
	size_t n;
	uint64_t want;          /* r0 at exit */
	uint64_t r1;            /* r1 at entry; with use_mem it goes to r2 */
	int use_mem;            /* r1 = mem, a 32-byte writable region */
	uint64_t mem[4];        /* its contents at entry */
	int check_mem;
	uint64_t mem_after[4];  /* and at exit, when check_mem */
	int use_pkt;            /* pkt above is the packet */
};

/* Failures print the program once per case; generated families print at
 * most a few per family so that one wrong operation does not flood. */
static unsigned fam_fail, fam_limit = ~0u;

static void fail_report(const char *name, const char *mode, const struct bpf_insn *p,
			size_t n, const char *msg)
{
	test_failed++;
	if (++fam_fail > fam_limit)
		return;
	fprintf(stderr, "FAIL: %s [%s]: %s\n", name, mode, msg);
	for (size_t i = 0; i < n; i++)
		fprintf(stderr, "    %2zu: code 0x%02x dst r%u src r%u off %d imm %d (0x%x)\n",
			i, p[i].code, p[i].dst_reg, p[i].src_reg, p[i].off, p[i].imm,
			(unsigned)p[i].imm);
}

static void run_tcase(const struct tcase *c)
{
	static const char *const modes[2] = { "checked", "trusted" };

	for (int m = 0; m < 2; m++) {
		uint64_t mem[4];
		struct bpfvm_region reg = { .addr = mem, .len = sizeof(mem), .writable = 1 };
		struct bpfvm_fault fault;
		struct bpfvm_run_opts o;
		struct bpfvm_prog *prog = NULL;
		char log[256] = "", msg[512];
		uint64_t r0 = 0xdead;
		int err;

		memcpy(mem, c->mem, sizeof(mem));
		memset(&fault, 0, sizeof(fault));
		memset(&o, 0, sizeof(o));
		o.sz = sizeof(o);
		o.fault = &fault;
		o.budget = 1000000;
		if (c->use_mem) {
			o.r1 = (uint64_t)(uintptr_t)mem;
			o.r2 = c->r1;
			o.regions = &reg;
			o.nr_regions = 1;
		} else {
			o.r1 = c->r1;
		}
		if (c->use_pkt) {
			o.pkt = pkt;
			o.pkt_len = sizeof(pkt);
		}
		err = bpfvm_prog_load(vm, c->prog, c->n, m ? BPFVM_PROG_TRUSTED : 0, &prog,
				      log, sizeof(log));
		if (err) {
			snprintf(msg, sizeof(msg), "load failed: %d: %s", err, log);
			fail_report(c->name, modes[m], c->prog, c->n, msg);
			continue;
		}
		err = bpfvm_prog_run(prog, &o, &r0);
		bpfvm_prog_free(prog);
		if (err) {
			snprintf(msg, sizeof(msg), "run failed: %d: %s", err, fault.msg);
			fail_report(c->name, modes[m], c->prog, c->n, msg);
			continue;
		}
		if (r0 != c->want) {
			snprintf(msg, sizeof(msg), "r0 = 0x%" PRIx64 ", want 0x%" PRIx64, r0, c->want);
			fail_report(c->name, modes[m], c->prog, c->n, msg);
			continue;
		}
		if (c->check_mem && memcmp(mem, c->mem_after, sizeof(mem))) {
			int k = 0;

			for (int i = 0; i < 4; i++)
				if (mem[i] != c->mem_after[i])
					k += snprintf(msg + k, sizeof(msg) - (size_t)k,
						      "mem[%d] = 0x%" PRIx64 ", want 0x%" PRIx64 "; ",
						      i, mem[i], c->mem_after[i]);
			fail_report(c->name, modes[m], c->prog, c->n, msg);
			continue;
		}
		test_passed++;
	}
}

static void run_table(const struct tcase *t, size_t n)
{
	for (size_t i = 0; i < n; i++)
		run_tcase(&t[i]);
}

#define RUN_TABLE(t) run_table(t, sizeof(t) / sizeof(t[0]))

/* ---- hand-written ALU cases --------------------------------------------- */

static const struct tcase alu_cases[] = {
	/* division and modulo by zero: x / 0 = 0, x % 0 = x */
	{ "div64 reg by 0", P(MOV64K(0, 7), MOV64K(1, 0), ALU64X(BPF_DIV, 0, 1), EXIT), .want = 0 },
	{ "div64 imm by 0", P(MOV64K(0, 7), ALU64K(BPF_DIV, 0, 0), EXIT), .want = 0 },
	{ "mod64 reg by 0 keeps dst", P(LDDW(0, 0x100000007ull), MOV64K(1, 0),
		ALU64X(BPF_MOD, 0, 1), EXIT), .want = 0x100000007ull },
	{ "mod64 imm by 0 keeps dst", P(MOV64K(0, -7), ALU64K(BPF_MOD, 0, 0), EXIT), .want = ALL1 - 6 },
	{ "div32 by 0 is 0", P(LDDW(0, 0xffffffff00000007ull), MOV64K(1, 0),
		ALU32X(BPF_DIV, 0, 1), EXIT), .want = 0 },
	{ "div32 by reg with low 32 bits 0", P(MOV64K(0, 9), LDDW(1, 0x500000000ull),
		ALU32X(BPF_DIV, 0, 1), EXIT), .want = 0 },
	{ "mod32 by 0 keeps low 32 bits", P(LDDW(0, 0xffffffff00000007ull), MOV64K(1, 0),
		ALU32X(BPF_MOD, 0, 1), EXIT), .want = 7 },
	{ "mod32 imm 0 keeps low 32 bits", P(LDDW(0, 0xabcdef0187654321ull),
		ALU32K(BPF_MOD, 0, 0), EXIT), .want = 0x87654321 },
	{ "div32 uses low 32 bits of both", P(LDDW(0, 0x100000010ull), LDDW(1, 0x100000002ull),
		ALU32X(BPF_DIV, 0, 1), EXIT), .want = 8 },
	{ "mod32 uses low 32 bits", P(LDDW(0, 0x700000011ull), LDDW(1, 0x300000005ull),
		ALU32X(BPF_MOD, 0, 1), EXIT), .want = 2 },
	/* unsigned division by a negative immediate: imm is sign extended
	 * to 64 bits, then read as unsigned (RFC 9669 4.1) */
	{ "div64 imm -1 is unsigned", P(MOV64K(0, 5), ALU64K(BPF_DIV, 0, -1), EXIT), .want = 0 },
	{ "div64 all ones by imm -1", P(MOV64K(0, -1), ALU64K(BPF_DIV, 0, -1), EXIT), .want = 1 },
	{ "mod64 imm -2 is unsigned", P(MOV64K(0, -1), ALU64K(BPF_MOD, 0, -2), EXIT), .want = 1 },
	{ "div32 INT_MIN by imm -1 is unsigned", P(MOV32K(0, INT32_MIN), ALU32K(BPF_DIV, 0, -1), EXIT),
		.want = 0 },
	{ "mod32 INT_MIN by imm -1 is unsigned", P(MOV32K(0, INT32_MIN), ALU32K(BPF_MOD, 0, -1), EXIT),
		.want = 0x80000000ull },
	{ "div64 LLONG_MIN by -1 is unsigned", P(LDDW(1, I64MIN), ALU64K(BPF_DIV, 1, -1),
		MOV64X(0, 1), EXIT), .want = 0 },
	/* signed division: truncation toward zero, INT_MIN / -1 = INT_MIN */
	{ "sdiv64 LLONG_MIN / -1", P(LDDW(0, I64MIN), MOV64K(1, -1), SALU64X(BPF_DIV, 0, 1), EXIT),
		.want = I64MIN },
	{ "sdiv64 imm LLONG_MIN / -1", P(LDDW(0, I64MIN), SALU64K(BPF_DIV, 0, -1), EXIT), .want = I64MIN },
	{ "smod64 LLONG_MIN % -1", P(LDDW(0, I64MIN), MOV64K(1, -1), SALU64X(BPF_MOD, 0, 1), EXIT),
		.want = 0 },
	{ "smod64 imm LLONG_MIN % -1", P(LDDW(0, I64MIN), SALU64K(BPF_MOD, 0, -1), EXIT), .want = 0 },
	{ "sdiv32 INT_MIN / -1", P(MOV32K(0, INT32_MIN), MOV64K(1, -1), SALU32X(BPF_DIV, 0, 1), EXIT),
		.want = 0x80000000ull },
	{ "sdiv32 imm INT_MIN / -1", P(MOV32K(0, INT32_MIN), SALU32K(BPF_DIV, 0, -1), EXIT),
		.want = 0x80000000ull },
	{ "smod32 INT_MIN % -1", P(MOV32K(0, INT32_MIN), MOV64K(1, -1), SALU32X(BPF_MOD, 0, 1), EXIT),
		.want = 0 },
	{ "smod32 imm INT_MIN % -1", P(MOV32K(0, INT32_MIN), SALU32K(BPF_MOD, 0, -1), EXIT), .want = 0 },
	{ "sdiv64 -7 / 2 = -3", P(MOV64K(0, -7), SALU64K(BPF_DIV, 0, 2), EXIT), .want = ALL1 - 2 },
	{ "sdiv64 7 / -2 = -3", P(MOV64K(0, 7), MOV64K(2, -2), SALU64X(BPF_DIV, 0, 2), EXIT),
		.want = ALL1 - 2 },
	{ "sdiv64 -7 / -2 = 3", P(MOV64K(0, -7), SALU64K(BPF_DIV, 0, -2), EXIT), .want = 3 },
	{ "sdiv64 100 / imm -3 = -33", P(MOV64K(0, 100), SALU64K(BPF_DIV, 0, -3), EXIT),
		.want = ALL1 - 32 },
	{ "smod64 -7 % 2 = -1", P(MOV64K(0, -7), SALU64K(BPF_MOD, 0, 2), EXIT), .want = ALL1 },
	{ "smod64 7 % -2 = 1", P(MOV64K(0, 7), SALU64K(BPF_MOD, 0, -2), EXIT), .want = 1 },
	{ "smod64 -7 % -2 = -1", P(MOV64K(0, -7), MOV64K(3, -2), SALU64X(BPF_MOD, 0, 3), EXIT),
		.want = ALL1 },
	{ "sdiv64 by 0 is 0", P(MOV64K(0, -7), MOV64K(1, 0), SALU64X(BPF_DIV, 0, 1), EXIT), .want = 0 },
	{ "smod64 by 0 keeps dst", P(MOV64K(0, -7), MOV64K(1, 0), SALU64X(BPF_MOD, 0, 1), EXIT),
		.want = ALL1 - 6 },
	{ "sdiv32 -7 / 2 = -3 zero-extended", P(MOV64K(0, -7), SALU32K(BPF_DIV, 0, 2), EXIT),
		.want = 0xfffffffdull },
	{ "smod32 -7 % 2 = -1 zero-extended", P(MOV64K(0, -7), SALU32K(BPF_MOD, 0, 2), EXIT),
		.want = 0xffffffffull },
	{ "smod32 7 % -2 = 1", P(MOV32K(0, 7), MOV32K(4, -2), SALU32X(BPF_MOD, 0, 4), EXIT), .want = 1 },
	{ "sdiv32 by 0 is 0", P(MOV64K(0, -7), MOV64K(1, 0), SALU32X(BPF_DIV, 0, 1), EXIT), .want = 0 },
	{ "smod32 by 0 keeps low 32 bits", P(LDDW(0, 0x12345678fffffff9ull), MOV64K(1, 0),
		SALU32X(BPF_MOD, 0, 1), EXIT), .want = 0xfffffff9ull },
	{ "sdiv32 reads only low 32 bits", P(LDDW(0, 0x1fffffff9ull), SALU32K(BPF_DIV, 0, 7), EXIT),
		.want = 0xffffffffull },
	{ "sdiv32 divisor low 32 bits", P(MOV64K(0, 12), LDDW(1, 0x7fffffffcull),
		SALU32X(BPF_DIV, 0, 1), EXIT), .want = 0xfffffffdull },
	/* shifts: register amounts are masked to the width */
	{ "lsh64 by reg 64 = by 0", P(MOV64K(0, 1), MOV64K(1, 64), ALU64X(BPF_LSH, 0, 1), EXIT), .want = 1 },
	{ "lsh64 by reg 65 = by 1", P(MOV64K(0, 1), MOV64K(1, 65), ALU64X(BPF_LSH, 0, 1), EXIT), .want = 2 },
	{ "rsh64 by reg 127 = by 63", P(MOV64K(0, -1), MOV64K(1, 127), ALU64X(BPF_RSH, 0, 1), EXIT),
		.want = 1 },
	{ "lsh64 by reg 0x100000001 = by 1", P(MOV64K(0, 3), LDDW(1, 0x100000001ull),
		ALU64X(BPF_LSH, 0, 1), EXIT), .want = 6 },
	{ "arsh64 by reg 68 = by 4", P(MOV64K(0, -256), MOV64K(1, 68), ALU64X(BPF_ARSH, 0, 1), EXIT),
		.want = ALL1 - 15 },
	{ "lsh32 by reg 32 = by 0", P(MOV64K(0, 1), MOV64K(1, 32), ALU32X(BPF_LSH, 0, 1), EXIT), .want = 1 },
	{ "lsh32 by reg 33 = by 1", P(MOV64K(0, 1), MOV64K(1, 33), ALU32X(BPF_LSH, 0, 1), EXIT), .want = 2 },
	{ "rsh32 by reg 36 = by 4", P(MOV32K(0, INT32_MIN), MOV64K(1, 36), ALU32X(BPF_RSH, 0, 1), EXIT),
		.want = 0x08000000 },
	{ "lsh32 amount from low 32 bits", P(MOV64K(0, 1), LDDW(1, 0x100000001ull),
		ALU32X(BPF_LSH, 0, 1), EXIT), .want = 2 },
	{ "arsh32 by reg 35 = by 3", P(MOV32K(0, INT32_MIN), MOV64K(1, 35), ALU32X(BPF_ARSH, 0, 1), EXIT),
		.want = 0xf0000000ull },
	{ "lsh32 drops bits above 32", P(MOV64K(0, 3), ALU32K(BPF_LSH, 0, 31), EXIT), .want = 0x80000000ull },
	{ "lsh64 imm 63", P(MOV64K(0, 1), ALU64K(BPF_LSH, 0, 63), EXIT), .want = I64MIN },
	{ "rsh64 LLONG_MIN >> 63", P(LDDW(0, I64MIN), ALU64K(BPF_RSH, 0, 63), EXIT), .want = 1 },
	{ "arsh64 LLONG_MIN >> 63", P(LDDW(0, I64MIN), ALU64K(BPF_ARSH, 0, 63), EXIT), .want = ALL1 },
	{ "arsh64 -1 >> 1", P(MOV64K(0, -1), ALU64K(BPF_ARSH, 0, 1), EXIT), .want = ALL1 },
	{ "arsh64 positive", P(LDDW(0, 0x7000000000000000ull), ALU64K(BPF_ARSH, 0, 4), EXIT),
		.want = 0x0700000000000000ull },
	{ "arsh32 uses bit 31 as sign", P(LDDW(0, 0x80000000ull), ALU32K(BPF_ARSH, 0, 4), EXIT),
		.want = 0xf8000000ull },
	{ "arsh64 of same value is positive", P(LDDW(0, 0x80000000ull), ALU64K(BPF_ARSH, 0, 4), EXIT),
		.want = 0x08000000ull },
	{ "arsh32 ignores high word", P(LDDW(0, 0xffffffff00000010ull), ALU32K(BPF_ARSH, 0, 4), EXIT),
		.want = 1 },
	{ "rsh32 zero-extends", P(MOV64K(0, -1), ALU32K(BPF_RSH, 0, 0), EXIT), .want = 0xffffffffull },
	/* 32-bit results are zero-extended into 64 bits */
	{ "w0 = -1", P(MOV32K(0, -1), EXIT), .want = 0xffffffffull },
	{ "mov32 reg clears high bits", P(LDDW(1, 0xaaaaaaaabbbbbbbbull), MOV32X(0, 1), EXIT),
		.want = 0xbbbbbbbbull },
	{ "mov32 reg to itself clears high bits", P(MOV64K(0, -1), MOV32X(0, 0), EXIT),
		.want = 0xffffffffull },
	{ "neg32 of 1", P(MOV64K(0, 1), NEG32(0), EXIT), .want = 0xffffffffull },
	{ "neg32 of 2^32 is 0", P(LDDW(0, 0x100000000ull), NEG32(0), EXIT), .want = 0 },
	{ "neg64 of 1", P(MOV64K(0, 1), NEG64(0), EXIT), .want = ALL1 },
	{ "neg64 of LLONG_MIN", P(LDDW(0, I64MIN), NEG64(0), EXIT), .want = I64MIN },
	{ "add32 wraps", P(MOV32K(0, -1), ALU32K(BPF_ADD, 0, 1), EXIT), .want = 0 },
	{ "add32 clears high bits", P(LDDW(0, 0xffffffff00000000ull), ALU32K(BPF_ADD, 0, 0), EXIT),
		.want = 0 },
	{ "sub32 1 - 2", P(MOV64K(0, 1), ALU32K(BPF_SUB, 0, 2), EXIT), .want = 0xffffffffull },
	{ "mul32 truncates", P(MOV64K(0, 0x10000), ALU32K(BPF_MUL, 0, 0x10000), EXIT), .want = 0 },
	{ "mul64 does not", P(MOV64K(0, 0x10000), ALU64K(BPF_MUL, 0, 0x10000), EXIT),
		.want = 0x100000000ull },
	{ "mul32 uses low words", P(LDDW(0, 0x300000005ull), LDDW(1, 0x700000002ull),
		ALU32X(BPF_MUL, 0, 1), EXIT), .want = 10 },
	{ "mul64 imm -1", P(MOV64K(0, 5), ALU64K(BPF_MUL, 0, -1), EXIT), .want = ALL1 - 4 },
	{ "xor32 imm -1", P(MOV64K(0, 0), ALU32K(BPF_XOR, 0, -1), EXIT), .want = 0xffffffffull },
	{ "and32 imm -1 clears high", P(MOV64K(0, -1), ALU32K(BPF_AND, 0, -1), EXIT),
		.want = 0xffffffffull },
	{ "or32 clears high", P(LDDW(0, 0xffffffff00000000ull), ALU32K(BPF_OR, 0, 1), EXIT), .want = 1 },
	{ "sub32 reg", P(MOV64K(0, 5), LDDW(1, 0x900000007ull), ALU32X(BPF_SUB, 0, 1), EXIT),
		.want = 0xfffffffeull },
	/* ALU64 immediates are sign-extended to 64 bits */
	{ "r0 = -1", P(MOV64K(0, -1), EXIT), .want = ALL1 },
	{ "r0 = INT_MIN", P(MOV64K(0, INT32_MIN), EXIT), .want = 0xffffffff80000000ull },
	{ "w0 = INT_MIN", P(MOV32K(0, INT32_MIN), EXIT), .want = 0x80000000ull },
	{ "r0 &= 0xffffffff (imm -1) keeps all", P(LDDW(0, 0x123456789abcdef0ull),
		ALU64K(BPF_AND, 0, -1), EXIT), .want = 0x123456789abcdef0ull },
	{ "r0 |= INT_MIN sets high word", P(MOV64K(0, 0), ALU64K(BPF_OR, 0, INT32_MIN), EXIT),
		.want = 0xffffffff80000000ull },
	{ "r0 += -1", P(MOV64K(0, 0), ALU64K(BPF_ADD, 0, -1), EXIT), .want = ALL1 },
	{ "r0 -= -2", P(MOV64K(0, 3), ALU64K(BPF_SUB, 0, -2), EXIT), .want = 5 },
	{ "r0 ^= -1", P(LDDW(0, 0x0f0f0f0f0f0f0f0full), ALU64K(BPF_XOR, 0, -1), EXIT),
		.want = 0xf0f0f0f0f0f0f0f0ull },
	{ "add64 carries into high word", P(MOV32K(0, -1), ALU64K(BPF_ADD, 0, 1), EXIT),
		.want = 0x100000000ull },
	/* movsx */
	{ "movsx64 s8 0x80", P(MOV64K(1, 0x80), MOVSX64(0, 1, 8), EXIT), .want = 0xffffffffffffff80ull },
	{ "movsx64 s8 0x7f", P(MOV64K(1, 0x17f), MOVSX64(0, 1, 8), EXIT), .want = 0x7f },
	{ "movsx64 s8 0x1ff", P(MOV64K(1, 0x1ff), MOVSX64(0, 1, 8), EXIT), .want = ALL1 },
	{ "movsx64 s16 0x8000", P(MOV64K(1, 0x8000), MOVSX64(0, 1, 16), EXIT),
		.want = 0xffffffffffff8000ull },
	{ "movsx64 s16 0x12347fff", P(MOV64K(1, 0x12347fff), MOVSX64(0, 1, 16), EXIT), .want = 0x7fff },
	{ "movsx64 s32 0x80000000", P(MOV32K(1, INT32_MIN), MOVSX64(0, 1, 32), EXIT),
		.want = 0xffffffff80000000ull },
	{ "movsx64 s32 ignores high word", P(LDDW(1, 0xffffffff7fffffffull), MOVSX64(0, 1, 32), EXIT),
		.want = 0x7fffffff },
	{ "movsx32 s8 0x80 zero-extends", P(MOV64K(1, 0x80), MOVSX32(0, 1, 8), EXIT),
		.want = 0xffffff80ull },
	{ "movsx32 s16 0x8000 zero-extends", P(MOV64K(1, 0x8000), MOVSX32(0, 1, 16), EXIT),
		.want = 0xffff8000ull },
	{ "movsx32 s8 positive clears high", P(LDDW(1, 0xffffffff0000007full), MOVSX32(0, 1, 8), EXIT),
		.want = 0x7f },
	{ "movsx64 in place", P(MOV64K(3, 0xfe), MOVSX64(3, 3, 8), MOV64X(0, 3), EXIT), .want = ALL1 - 1 },
	/* byte swaps (this host is little-endian: to_le truncates, to_be swaps) */
	{ "le16", P(LDDW(0, 0x1122334455667788ull), LE(0, 16), EXIT), .want = 0x7788 },
	{ "le32", P(LDDW(0, 0x1122334455667788ull), LE(0, 32), EXIT), .want = 0x55667788 },
	{ "le64", P(LDDW(0, 0x1122334455667788ull), LE(0, 64), EXIT), .want = 0x1122334455667788ull },
	{ "be16", P(LDDW(0, 0x1122334455667788ull), BE(0, 16), EXIT), .want = 0x8877 },
	{ "be32", P(LDDW(0, 0x1122334455667788ull), BE(0, 32), EXIT), .want = 0x88776655 },
	{ "be64", P(LDDW(0, 0x1122334455667788ull), BE(0, 64), EXIT), .want = 0x8877665544332211ull },
	{ "bswap16", P(LDDW(0, 0x1122334455667788ull), BSWAP(0, 16), EXIT), .want = 0x8877 },
	{ "bswap32", P(LDDW(0, 0x1122334455667788ull), BSWAP(0, 32), EXIT), .want = 0x88776655 },
	{ "bswap64", P(LDDW(0, 0x1122334455667788ull), BSWAP(0, 64), EXIT),
		.want = 0x8877665544332211ull },
	{ "be16 of 0xff00", P(MOV64K(5, 0xff00), BE(5, 16), MOV64X(0, 5), EXIT), .want = 0xff },
	{ "bswap16 twice", P(MOV64K(0, 0x1234), BSWAP(0, 16), BSWAP(0, 16), EXIT), .want = 0x1234 },
	/* lddw */
	{ "lddw 64-bit", P(LDDW(0, 0x0123456789abcdefull), EXIT), .want = 0x0123456789abcdefull },
	{ "lddw high word only", P(LDDW(0, 0xffffffff00000000ull), EXIT), .want = 0xffffffff00000000ull },
	{ "lddw low imm not sign-extended", P(LDDW(0, 0xffffffffull), EXIT), .want = 0xffffffffull },
	{ "lddw into r9", P(LDDW(9, 0x8000000000000001ull), MOV64X(0, 9), EXIT), .want = 0x8000000000000001ull },
	/* r1 at entry reaches the program */
	{ "r1 at entry", P(MOV64X(0, 1), ALU64K(BPF_ADD, 0, 1), EXIT), .r1 = 41, .want = 42 },
};

/* ---- hand-written jump cases: r0 = 1 when the jump is taken ------------- */

#define TAKEN(...) P(MOV64K(0, 1), __VA_ARGS__, MOV64K(0, 0), EXIT)

static const struct tcase jmp_cases[] = {
	{ "jeq imm -1 sign-extended", TAKEN(MOV64K(1, -1), JK(BPF_JEQ, 1, -1, 1)), .want = 1 },
	{ "jeq imm -1 vs 0xffffffff (64-bit)", TAKEN(LDDW(1, 0xffffffffull), JK(BPF_JEQ, 1, -1, 1)),
		.want = 0 },
	{ "jeq32 imm -1 vs 0xffffffff", TAKEN(LDDW(1, 0xffffffffull), J32K(BPF_JEQ, 1, -1, 1)), .want = 1 },
	{ "jgt imm -1 is unsigned max", TAKEN(MOV64K(1, 5), JK(BPF_JGT, 1, -1, 1)), .want = 0 },
	{ "jlt 1 < imm -1", TAKEN(MOV64K(1, 1), JK(BPF_JLT, 1, -1, 1)), .want = 1 },
	{ "jsgt 0 > imm -1", TAKEN(MOV64K(1, 0), JK(BPF_JSGT, 1, -1, 1)), .want = 1 },
	{ "jsge -1 >= -1", TAKEN(MOV64K(1, -1), JK(BPF_JSGE, 1, -1, 1)), .want = 1 },
	{ "jslt LLONG_MIN < 0", TAKEN(LDDW(1, I64MIN), JK(BPF_JSLT, 1, 0, 1)), .want = 1 },
	{ "jlt LLONG_MIN < 0 (unsigned)", TAKEN(LDDW(1, I64MIN), JK(BPF_JLT, 1, 0, 1)), .want = 0 },
	{ "jsle reg", TAKEN(MOV64K(1, -5), MOV64K(2, -5), JX(BPF_JSLE, 1, 2, 1)), .want = 1 },
	{ "jset 6 & 2", TAKEN(MOV64K(1, 6), JK(BPF_JSET, 1, 2, 1)), .want = 1 },
	{ "jset 6 & 1", TAKEN(MOV64K(1, 6), JK(BPF_JSET, 1, 1, 1)), .want = 0 },
	{ "jset high bit by imm -1", TAKEN(LDDW(1, I64MIN), JK(BPF_JSET, 1, -1, 1)), .want = 1 },
	{ "jset64 sees high word", TAKEN(LDDW(1, 0x100000000ull), LDDW(2, 0x100000000ull),
		JX(BPF_JSET, 1, 2, 1)), .want = 1 },
	{ "jset32 ignores high word", TAKEN(LDDW(1, 0x100000000ull), LDDW(2, 0x100000000ull),
		J32X(BPF_JSET, 1, 2, 1)), .want = 0 },
	{ "jslt32 sign of bit 31", TAKEN(LDDW(1, 0x80000000ull), J32K(BPF_JSLT, 1, 0, 1)), .want = 1 },
	{ "jslt64 same value positive", TAKEN(LDDW(1, 0x80000000ull), JK(BPF_JSLT, 1, 0, 1)), .want = 0 },
	{ "jgt32 compares low words", TAKEN(LDDW(1, 0xffffffff00000001ull), J32K(BPF_JGT, 1, 2, 1)),
		.want = 0 },
	{ "jgt64 same values", TAKEN(LDDW(1, 0xffffffff00000001ull), JK(BPF_JGT, 1, 2, 1)), .want = 1 },
	{ "jeq32 imm ignores high word", TAKEN(LDDW(1, 0xdeadbeef00000005ull), J32K(BPF_JEQ, 1, 5, 1)),
		.want = 1 },
	{ "jne32 reg ignores high words", TAKEN(LDDW(1, 0x100000007ull), LDDW(2, 0x200000007ull),
		J32X(BPF_JNE, 1, 2, 1)), .want = 0 },
	{ "jsgt32 reg", TAKEN(MOV32K(1, 1), MOV32K(2, -1), J32X(BPF_JSGT, 1, 2, 1)), .want = 1 },
	{ "jgt32 reg unsigned", TAKEN(MOV32K(1, 1), MOV32K(2, -1), J32X(BPF_JGT, 1, 2, 1)), .want = 0 },
	{ "jsle32 imm", TAKEN(MOV32K(1, INT32_MIN), J32K(BPF_JSLE, 1, INT32_MIN, 1)), .want = 1 },
	{ "jge32 imm", TAKEN(MOV32K(1, 0x7fffffff), J32K(BPF_JGE, 1, INT32_MIN, 1)), .want = 0 },
	{ "jle64 reg equal", TAKEN(MOV64K(8, 3), MOV64K(9, 3), JX(BPF_JLE, 8, 9, 1)), .want = 1 },
	{ "ja +1 skips", P(MOV64K(0, 1), JA(1), MOV64K(0, 2), EXIT), .want = 1 },
	{ "ja +0 is a no-op", P(MOV64K(0, 1), JA(0), MOV64K(0, 2), EXIT), .want = 2 },
	{ "gotol +1 skips", P(MOV64K(0, 1), GOTOL(1), MOV64K(0, 2), EXIT), .want = 1 },
	{ "gotol +2 skips lddw", P(MOV64K(0, 1), GOTOL(2), LDDW(0, 9), EXIT), .want = 1 },
	{ "backward loop: sum 1..10",
		P(MOV64K(0, 0), MOV64K(1, 10), ALU64X(BPF_ADD, 0, 1), ALU64K(BPF_SUB, 1, 1),
		  JK(BPF_JNE, 1, 0, -3), EXIT), .want = 55 },
	{ "backward gotol loop",
		P(MOV64K(0, 0), MOV64K(1, 5), ALU64K(BPF_ADD, 0, 3), ALU64K(BPF_SUB, 1, 1),
		  JK(BPF_JEQ, 1, 0, 1), GOTOL(-4), EXIT), .want = 15 },
	{ "jump over lddw", P(MOV64K(0, 4), JA(2), LDDW(0, 5), EXIT), .want = 4 },
	{ "forward jump to exit", P(MOV64K(0, 7), JK(BPF_JEQ, 0, 7, 2), MOV64K(0, 1), MOV64K(0, 2), EXIT),
		.want = 7 },
};

/* ---- memory: loads, stores, atomics on a region and the stack ----------- */

#define M(...) .use_mem = 1, .mem = { __VA_ARGS__ }
#define AFTER(...) .check_mem = 1, .mem_after = { __VA_ARGS__ }
#define PAT 0xf0debc9a78563412ull   /* bytes 12 34 56 78 9a bc de f0 */

static const struct tcase mem_cases[] = {
	{ "ldxb", P(LDX(BPF_B, 0, 1, 1), EXIT), M(PAT), .want = 0x34 },
	{ "ldxb high bit is not sign-extended", P(LDX(BPF_B, 0, 1, 7), EXIT), M(PAT), .want = 0xf0 },
	{ "ldxh", P(LDX(BPF_H, 0, 1, 2), EXIT), M(PAT), .want = 0x7856 },
	{ "ldxh unaligned", P(LDX(BPF_H, 0, 1, 3), EXIT), M(PAT), .want = 0x9a78 },
	{ "ldxw", P(LDX(BPF_W, 0, 1, 4), EXIT), M(PAT), .want = 0xf0debc9a },
	{ "ldxdw", P(LDX(BPF_DW, 0, 1, 0), EXIT), M(PAT), .want = PAT },
	{ "ldxdw second word", P(LDX(BPF_DW, 0, 1, 8), EXIT), M(PAT, 0x1122334455667788ull),
		.want = 0x1122334455667788ull },
	{ "ldxdw unaligned", P(LDX(BPF_DW, 0, 1, 4), EXIT), M(PAT, 0x1122334455667788ull),
		.want = 0x55667788f0debc9aull },
	{ "ldxdw negative offset", P(ALU64K(BPF_ADD, 1, 16), LDX(BPF_DW, 0, 1, -16), EXIT), M(PAT),
		.want = PAT },
	{ "ldxdw last word", P(LDX(BPF_DW, 0, 1, 24), EXIT), M(0, 0, 0, 77), .want = 77 },
	{ "ldxsb negative", P(LDXS(BPF_B, 0, 1, 7), EXIT), M(PAT), .want = 0xfffffffffffffff0ull },
	{ "ldxsb positive", P(LDXS(BPF_B, 0, 1, 0), EXIT), M(PAT), .want = 0x12 },
	{ "ldxsh negative", P(LDXS(BPF_H, 0, 1, 6), EXIT), M(PAT), .want = 0xfffffffffffff0deull },
	{ "ldxsh positive", P(LDXS(BPF_H, 0, 1, 0), EXIT), M(PAT), .want = 0x3412 },
	{ "ldxsw negative", P(LDXS(BPF_W, 0, 1, 4), EXIT), M(PAT), .want = 0xfffffffff0debc9aull },
	{ "ldxsw positive", P(LDXS(BPF_W, 0, 1, 0), EXIT), M(PAT), .want = 0x78563412 },
	{ "ldx into r1 from r1", P(LDX(BPF_W, 1, 1, 0), MOV64X(0, 1), EXIT), M(PAT), .want = 0x78563412 },
	{ "stb imm", P(ST(BPF_B, 1, 3, 0xab), LDX(BPF_DW, 0, 1, 0), EXIT), M(PAT),
		.want = 0xf0debc9aab563412ull, AFTER(0xf0debc9aab563412ull) },
	{ "sth imm", P(ST(BPF_H, 1, 2, 0x4321), LDX(BPF_DW, 0, 1, 0), EXIT), M(PAT),
		.want = 0xf0debc9a43213412ull, AFTER(0xf0debc9a43213412ull) },
	{ "stw imm", P(ST(BPF_W, 1, 4, 0x01020304), LDX(BPF_DW, 0, 1, 0), EXIT), M(PAT),
		.want = 0x0102030478563412ull, AFTER(0x0102030478563412ull) },
	{ "stw imm -1 writes 4 bytes", P(ST(BPF_W, 1, 8, -1), LDX(BPF_DW, 0, 1, 8), EXIT),
		M(0, 0x1111111111111111ull), .want = 0x11111111ffffffffull,
		AFTER(0, 0x11111111ffffffffull) },
	{ "stdw imm -1 is sign-extended", P(ST(BPF_DW, 1, 8, -1), LDX(BPF_DW, 0, 1, 8), EXIT), M(0),
		.want = ALL1, AFTER(0, ALL1) },
	{ "stdw imm INT_MIN is sign-extended", P(ST(BPF_DW, 1, 16, INT32_MIN), LDX(BPF_DW, 0, 1, 16), EXIT),
		M(0), .want = 0xffffffff80000000ull, AFTER(0, 0, 0xffffffff80000000ull) },
	{ "stdw imm positive", P(ST(BPF_DW, 1, 24, 0x7fffffff), LDX(BPF_DW, 0, 1, 24), EXIT),
		M(0, 0, 0, ALL1), .want = 0x7fffffff, AFTER(0, 0, 0, 0x7fffffff) },
	{ "stxb truncates", P(MOV64K(2, 0x1234), STX(BPF_B, 1, 2, 0), LDX(BPF_DW, 0, 1, 0), EXIT), M(PAT),
		.want = 0xf0debc9a78563434ull, AFTER(0xf0debc9a78563434ull) },
	{ "stxh truncates", P(MOV64K(2, 0x123456), STX(BPF_H, 1, 2, 6), LDX(BPF_DW, 0, 1, 0), EXIT), M(PAT),
		.want = 0x3456bc9a78563412ull, AFTER(0x3456bc9a78563412ull) },
	{ "stxw truncates", P(LDDW(2, 0xaaaaaaaabbbbbbbbull), STX(BPF_W, 1, 2, 4), LDX(BPF_DW, 0, 1, 0), EXIT),
		M(PAT), .want = 0xbbbbbbbb78563412ull, AFTER(0xbbbbbbbb78563412ull) },
	{ "stxdw", P(LDDW(2, 0xaaaaaaaabbbbbbbbull), STX(BPF_DW, 1, 2, 8), LDX(BPF_DW, 0, 1, 8), EXIT),
		M(PAT), .want = 0xaaaaaaaabbbbbbbbull, AFTER(PAT, 0xaaaaaaaabbbbbbbbull) },
	{ "stxdw unaligned", P(MOV64K(2, -1), STX(BPF_DW, 1, 2, 4), LDX(BPF_DW, 0, 1, 8), EXIT),
		M(0, 0), .want = 0xffffffffull, AFTER(0xffffffff00000000ull, 0xffffffffull) },
	{ "r2 carries the input beside mem", P(MOV64X(0, 2), EXIT), M(0), .r1 = 99, .want = 99 },
	/* the stack */
	{ "stack stdw/ldxdw r10-8", P(LDDW(1, 0x1122334455667788ull), STX(BPF_DW, 10, 1, -8),
		LDX(BPF_DW, 0, 10, -8), EXIT), .want = 0x1122334455667788ull },
	{ "stack bottom r10-512", P(ST(BPF_DW, 10, -512, 0x5a5a), LDX(BPF_DW, 0, 10, -512), EXIT),
		.want = 0x5a5a },
	{ "stack top byte r10-1", P(ST(BPF_B, 10, -1, 0xee), LDX(BPF_B, 0, 10, -1), EXIT), .want = 0xee },
	{ "stack little-endian views", P(ST(BPF_W, 10, -8, 0x11223344), LDX(BPF_B, 0, 10, -8),
		LDX(BPF_H, 1, 10, -6), ALU64K(BPF_LSH, 1, 8), ALU64X(BPF_OR, 0, 1), EXIT), .want = 0x112244 },
	{ "stack ldxsh", P(ST(BPF_H, 10, -2, 0x8001), LDXS(BPF_H, 0, 10, -2), EXIT),
		.want = 0xffffffffffff8001ull },
	{ "stack ldxsw", P(ST(BPF_W, 10, -4, -2), LDXS(BPF_W, 0, 10, -4), EXIT), .want = ALL1 - 1 },
	{ "stack through a copy of r10", P(MOV64X(2, 10), ALU64K(BPF_ADD, 2, -16), ST(BPF_DW, 2, 0, 31),
		LDX(BPF_DW, 0, 10, -16), EXIT), .want = 31 },
	{ "stores leave r10 alone", P(MOV64X(6, 10), ST(BPF_DW, 10, -8, 1), STX(BPF_DW, 10, 6, -16),
		MOV64X(0, 10), ALU64X(BPF_SUB, 0, 6), EXIT), .want = 0 },
	{ "stack to region copy", P(ST(BPF_DW, 10, -8, 0x77), LDX(BPF_DW, 2, 10, -8),
		STX(BPF_DW, 1, 2, 0), LDX(BPF_DW, 0, 1, 0), EXIT), M(0), .want = 0x77, AFTER(0x77) },
	/* atomics: non-fetch forms leave src alone; fetch forms load the old
	 * value into src (32-bit: zero-extended) */
	{ "atomic add64", P(MOV64K(2, 5), ATOM(BPF_DW, BPF_ADD, 1, 2, 0), MOV64X(0, 2), EXIT),
		M(0x10), .want = 5, AFTER(0x15) },
	{ "atomic fetch add64", P(MOV64K(2, 5), ATOM(BPF_DW, BPF_ADD | BPF_FETCH, 1, 2, 0), MOV64X(0, 2), EXIT),
		M(0x10), .want = 0x10, AFTER(0x15) },
	{ "atomic add64 carries", P(MOV64K(2, 1), ATOM(BPF_DW, BPF_ADD, 1, 2, 8), MOV64X(0, 2), EXIT),
		M(0, 0xffffffffull), .want = 1, AFTER(0, 0x100000000ull) },
	{ "atomic add32 wraps within the word", P(MOV64K(2, 0x20), ATOM(BPF_W, BPF_ADD, 1, 2, 0),
		MOV64X(0, 2), EXIT), M(0xaaaaaaaafffffff0ull), .want = 0x20, AFTER(0xaaaaaaaa00000010ull) },
	{ "atomic fetch add32 zero-extends", P(LDDW(2, 0xffffffff00000020ull),
		ATOM(BPF_W, BPF_ADD | BPF_FETCH, 1, 2, 0), MOV64X(0, 2), EXIT),
		M(0xaaaaaaaafffffff0ull), .want = 0xfffffff0ull, AFTER(0xaaaaaaaa00000010ull) },
	{ "atomic add32 upper word", P(MOV64K(2, 1), ATOM(BPF_W, BPF_ADD, 1, 2, 4), MOV64X(0, 2), EXIT),
		M(0x00000005ffffffffull), .want = 1, AFTER(0x00000006ffffffffull) },
	{ "atomic or64", P(MOV64K(2, 0x0f), ATOM(BPF_DW, BPF_OR, 1, 2, 0), MOV64X(0, 2), EXIT),
		M(0xf0), .want = 0x0f, AFTER(0xff) },
	{ "atomic fetch or64", P(LDDW(2, 0x0f00000000000000ull), ATOM(BPF_DW, BPF_OR | BPF_FETCH, 1, 2, 0),
		MOV64X(0, 2), EXIT), M(0xf0), .want = 0xf0, AFTER(0x0f000000000000f0ull) },
	{ "atomic or32", P(MOV64K(2, 1), ATOM(BPF_W, BPF_OR, 1, 2, 0), MOV64X(0, 2), EXIT),
		M(0x1111111180000000ull), .want = 1, AFTER(0x1111111180000001ull) },
	{ "atomic fetch or32 zero-extends", P(MOV64K(2, 1), ATOM(BPF_W, BPF_OR | BPF_FETCH, 1, 2, 0),
		MOV64X(0, 2), EXIT), M(0x1111111180000000ull), .want = 0x80000000ull,
		AFTER(0x1111111180000001ull) },
	{ "atomic and64", P(LDDW(2, 0x0ff00ff00ff00ff0ull), ATOM(BPF_DW, BPF_AND, 1, 2, 0), MOV64X(0, 2), EXIT),
		M(0xff00ff00ff00ff00ull), .want = 0x0ff00ff00ff00ff0ull, AFTER(0x0f000f000f000f00ull) },
	{ "atomic fetch and64", P(LDDW(2, 0x0ff00ff00ff00ff0ull), ATOM(BPF_DW, BPF_AND | BPF_FETCH, 1, 2, 0),
		MOV64X(0, 2), EXIT), M(0xff00ff00ff00ff00ull), .want = 0xff00ff00ff00ff00ull,
		AFTER(0x0f000f000f000f00ull) },
	{ "atomic and32", P(LDDW(2, 0xffff000000ff00ffull), ATOM(BPF_W, BPF_AND, 1, 2, 0), MOV64X(0, 2), EXIT),
		M(0x12345678ffff0000ull), .want = 0xffff000000ff00ffull, AFTER(0x1234567800ff0000ull) },
	{ "atomic fetch and32", P(LDDW(2, 0xffff000000ff00ffull), ATOM(BPF_W, BPF_AND | BPF_FETCH, 1, 2, 0),
		MOV64X(0, 2), EXIT), M(0x12345678ffff0000ull), .want = 0xffff0000ull,
		AFTER(0x1234567800ff0000ull) },
	{ "atomic xor64", P(MOV64K(2, -1), ATOM(BPF_DW, BPF_XOR, 1, 2, 8), MOV64X(0, 2), EXIT),
		M(0, 0x00ff00ff00ff00ffull), .want = ALL1, AFTER(0, 0xff00ff00ff00ff00ull) },
	{ "atomic fetch xor64", P(MOV64K(2, -1), ATOM(BPF_DW, BPF_XOR | BPF_FETCH, 1, 2, 8), MOV64X(0, 2), EXIT),
		M(0, 0x00ff00ff00ff00ffull), .want = 0x00ff00ff00ff00ffull, AFTER(0, 0xff00ff00ff00ff00ull) },
	{ "atomic xor32", P(MOV64K(2, -1), ATOM(BPF_W, BPF_XOR, 1, 2, 8), MOV64X(0, 2), EXIT),
		M(0, 0x1234567800000001ull), .want = ALL1, AFTER(0, 0x12345678fffffffeull) },
	{ "atomic fetch xor32", P(MOV64K(2, -1), ATOM(BPF_W, BPF_XOR | BPF_FETCH, 1, 2, 8), MOV64X(0, 2), EXIT),
		M(0, 0x12345678f0000001ull), .want = 0xf0000001ull, AFTER(0, 0x123456780ffffffeull) },
	{ "atomic xchg64", P(MOV64K(2, 0x2222), ATOM(BPF_DW, BPF_XCHG, 1, 2, 0), MOV64X(0, 2), EXIT),
		M(0x1111), .want = 0x1111, AFTER(0x2222) },
	{ "atomic xchg32", P(LDDW(2, 0xccccccccddddddddull), ATOM(BPF_W, BPF_XCHG, 1, 2, 0), MOV64X(0, 2), EXIT),
		M(0xaaaaaaaabbbbbbbbull), .want = 0xbbbbbbbbull, AFTER(0xaaaaaaaaddddddddull) },
	{ "atomic cmpxchg64 match", P(MOV64K(0, 0x1234), MOV64K(2, 0x5678),
		ATOM(BPF_DW, BPF_CMPXCHG, 1, 2, 0), EXIT), M(0x1234), .want = 0x1234, AFTER(0x5678) },
	{ "atomic cmpxchg64 mismatch", P(MOV64K(0, 0x9999), MOV64K(2, 0x5678),
		ATOM(BPF_DW, BPF_CMPXCHG, 1, 2, 0), EXIT), M(0x1234), .want = 0x1234, AFTER(0x1234) },
	{ "atomic cmpxchg64 leaves src", P(MOV64K(0, 0x1234), MOV64K(2, 0x5678),
		ATOM(BPF_DW, BPF_CMPXCHG, 1, 2, 0), MOV64X(0, 2), EXIT), M(0x1234), .want = 0x5678,
		AFTER(0x5678) },
	{ "atomic cmpxchg64 full width compare", P(MOV64K(0, 5), MOV64K(2, 0x77),
		ATOM(BPF_DW, BPF_CMPXCHG, 1, 2, 0), EXIT), M(0x100000005ull), .want = 0x100000005ull,
		AFTER(0x100000005ull) },
	{ "atomic cmpxchg32 compares low 32 of r0", P(LDDW(0, 0xdeadbeef00000005ull), MOV64K(2, 0x77),
		ATOM(BPF_W, BPF_CMPXCHG, 1, 2, 0), EXIT), M(0xaaaaaaaa00000005ull), .want = 5,
		AFTER(0xaaaaaaaa00000077ull) },
	{ "atomic cmpxchg32 mismatch", P(MOV64K(0, 6), MOV64K(2, 0x77), ATOM(BPF_W, BPF_CMPXCHG, 1, 2, 0), EXIT),
		M(0xaaaaaaaa00000005ull), .want = 5, AFTER(0xaaaaaaaa00000005ull) },
	{ "atomic cmpxchg32 old value zero-extended", P(MOV64K(0, 0), MOV64K(2, 0x77),
		ATOM(BPF_W, BPF_CMPXCHG, 1, 2, 0), EXIT), M(0x80000000ull), .want = 0x80000000ull,
		AFTER(0x80000000ull) },
	{ "atomic on the stack", P(ST(BPF_DW, 10, -8, 40), MOV64K(2, 2),
		ATOM(BPF_DW, BPF_ADD | BPF_FETCH, 10, 2, -8), LDX(BPF_DW, 0, 10, -8), ALU64X(BPF_ADD, 0, 2), EXIT),
		.want = 82 },
	{ "atomic with negative offset", P(ALU64K(BPF_ADD, 1, 16), MOV64K(2, 3),
		ATOM(BPF_DW, BPF_ADD, 1, 2, -8), LDX(BPF_DW, 0, 1, -8), EXIT), M(0, 10), .want = 13,
		AFTER(0, 13) },
	{ "atomic cmpxchg on the stack", P(ST(BPF_W, 10, -4, 9), MOV64K(0, 9), MOV64K(2, 10),
		ATOM(BPF_W, BPF_CMPXCHG, 10, 2, -4), LDX(BPF_W, 3, 10, -4), ALU64K(BPF_LSH, 3, 8),
		ALU64X(BPF_OR, 0, 3), EXIT), .want = 0x0a09 },
};

/* ---- legacy packet loads: r0 = ntoh(pkt[k]) or ntoh(pkt[src + k]) ------- */

static const struct tcase pkt_cases[] = {
	{ "ldabsb", P(LDABS(BPF_B, 1), EXIT), .use_pkt = 1, .want = 0x34 },
	{ "ldabsb last byte", P(LDABS(BPF_B, 15), EXIT), .use_pkt = 1, .want = 0x08 },
	{ "ldabsh big-endian", P(LDABS(BPF_H, 0), EXIT), .use_pkt = 1, .want = 0x1234 },
	{ "ldabsh odd offset", P(LDABS(BPF_H, 5), EXIT), .use_pkt = 1, .want = 0xbcde },
	{ "ldabsw big-endian, zero-extended", P(LDABS(BPF_W, 4), EXIT), .use_pkt = 1, .want = 0x9abcdef0 },
	{ "ldabsw last word", P(LDABS(BPF_W, 12), EXIT), .use_pkt = 1, .want = 0x05060708 },
	{ "ldabs replaces r0", P(MOV64K(0, -1), LDABS(BPF_B, 0), EXIT), .use_pkt = 1, .want = 0x12 },
	{ "ldindw", P(MOV64K(6, 2), LDIND(BPF_W, 6, 1), EXIT), .use_pkt = 1, .want = 0x789abcde },
	{ "ldindb", P(MOV64K(7, 15), LDIND(BPF_B, 7, 0), EXIT), .use_pkt = 1, .want = 0x08 },
	{ "ldindh negative imm", P(MOV64K(6, 5), LDIND(BPF_H, 6, -1), EXIT), .use_pkt = 1, .want = 0x9abc },
	{ "ld_abs keeps r6-r9", P(MOV64K(6, 6), MOV64K(9, 9), LDABS(BPF_B, 0), ALU64X(BPF_ADD, 0, 6),
		ALU64X(BPF_ADD, 0, 9), EXIT), .use_pkt = 1, .want = 0x12 + 15 },
	/* out of bounds: the program ends with r0 = 0 */
	{ "ldabsw straddling the end", P(MOV64K(0, 99), LDABS(BPF_W, 13), MOV64K(0, 5), EXIT),
		.use_pkt = 1, .want = 0 },
	{ "ldabsb past the end", P(MOV64K(0, 99), LDABS(BPF_B, 16), MOV64K(0, 5), EXIT),
		.use_pkt = 1, .want = 0 },
	{ "ldabsh straddling the end", P(LDABS(BPF_H, 15), MOV64K(0, 5), EXIT), .use_pkt = 1, .want = 0 },
	{ "ldabsw far past the end", P(LDABS(BPF_W, 0x7fffffff), MOV64K(0, 5), EXIT), .use_pkt = 1,
		.want = 0 },
	{ "ldindh straddling the end", P(MOV64K(6, 14), LDIND(BPF_H, 6, 1), MOV64K(0, 5), EXIT),
		.use_pkt = 1, .want = 0 },
	{ "ldindb far past the end", P(MOV64K(6, 1000), LDIND(BPF_B, 6, 0), MOV64K(0, 5), EXIT),
		.use_pkt = 1, .want = 0 },
};

/* ---- bpf-to-bpf calls --------------------------------------------------- */

static const struct tcase call_cases[] = {
	{ "call passes r1-r5, returns r0", P(
		MOV64K(1, 1), MOV64K(2, 2), MOV64K(3, 3), MOV64K(4, 4), MOV64K(5, 5),
		CALL_LOCAL(1), EXIT,
		/* 7: */ MOV64X(0, 5), ALU64K(BPF_LSH, 0, 4), ALU64X(BPF_ADD, 0, 4),
		ALU64K(BPF_LSH, 0, 4), ALU64X(BPF_ADD, 0, 3), ALU64K(BPF_LSH, 0, 4),
		ALU64X(BPF_ADD, 0, 2), ALU64K(BPF_LSH, 0, 4), ALU64X(BPF_ADD, 0, 1), EXIT),
		.want = 0x54321 },
	{ "callee-saved r6-r9 survive the call", P(
		MOV64K(6, 6), MOV64K(7, 7), MOV64K(8, 8), MOV64K(9, 9),
		CALL_LOCAL(8),
		MOV64X(0, 6), ALU64K(BPF_MUL, 0, 10), ALU64X(BPF_ADD, 0, 7), ALU64K(BPF_MUL, 0, 10),
		ALU64X(BPF_ADD, 0, 8), ALU64K(BPF_MUL, 0, 10), ALU64X(BPF_ADD, 0, 9), EXIT,
		/* 13: */ MOV64K(6, 60), MOV64K(7, 70), MOV64K(8, 80), MOV64K(9, 90), MOV64K(0, 0), EXIT),
		.want = 6789 },
	{ "callee reads the caller's stack, keeps its own", P(
		ST(BPF_DW, 10, -8, 0x11), MOV64X(1, 10), ALU64K(BPF_ADD, 1, -8), CALL_LOCAL(4),
		LDX(BPF_DW, 1, 10, -8), ALU64K(BPF_LSH, 0, 8), ALU64X(BPF_ADD, 0, 1), EXIT,
		/* 8: */ LDX(BPF_DW, 0, 1, 0), ST(BPF_DW, 10, -8, 0x22), LDX(BPF_DW, 2, 10, -8),
		ALU64X(BPF_ADD, 0, 2), EXIT),
		.want = 0x3311 },
	{ "callee writes the caller's stack", P(
		ST(BPF_DW, 10, -16, 1), MOV64X(1, 10), ALU64K(BPF_ADD, 1, -16), CALL_LOCAL(2),
		LDX(BPF_DW, 0, 10, -16), EXIT,
		/* 6: */ ST(BPF_DW, 1, 0, 0x4242), MOV64K(0, 0), EXIT),
		.want = 0x4242 },
	{ "each frame has its own r10", P(
		MOV64X(6, 10), CALL_LOCAL(5), MOV64X(7, 0), MOV64K(0, 1), JX(BPF_JNE, 7, 6, 1),
		MOV64K(0, 0), EXIT,
		/* 7: */ MOV64X(0, 10), EXIT),
		.want = 1 },
	{ "r10 is restored after the call", P(
		MOV64X(6, 10), CALL_LOCAL(3), MOV64X(0, 10), ALU64X(BPF_SUB, 0, 6), EXIT,
		/* 5: */ MOV64K(0, 7), EXIT),
		.want = 0 },
	{ "callee filling its whole stack leaves the caller's", P(
		ST(BPF_DW, 10, -8, 1), ST(BPF_DW, 10, -512, 2), CALL_LOCAL(5),
		LDX(BPF_DW, 0, 10, -8), LDX(BPF_DW, 1, 10, -512), ALU64K(BPF_LSH, 1, 4),
		ALU64X(BPF_ADD, 0, 1), EXIT,
		/* 8: */ MOV64X(1, 10), ALU64K(BPF_ADD, 1, -512), ST(BPF_DW, 1, 0, -1),
		ALU64K(BPF_ADD, 1, 8), JX(BPF_JNE, 1, 10, -3), MOV64K(0, 0), EXIT),
		.want = 0x21 },
	{ "nested calls", P(
		MOV64K(1, 3), CALL_LOCAL(2), ALU64K(BPF_ADD, 0, 1000), EXIT,
		/* 4: f(x) = g(x) * 2 */ CALL_LOCAL(2), ALU64K(BPF_MUL, 0, 2), EXIT,
		/* 7: g(x) = x + 10 */ MOV64X(0, 1), ALU64K(BPF_ADD, 0, 10), EXIT),
		.want = 1026 },
	{ "recursion: 5! with r6 saved per frame", P(
		MOV64K(1, 5), CALL_LOCAL(1), EXIT,
		/* 3: */ MOV64K(0, 1), JK(BPF_JLE, 1, 1, 4), MOV64X(6, 1), ALU64K(BPF_SUB, 1, 1),
		CALL_LOCAL(-5), ALU64X(BPF_MUL, 0, 6), EXIT),
		.want = 120 },
	{ "call then jump in callee", P(
		MOV64K(1, 4), CALL_LOCAL(1), EXIT,
		/* 3: */ MOV64K(0, 0), ALU64X(BPF_ADD, 0, 1), ALU64K(BPF_SUB, 1, 1), JK(BPF_JNE, 1, 0, -3), EXIT),
		.want = 10 },
};

/* ---- generated ALU cases against reference functions -------------------- */

static uint64_t sar64(uint64_t a, unsigned s)
{
	s &= 63;
	if (!s)
		return a;
	return (a >> s) | ((a >> 63) ? ~(ALL1 >> s) : 0);
}

static uint32_t sar32(uint32_t a, unsigned s)
{
	s &= 31;
	if (!s)
		return a;
	return (a >> s) | ((a >> 31) ? ~(0xffffffffu >> s) : 0);
}

/* RFC 9669 4.1, 64-bit: b is src, or imm sign-extended. */
static uint64_t ref_alu64(uint8_t op, int sgn, uint64_t a, uint64_t b)
{
	switch (op) {
	case BPF_ADD: return a + b;
	case BPF_SUB: return a - b;
	case BPF_MUL: return a * b;
	case BPF_OR:  return a | b;
	case BPF_AND: return a & b;
	case BPF_XOR: return a ^ b;
	case BPF_MOV: return b;
	case BPF_LSH: return a << (b & 63);
	case BPF_RSH: return a >> (b & 63);
	case BPF_ARSH: return sar64(a, (unsigned)(b & 63));
	case BPF_DIV:
		if (b == 0)
			return 0;
		if (!sgn)
			return a / b;
		if (a == I64MIN && b == ALL1)
			return I64MIN;
		return (uint64_t)((int64_t)a / (int64_t)b);
	case BPF_MOD:
		if (b == 0)
			return a;
		if (!sgn)
			return a % b;
		if (a == I64MIN && b == ALL1)
			return 0;
		return (uint64_t)((int64_t)a % (int64_t)b);
	}
	return 0xbad;
}

/* 32-bit: operands are the low 32 bits, the result is zero-extended. */
static uint64_t ref_alu32(uint8_t op, int sgn, uint64_t a64, uint64_t b64)
{
	uint32_t a = (uint32_t)a64, b = (uint32_t)b64;

	switch (op) {
	case BPF_ADD: return (uint32_t)(a + b);
	case BPF_SUB: return (uint32_t)(a - b);
	case BPF_MUL: return (uint32_t)(a * b);
	case BPF_OR:  return a | b;
	case BPF_AND: return a & b;
	case BPF_XOR: return a ^ b;
	case BPF_MOV: return b;
	case BPF_LSH: return (uint32_t)(a << (b & 31));
	case BPF_RSH: return a >> (b & 31);
	case BPF_ARSH: return sar32(a, b & 31);
	case BPF_DIV:
		if (b == 0)
			return 0;
		if (!sgn)
			return a / b;
		if (a == 0x80000000u && b == 0xffffffffu)
			return 0x80000000u;
		return (uint32_t)((int32_t)a / (int32_t)b);
	case BPF_MOD:
		if (b == 0)
			return a;
		if (!sgn)
			return a % b;
		if (a == 0x80000000u && b == 0xffffffffu)
			return 0;
		return (uint32_t)((int32_t)a % (int32_t)b);
	}
	return 0xbad;
}

static const uint64_t grid[] = {
	0, 1, 2, 3, 7, 31, 32, 33, 63, 64, 65, ALL1, ALL1 - 1, ALL1 - 6,
	0x7fffffff, 0x80000000ull, 0xffffffffull, 0x100000000ull, 0xffffffff80000000ull,
	I64MIN, I64MIN - 1, 0x123456789abcdef0ull, 0xfedcba9876543210ull, 0x00000001fffffff9ull,
};
#define NGRID (sizeof(grid) / sizeof(grid[0]))

static void run_generated(const char *name, struct bpf_insn *p, size_t n, uint64_t want)
{
	struct tcase c;

	memset(&c, 0, sizeof(c));
	c.name = name;
	memcpy(c.prog, p, n * sizeof(*p));
	c.n = n;
	c.want = want;
	run_tcase(&c);
}

static size_t put_lddw(struct bpf_insn *p, uint8_t reg, uint64_t v)
{
	p[0] = mk(BPF_LD | BPF_IMM | BPF_DW, reg, 0, 0, LO32(v));
	p[1] = mk(0, 0, 0, 0, HI32(v));
	return 2;
}

static void gen_alu(void)
{
	static const struct { const char *name; uint8_t op; int sgn; } ops[] = {
		{ "add", BPF_ADD, 0 }, { "sub", BPF_SUB, 0 }, { "mul", BPF_MUL, 0 },
		{ "div", BPF_DIV, 0 }, { "sdiv", BPF_DIV, 1 }, { "or", BPF_OR, 0 },
		{ "and", BPF_AND, 0 }, { "lsh", BPF_LSH, 0 }, { "rsh", BPF_RSH, 0 },
		{ "mod", BPF_MOD, 0 }, { "smod", BPF_MOD, 1 }, { "xor", BPF_XOR, 0 },
		{ "mov", BPF_MOV, 0 }, { "arsh", BPF_ARSH, 0 },
	};

	for (size_t o = 0; o < sizeof(ops) / sizeof(ops[0]); o++)
		for (int is64 = 0; is64 < 2; is64++)
			for (int src_x = 0; src_x < 2; src_x++) {
				char name[64];

				snprintf(name, sizeof(name), "generated %s%s %s", ops[o].name,
					 is64 ? "64" : "32", src_x ? "reg" : "imm");
				fam_fail = 0;
				fam_limit = 3;
				for (size_t i = 0; i < NGRID; i++)
					for (size_t j = 0; j < NGRID; j++) {
						uint64_t a = grid[i], b = grid[j], want;
						struct bpf_insn p[8];
						size_t n = 0;
						uint8_t cls = is64 ? BPF_ALU64 : BPF_ALU;
						int16_t off = (int16_t)ops[o].sgn;

						if (!src_x) {
							/* imm: the grid value's low 32 bits */
							int32_t k = LO32(b);

							if ((ops[o].op == BPF_LSH || ops[o].op == BPF_RSH ||
							     ops[o].op == BPF_ARSH) &&
							    (k < 0 || k >= (is64 ? 64 : 32)))
								continue; /* out-of-range shift imm */
							b = (uint64_t)(int64_t)k;
						}
						want = is64 ? ref_alu64(ops[o].op, ops[o].sgn, a, b)
							    : ref_alu32(ops[o].op, ops[o].sgn, a, b);
						n += put_lddw(p + n, 3, a);
						if (src_x) {
							n += put_lddw(p + n, 7, b);
							p[n++] = mk(cls | ops[o].op | BPF_X, 3, 7, off, 0);
						} else {
							p[n++] = mk(cls | ops[o].op | BPF_K, 3, 0, off, LO32(b));
						}
						p[n++] = mk(BPF_ALU64 | BPF_MOV | BPF_X, 0, 3, 0, 0);
						p[n++] = mk(BPF_JMP | BPF_EXIT, 0, 0, 0, 0);
						run_generated(name, p, n, want);
					}
				if (fam_fail > fam_limit)
					fprintf(stderr, "  ... %s: %u failures in all\n", name, fam_fail);
			}
	fam_limit = ~0u;
}

static uint64_t swab(uint64_t v, int bytes)
{
	uint64_t r = 0;

	for (int i = 0; i < bytes; i++)
		r |= ((v >> (8 * i)) & 0xff) << (8 * (bytes - 1 - i));
	return r;
}

static uint64_t sext(uint64_t v, int bits)
{
	uint64_t m = 1ull << (bits - 1);

	v &= bits == 64 ? ALL1 : (1ull << bits) - 1;
	return (v ^ m) - m;
}

/* neg, movsx, byte swaps over the grid */
static void gen_unary(void)
{
	static const struct { const char *name; uint8_t code; int16_t off; int32_t imm; } ops[] = {
		{ "neg64", BPF_ALU64 | BPF_NEG, 0, 0 },  { "neg32", BPF_ALU | BPF_NEG, 0, 0 },
		{ "movsx64 8", BPF_ALU64 | BPF_MOV | BPF_X, 8, 0 },
		{ "movsx64 16", BPF_ALU64 | BPF_MOV | BPF_X, 16, 0 },
		{ "movsx64 32", BPF_ALU64 | BPF_MOV | BPF_X, 32, 0 },
		{ "movsx32 8", BPF_ALU | BPF_MOV | BPF_X, 8, 0 },
		{ "movsx32 16", BPF_ALU | BPF_MOV | BPF_X, 16, 0 },
		{ "le16", BPF_ALU | BPF_END | BPF_TO_LE, 0, 16 },
		{ "le32", BPF_ALU | BPF_END | BPF_TO_LE, 0, 32 },
		{ "le64", BPF_ALU | BPF_END | BPF_TO_LE, 0, 64 },
		{ "be16", BPF_ALU | BPF_END | BPF_TO_BE, 0, 16 },
		{ "be32", BPF_ALU | BPF_END | BPF_TO_BE, 0, 32 },
		{ "be64", BPF_ALU | BPF_END | BPF_TO_BE, 0, 64 },
		{ "bswap16", BPF_ALU64 | BPF_END | BPF_TO_LE, 0, 16 },
		{ "bswap32", BPF_ALU64 | BPF_END | BPF_TO_LE, 0, 32 },
		{ "bswap64", BPF_ALU64 | BPF_END | BPF_TO_LE, 0, 64 },
	};

	for (size_t o = 0; o < sizeof(ops) / sizeof(ops[0]); o++) {
		char name[64];

		snprintf(name, sizeof(name), "generated %s", ops[o].name);
		fam_fail = 0;
		fam_limit = 3;
		for (size_t i = 0; i < NGRID; i++) {
			uint64_t a = grid[i] ^ (i * 0x0101010101010101ull), want = 0;
			struct bpf_insn p[6];
			size_t n = 0;
			int w = ops[o].imm ? ops[o].imm : ops[o].off;

			if (BPF_OP(ops[o].code) == BPF_NEG)
				want = BPF_CLASS(ops[o].code) == BPF_ALU64 ? 0 - a : (uint32_t)(0 - (uint32_t)a);
			else if (BPF_OP(ops[o].code) == BPF_MOV)
				want = BPF_CLASS(ops[o].code) == BPF_ALU64 ? sext(a, w)
									   : (uint32_t)sext(a, w);
			else if (BPF_CLASS(ops[o].code) == BPF_ALU && BPF_SRC(ops[o].code) == BPF_TO_LE)
				want = w == 64 ? a : a & ((1ull << w) - 1);
			else
				want = swab(a, w / 8);

			n += put_lddw(p + n, 4, a);
			if (BPF_OP(ops[o].code) == BPF_MOV) {
				p[n++] = mk(ops[o].code, 0, 4, ops[o].off, 0);
			} else {
				p[n++] = mk(ops[o].code, 4, 0, 0, ops[o].imm);
				p[n++] = mk(BPF_ALU64 | BPF_MOV | BPF_X, 0, 4, 0, 0);
			}
			p[n++] = mk(BPF_JMP | BPF_EXIT, 0, 0, 0, 0);
			run_generated(name, p, n, want);
		}
		if (fam_fail > fam_limit)
			fprintf(stderr, "  ... %s: %u failures in all\n", name, fam_fail);
	}
	fam_limit = ~0u;
}

/* RFC 9669 4.3: the comparisons, on 64 bits or the low 32 bits. */
static int ref_jmp(uint8_t op, int is32, uint64_t a, uint64_t b)
{
	uint64_t ua = is32 ? (uint32_t)a : a, ub = is32 ? (uint32_t)b : b;
	int64_t sa = is32 ? (int64_t)(int32_t)(uint32_t)a : (int64_t)a;
	int64_t sb = is32 ? (int64_t)(int32_t)(uint32_t)b : (int64_t)b;

	switch (op) {
	case BPF_JEQ:  return ua == ub;
	case BPF_JNE:  return ua != ub;
	case BPF_JGT:  return ua > ub;
	case BPF_JGE:  return ua >= ub;
	case BPF_JLT:  return ua < ub;
	case BPF_JLE:  return ua <= ub;
	case BPF_JSET: return (ua & ub) != 0;
	case BPF_JSGT: return sa > sb;
	case BPF_JSGE: return sa >= sb;
	case BPF_JSLT: return sa < sb;
	case BPF_JSLE: return sa <= sb;
	}
	return -1;
}

static void gen_jmp(void)
{
	static const struct { const char *name; uint8_t op; } ops[] = {
		{ "jeq", BPF_JEQ }, { "jne", BPF_JNE }, { "jgt", BPF_JGT }, { "jge", BPF_JGE },
		{ "jlt", BPF_JLT }, { "jle", BPF_JLE }, { "jset", BPF_JSET }, { "jsgt", BPF_JSGT },
		{ "jsge", BPF_JSGE }, { "jslt", BPF_JSLT }, { "jsle", BPF_JSLE },
	};

	for (size_t o = 0; o < sizeof(ops) / sizeof(ops[0]); o++)
		for (int is32 = 0; is32 < 2; is32++)
			for (int src_x = 0; src_x < 2; src_x++) {
				char name[64];

				snprintf(name, sizeof(name), "generated %s%s %s", ops[o].name,
					 is32 ? "32" : "", src_x ? "reg" : "imm");
				fam_fail = 0;
				fam_limit = 3;
				for (size_t i = 0; i < NGRID; i++)
					for (size_t j = 0; j < NGRID; j++) {
						uint64_t a = grid[i], b = grid[j];
						struct bpf_insn p[10];
						size_t n = 0;
						uint8_t cls = is32 ? BPF_JMP32 : BPF_JMP;

						if (!src_x)
							b = (uint64_t)(int64_t)LO32(b);
						n += put_lddw(p + n, 1, a);
						if (src_x)
							n += put_lddw(p + n, 2, b);
						p[n++] = mk(BPF_ALU64 | BPF_MOV | BPF_K, 0, 0, 0, 1);
						if (src_x)
							p[n++] = mk(cls | ops[o].op | BPF_X, 1, 2, 1, 0);
						else
							p[n++] = mk(cls | ops[o].op | BPF_K, 1, 0, 1, LO32(b));
						p[n++] = mk(BPF_ALU64 | BPF_MOV | BPF_K, 0, 0, 0, 0);
						p[n++] = mk(BPF_JMP | BPF_EXIT, 0, 0, 0, 0);
						run_generated(name, p, n,
							      (uint64_t)ref_jmp(ops[o].op, is32, a, b));
					}
				if (fam_fail > fam_limit)
					fprintf(stderr, "  ... %s: %u failures in all\n", name, fam_fail);
			}
	fam_limit = ~0u;
}

/* The reference functions themselves, on values worked out by hand, so a
 * mistake there cannot hide one in the interpreter. */
static void test_references(void)
{
	CHECK_U64(ref_alu64(BPF_DIV, 1, (uint64_t)-7, 2), (uint64_t)-3);
	CHECK_U64(ref_alu64(BPF_MOD, 1, (uint64_t)-7, 2), (uint64_t)-1);
	CHECK_U64(ref_alu64(BPF_MOD, 1, 7, (uint64_t)-2), 1);
	CHECK_U64(ref_alu64(BPF_ARSH, 0, I64MIN, 63), ALL1);
	CHECK_U64(ref_alu64(BPF_LSH, 0, 1, 65), 2);
	CHECK_U64(ref_alu32(BPF_ARSH, 0, 0x80000000ull, 35), 0xf0000000ull);
	CHECK_U64(ref_alu32(BPF_MOD, 0, 0xffffffff00000007ull, 0), 7);
	CHECK_U64(ref_alu32(BPF_DIV, 1, 0x80000000ull, ALL1), 0x80000000ull);
	CHECK_U64(ref_alu32(BPF_SUB, 0, 1, 2), 0xffffffffull);
	CHECK_U64(swab(0x1122334455667788ull, 4), 0x88776655ull);
	CHECK_U64(sext(0x80, 8), 0xffffffffffffff80ull);
	CHECK_U64(sext(0x7fff, 16), 0x7fff);
	CHECK(ref_jmp(BPF_JSLT, 1, 0x80000000ull, 0) == 1);
	CHECK(ref_jmp(BPF_JSLT, 0, 0x80000000ull, 0) == 0);
	CHECK(ref_jmp(BPF_JGT, 0, ALL1, 5) == 1);
}

int main(void)
{
	vm = bpfvm_new();
	if (!vm) {
		fprintf(stderr, "bpfvm_new failed\n");
		return 1;
	}
	test_references();
	RUN_TABLE(alu_cases);
	RUN_TABLE(jmp_cases);
	RUN_TABLE(mem_cases);
	RUN_TABLE(pkt_cases);
	RUN_TABLE(call_cases);
	gen_alu();
	gen_unary();
	gen_jmp();
	bpfvm_free(vm);
	return test_summary();
}
