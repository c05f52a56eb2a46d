/* SPDX-License-Identifier: MIT */
/*
 * insn.h - instruction encoders for the unit tests: brace initializers,
 * usable in tables, written from RFC 9669's encoding (independently of the
 * library's opcode table, which the tests check).
 */
#ifndef BPFVM_TESTS_INSN_H
#define BPFVM_TESTS_INSN_H

#include <stdint.h>
#include <linux/bpf.h>

#ifndef BPF_MEMSX
#define BPF_MEMSX 0x80 /* sign-extending load mode (RFC 9669 5.2) */
#endif

#define INSN(c, d, s, o, i) \
	{ .code = (c), .dst_reg = (d), .src_reg = (s), .off = (o), .imm = (i) }
#define ALU64K(op, d, k)   INSN(BPF_ALU64 | (op) | BPF_K, d, 0, 0, k)
#define ALU64X(op, d, s)   INSN(BPF_ALU64 | (op) | BPF_X, d, s, 0, 0)
#define ALU32K(op, d, k)   INSN(BPF_ALU | (op) | BPF_K, d, 0, 0, k)
#define ALU32X(op, d, s)   INSN(BPF_ALU | (op) | BPF_X, d, s, 0, 0)
#define SALU64K(op, d, k)  INSN(BPF_ALU64 | (op) | BPF_K, d, 0, 1, k) /* sdiv, smod */
#define SALU64X(op, d, s)  INSN(BPF_ALU64 | (op) | BPF_X, d, s, 1, 0)
#define SALU32K(op, d, k)  INSN(BPF_ALU | (op) | BPF_K, d, 0, 1, k)
#define SALU32X(op, d, s)  INSN(BPF_ALU | (op) | BPF_X, d, s, 1, 0)
#define MOV64K(d, k)       ALU64K(BPF_MOV, d, k)
#define MOV64X(d, s)       ALU64X(BPF_MOV, d, s)
#define MOV32K(d, k)       ALU32K(BPF_MOV, d, k)
#define MOV32X(d, s)       ALU32X(BPF_MOV, d, s)
#define MOVSX64(d, s, n)   INSN(BPF_ALU64 | BPF_MOV | BPF_X, d, s, n, 0)
#define MOVSX32(d, s, n)   INSN(BPF_ALU | BPF_MOV | BPF_X, d, s, n, 0)
#define NEG64(d)           INSN(BPF_ALU64 | BPF_NEG | BPF_K, d, 0, 0, 0)
#define NEG32(d)           INSN(BPF_ALU | BPF_NEG | BPF_K, d, 0, 0, 0)
#define LE(d, w)           INSN(BPF_ALU | BPF_END | BPF_TO_LE, d, 0, 0, w)
#define BE(d, w)           INSN(BPF_ALU | BPF_END | BPF_TO_BE, d, 0, 0, w)
#define BSWAP(d, w)        INSN(BPF_ALU64 | BPF_END | BPF_TO_LE, d, 0, 0, w)
#define LO32(v)            ((int32_t)(uint32_t)(uint64_t)(v))
#define HI32(v)            ((int32_t)(uint32_t)((uint64_t)(v) >> 32))
#define LDDW(d, v)         INSN(BPF_LD | BPF_IMM | BPF_DW, d, 0, 0, LO32(v)), \
			   INSN(0, 0, 0, 0, HI32(v))
#define JK(op, d, k, o)    INSN(BPF_JMP | (op) | BPF_K, d, 0, o, k)
#define JX(op, d, s, o)    INSN(BPF_JMP | (op) | BPF_X, d, s, o, 0)
#define J32K(op, d, k, o)  INSN(BPF_JMP32 | (op) | BPF_K, d, 0, o, k)
#define J32X(op, d, s, o)  INSN(BPF_JMP32 | (op) | BPF_X, d, s, o, 0)
#define JA(o)              INSN(BPF_JMP | BPF_JA, 0, 0, o, 0)
#define GOTOL(k)           INSN(BPF_JMP32 | BPF_JA, 0, 0, 0, k)
#define CALL_LOCAL(k)      INSN(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_CALL, 0, k)
#define CALL_HELPER(id)    INSN(BPF_JMP | BPF_CALL, 0, 0, 0, id)
#define CALLX(d)           INSN(BPF_JMP | BPF_CALL | BPF_X, d, 0, 0, 0)
#define EXIT               INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0)
#define LDX(sz, d, s, o)   INSN(BPF_LDX | BPF_MEM | (sz), d, s, o, 0)
#define LDXS(sz, d, s, o)  INSN(BPF_LDX | BPF_MEMSX | (sz), d, s, o, 0)
#define ST(sz, d, o, k)    INSN(BPF_ST | BPF_MEM | (sz), d, 0, o, k)
#define STX(sz, d, s, o)   INSN(BPF_STX | BPF_MEM | (sz), d, s, o, 0)
#define ATOM(sz, op, d, s, o) INSN(BPF_STX | BPF_ATOMIC | (sz), d, s, o, op)
#define LDABS(sz, k)       INSN(BPF_LD | BPF_ABS | (sz), 0, 0, 0, k)
#define LDIND(sz, s, k)    INSN(BPF_LD | BPF_IND | (sz), 0, s, 0, k)

/* Program literal inside a table entry: fills .prog and .n. */
#define P(...) .prog = { __VA_ARGS__ }, \
	.n = sizeof((struct bpf_insn[]){ __VA_ARGS__ }) / sizeof(struct bpf_insn)

#endif
