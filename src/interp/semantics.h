/* SPDX-License-Identifier: MIT */
/*
 * semantics.h - what each register-to-register eBPF operation computes,
 * written once as macros over operand expressions, so that the generic
 * interpreter (operands reg[pc->dst], reg[pc->src]) and the register-
 * specialised fast interpreter (operands held in host registers) share one
 * definition. RFC 9669 semantics: 32-bit results are zero-extended, shift
 * counts are masked to the operand width, immediates of 64-bit operations
 * are sign-extended.
 *
 *   SEM_<ID>(D, S)  for ..._X ALU operations: assigns D
 *   SEM_<ID>(D, K)  for ..._K ALU operations, K the s32 immediate
 *   SEM_<ID>(D, S)  for conditional jumps: the condition, an expression
 *   SEM_<ID>(D)     for byte swaps: assigns D
 */
#ifndef BPFVM_INTERP_SEMANTICS_H
#define BPFVM_INTERP_SEMANTICS_H

#include <stdint.h>

/* The operations defined here, as lists for generators. */
#define SEM_ALU_OPS(X) X(ADD) X(SUB) X(MUL) X(OR) X(AND) X(XOR) \
	X(LSH) X(RSH) X(ARSH) X(MOV)
#define SEM_JCOND_OPS(X) X(JEQ) X(JNE) X(JGT) X(JGE) X(JLT) X(JLE) \
	X(JSGT) X(JSGE) X(JSLT) X(JSLE) X(JSET)
#define SEM_END_OPS(X) X(LE16) X(LE32) X(LE64) X(BE16) X(BE32) X(BE64) \
	X(BSWAP16) X(BSWAP32) X(BSWAP64)
/* X(ID, access type, widening cast) */
#define SEM_LDX_OPS(X) X(LDX_B, uint8_t, uint64_t) X(LDX_H, uint16_t, uint64_t) \
	X(LDX_W, uint32_t, uint64_t) X(LDX_DW, uint64_t, uint64_t)          \
	X(LDXS_B, int8_t, int64_t) X(LDXS_H, int16_t, int64_t)              \
	X(LDXS_W, int32_t, int64_t)
/* X(size suffix, access type) for ST_* and STX_* */
#define SEM_STORE_OPS(X) X(B, uint8_t) X(H, uint16_t) X(W, uint32_t) X(DW, uint64_t)

#define SEM_U32(x) ((uint32_t)(x))
#define SEM_SX(k)  ((uint64_t)(int64_t)(int32_t)(k))   /* sign-extend an imm */

/* ALU64: D = D op S / D op sign-extended K */
#define SEM_ADD64_X(D, S)  ((D) = (D) + (S))
#define SEM_SUB64_X(D, S)  ((D) = (D) - (S))
#define SEM_MUL64_X(D, S)  ((D) = (D) * (S))
#define SEM_OR64_X(D, S)   ((D) = (D) | (S))
#define SEM_AND64_X(D, S)  ((D) = (D) & (S))
#define SEM_XOR64_X(D, S)  ((D) = (D) ^ (S))
#define SEM_LSH64_X(D, S)  ((D) = (D) << ((S) & 63))
#define SEM_RSH64_X(D, S)  ((D) = (D) >> ((S) & 63))
#define SEM_ARSH64_X(D, S) ((D) = (uint64_t)((int64_t)(D) >> ((S) & 63)))
#define SEM_MOV64_X(D, S)  ((D) = (S))
#define SEM_ADD64_K(D, K)  SEM_ADD64_X(D, SEM_SX(K))
#define SEM_SUB64_K(D, K)  SEM_SUB64_X(D, SEM_SX(K))
#define SEM_MUL64_K(D, K)  SEM_MUL64_X(D, SEM_SX(K))
#define SEM_OR64_K(D, K)   SEM_OR64_X(D, SEM_SX(K))
#define SEM_AND64_K(D, K)  SEM_AND64_X(D, SEM_SX(K))
#define SEM_XOR64_K(D, K)  SEM_XOR64_X(D, SEM_SX(K))
#define SEM_LSH64_K(D, K)  SEM_LSH64_X(D, (uint64_t)(K))
#define SEM_RSH64_K(D, K)  SEM_RSH64_X(D, (uint64_t)(K))
#define SEM_ARSH64_K(D, K) SEM_ARSH64_X(D, (uint64_t)(K))
#define SEM_MOV64_K(D, K)  ((D) = SEM_SX(K))

/* ALU32: operate on the low 32 bits, zero-extend the result */
#define SEM_ADD32_X(D, S)  ((D) = SEM_U32(SEM_U32(D) + SEM_U32(S)))
#define SEM_SUB32_X(D, S)  ((D) = SEM_U32(SEM_U32(D) - SEM_U32(S)))
#define SEM_MUL32_X(D, S)  ((D) = SEM_U32(SEM_U32(D) * SEM_U32(S)))
#define SEM_OR32_X(D, S)   ((D) = SEM_U32(D) | SEM_U32(S))
#define SEM_AND32_X(D, S)  ((D) = SEM_U32(D) & SEM_U32(S))
#define SEM_XOR32_X(D, S)  ((D) = SEM_U32(D) ^ SEM_U32(S))
#define SEM_LSH32_X(D, S)  ((D) = SEM_U32(SEM_U32(D) << ((S) & 31)))
#define SEM_RSH32_X(D, S)  ((D) = SEM_U32(D) >> ((S) & 31))
#define SEM_ARSH32_X(D, S) ((D) = SEM_U32((int32_t)SEM_U32(D) >> ((S) & 31)))
#define SEM_MOV32_X(D, S)  ((D) = SEM_U32(S))
#define SEM_ADD32_K(D, K)  SEM_ADD32_X(D, (uint64_t)SEM_U32(K))
#define SEM_SUB32_K(D, K)  SEM_SUB32_X(D, (uint64_t)SEM_U32(K))
#define SEM_MUL32_K(D, K)  SEM_MUL32_X(D, (uint64_t)SEM_U32(K))
#define SEM_OR32_K(D, K)   SEM_OR32_X(D, (uint64_t)SEM_U32(K))
#define SEM_AND32_K(D, K)  SEM_AND32_X(D, (uint64_t)SEM_U32(K))
#define SEM_XOR32_K(D, K)  SEM_XOR32_X(D, (uint64_t)SEM_U32(K))
#define SEM_LSH32_K(D, K)  SEM_LSH32_X(D, (uint64_t)SEM_U32(K))
#define SEM_RSH32_K(D, K)  SEM_RSH32_X(D, (uint64_t)SEM_U32(K))
#define SEM_ARSH32_K(D, K) SEM_ARSH32_X(D, (uint64_t)SEM_U32(K))
#define SEM_MOV32_K(D, K)  ((D) = SEM_U32(K))

/* Conditional jumps: 64-bit compare full registers (K sign-extended),
 * 32-bit compare the low halves. */
#define SEM_JCOND64(D, S, OP, T) ((T)(D) OP (T)(S))
#define SEM_JCOND32(D, S, OP, T) ((T)SEM_U32(D) OP (T)SEM_U32(S))
#define SEM_JEQ64_X(D, S)  SEM_JCOND64(D, S, ==, uint64_t)
#define SEM_JNE64_X(D, S)  SEM_JCOND64(D, S, !=, uint64_t)
#define SEM_JGT64_X(D, S)  SEM_JCOND64(D, S, >, uint64_t)
#define SEM_JGE64_X(D, S)  SEM_JCOND64(D, S, >=, uint64_t)
#define SEM_JLT64_X(D, S)  SEM_JCOND64(D, S, <, uint64_t)
#define SEM_JLE64_X(D, S)  SEM_JCOND64(D, S, <=, uint64_t)
#define SEM_JSGT64_X(D, S) SEM_JCOND64(D, S, >, int64_t)
#define SEM_JSGE64_X(D, S) SEM_JCOND64(D, S, >=, int64_t)
#define SEM_JSLT64_X(D, S) SEM_JCOND64(D, S, <, int64_t)
#define SEM_JSLE64_X(D, S) SEM_JCOND64(D, S, <=, int64_t)
#define SEM_JSET64_X(D, S) (((D) & (S)) != 0)
#define SEM_JEQ32_X(D, S)  SEM_JCOND32(D, S, ==, uint32_t)
#define SEM_JNE32_X(D, S)  SEM_JCOND32(D, S, !=, uint32_t)
#define SEM_JGT32_X(D, S)  SEM_JCOND32(D, S, >, uint32_t)
#define SEM_JGE32_X(D, S)  SEM_JCOND32(D, S, >=, uint32_t)
#define SEM_JLT32_X(D, S)  SEM_JCOND32(D, S, <, uint32_t)
#define SEM_JLE32_X(D, S)  SEM_JCOND32(D, S, <=, uint32_t)
#define SEM_JSGT32_X(D, S) SEM_JCOND32(D, S, >, int32_t)
#define SEM_JSGE32_X(D, S) SEM_JCOND32(D, S, >=, int32_t)
#define SEM_JSLT32_X(D, S) SEM_JCOND32(D, S, <, int32_t)
#define SEM_JSLE32_X(D, S) SEM_JCOND32(D, S, <=, int32_t)
#define SEM_JSET32_X(D, S) ((SEM_U32(D) & SEM_U32(S)) != 0)
#define SEM_JEQ64_K(D, K)  SEM_JEQ64_X(D, SEM_SX(K))
#define SEM_JNE64_K(D, K)  SEM_JNE64_X(D, SEM_SX(K))
#define SEM_JGT64_K(D, K)  SEM_JGT64_X(D, SEM_SX(K))
#define SEM_JGE64_K(D, K)  SEM_JGE64_X(D, SEM_SX(K))
#define SEM_JLT64_K(D, K)  SEM_JLT64_X(D, SEM_SX(K))
#define SEM_JLE64_K(D, K)  SEM_JLE64_X(D, SEM_SX(K))
#define SEM_JSGT64_K(D, K) SEM_JSGT64_X(D, SEM_SX(K))
#define SEM_JSGE64_K(D, K) SEM_JSGE64_X(D, SEM_SX(K))
#define SEM_JSLT64_K(D, K) SEM_JSLT64_X(D, SEM_SX(K))
#define SEM_JSLE64_K(D, K) SEM_JSLE64_X(D, SEM_SX(K))
#define SEM_JSET64_K(D, K) SEM_JSET64_X(D, SEM_SX(K))
#define SEM_JEQ32_K(D, K)  SEM_JEQ32_X(D, K)
#define SEM_JNE32_K(D, K)  SEM_JNE32_X(D, K)
#define SEM_JGT32_K(D, K)  SEM_JGT32_X(D, K)
#define SEM_JGE32_K(D, K)  SEM_JGE32_X(D, K)
#define SEM_JLT32_K(D, K)  SEM_JLT32_X(D, K)
#define SEM_JLE32_K(D, K)  SEM_JLE32_X(D, K)
#define SEM_JSGT32_K(D, K) SEM_JSGT32_X(D, K)
#define SEM_JSGE32_K(D, K) SEM_JSGE32_X(D, K)
#define SEM_JSLT32_K(D, K) SEM_JSLT32_X(D, K)
#define SEM_JSLE32_K(D, K) SEM_JSLE32_X(D, K)
#define SEM_JSET32_K(D, K) SEM_JSET32_X(D, K)

/* Byte swaps: "le"/"be" convert to that byte order (truncating to the
 * width), bswap always swaps. */
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define SEM_LE16(D) ((D) = (uint16_t)(D))
#define SEM_LE32(D) ((D) = SEM_U32(D))
#define SEM_LE64(D) ((void)(D))
#define SEM_BE16(D) ((D) = __builtin_bswap16((uint16_t)(D)))
#define SEM_BE32(D) ((D) = __builtin_bswap32(SEM_U32(D)))
#define SEM_BE64(D) ((D) = __builtin_bswap64(D))
#else
#define SEM_LE16(D) ((D) = __builtin_bswap16((uint16_t)(D)))
#define SEM_LE32(D) ((D) = __builtin_bswap32(SEM_U32(D)))
#define SEM_LE64(D) ((D) = __builtin_bswap64(D))
#define SEM_BE16(D) ((D) = (uint16_t)(D))
#define SEM_BE32(D) ((D) = SEM_U32(D))
#define SEM_BE64(D) ((void)(D))
#endif
#define SEM_BSWAP16(D) ((D) = __builtin_bswap16((uint16_t)(D)))
#define SEM_BSWAP32(D) ((D) = __builtin_bswap32(SEM_U32(D)))
#define SEM_BSWAP64(D) ((D) = __builtin_bswap64(D))

/* Loads and stores at an address: T the access type, CAST how the loaded
 * value widens (uint64_t zero-extends, int64_t sign-extends). memcpy keeps
 * unaligned accesses defined; it compiles to one move. */
#define SEM_LOAD(D, ADDR, T, CAST) do {                                       \
		T v_;                                                         \
		memcpy(&v_, (const void *)(uintptr_t)(ADDR), sizeof(T));      \
		(D) = (uint64_t)(CAST)v_;                                     \
	} while (0)
#define SEM_STORE(ADDR, T, V) do {                                            \
		T v_ = (T)(V);                                                \
		memcpy((void *)(uintptr_t)(ADDR), &v_, sizeof(T));            \
	} while (0)

#endif
