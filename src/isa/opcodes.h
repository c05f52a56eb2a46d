/* SPDX-License-Identifier: MIT */
/*
 * opcodes.h - THE eBPF instruction table (RFC 9669, with the v4 additions).
 *
 * Every instruction variant bpfvm knows is listed here exactly once. The
 * decoder, validator, assembler, disassembler and interpreter dispatch all
 * expand this list; nothing else in the tree keeps a list of opcodes.
 *
 *   X(ID, CODE, DISC, DVAL, KIND, MNEM, COP)
 *
 *   ID    suffix of enum bpf_op_id (BPF_OP_<ID>)
 *   CODE  the opcode byte
 *   DISC  the field that tells apart variants sharing CODE, and DVAL its value
 *         (an instruction matches only the entry its field selects):
 *         NONE (no other field), OFF (offset: sdiv/smod, movsx),
 *         IMM (imm: byte swaps, atomic operations), SRC (src_reg: call kind,
 *         lddw pseudo source)
 *   KIND  the operand form (enum bpf_op_kind): which fields are operands and
 *         which are reserved, how the three text syntaxes print it
 *   MNEM  the mnemonic of the conformance-data syntax ("add", "ldxw"); for
 *         ALU the 32-bit form appends "32"
 *   COP   the C-like operator of the kernel/llvm syntaxes ("+=", "==",
 *         "u32" for the access size of loads and stores)
 */
#ifndef BPFVM_ISA_OPCODES_H
#define BPFVM_ISA_OPCODES_H

#define BPF_OPCODES(X) \
	X(ADD64_K, 0x07, NONE, 0, ALU_K, "add", "+=") \
	X(ADD64_X, 0x0f, NONE, 0, ALU_X, "add", "+=") \
	X(SUB64_K, 0x17, NONE, 0, ALU_K, "sub", "-=") \
	X(SUB64_X, 0x1f, NONE, 0, ALU_X, "sub", "-=") \
	X(MUL64_K, 0x27, NONE, 0, ALU_K, "mul", "*=") \
	X(MUL64_X, 0x2f, NONE, 0, ALU_X, "mul", "*=") \
	X(DIV64_K, 0x37, OFF, 0, ALU_K, "div", "/=") \
	X(SDIV64_K, 0x37, OFF, 1, ALU_K, "sdiv", "s/=") \
	X(DIV64_X, 0x3f, OFF, 0, ALU_X, "div", "/=") \
	X(SDIV64_X, 0x3f, OFF, 1, ALU_X, "sdiv", "s/=") \
	X(OR64_K, 0x47, NONE, 0, ALU_K, "or", "|=") \
	X(OR64_X, 0x4f, NONE, 0, ALU_X, "or", "|=") \
	X(AND64_K, 0x57, NONE, 0, ALU_K, "and", "&=") \
	X(AND64_X, 0x5f, NONE, 0, ALU_X, "and", "&=") \
	X(LSH64_K, 0x67, NONE, 0, ALU_K, "lsh", "<<=") \
	X(LSH64_X, 0x6f, NONE, 0, ALU_X, "lsh", "<<=") \
	X(RSH64_K, 0x77, NONE, 0, ALU_K, "rsh", ">>=") \
	X(RSH64_X, 0x7f, NONE, 0, ALU_X, "rsh", ">>=") \
	X(MOD64_K, 0x97, OFF, 0, ALU_K, "mod", "%=") \
	X(SMOD64_K, 0x97, OFF, 1, ALU_K, "smod", "s%=") \
	X(MOD64_X, 0x9f, OFF, 0, ALU_X, "mod", "%=") \
	X(SMOD64_X, 0x9f, OFF, 1, ALU_X, "smod", "s%=") \
	X(XOR64_K, 0xa7, NONE, 0, ALU_K, "xor", "^=") \
	X(XOR64_X, 0xaf, NONE, 0, ALU_X, "xor", "^=") \
	X(MOV64_K, 0xb7, OFF, 0, ALU_K, "mov", "=") \
	X(MOV64_X, 0xbf, OFF, 0, ALU_X, "mov", "=") \
	X(MOVSX64_8, 0xbf, OFF, 8, MOVSX, "movsx8", "=") \
	X(MOVSX64_16, 0xbf, OFF, 16, MOVSX, "movsx16", "=") \
	X(MOVSX64_32, 0xbf, OFF, 32, MOVSX, "movsx32", "=") \
	X(ARSH64_K, 0xc7, NONE, 0, ALU_K, "arsh", "s>>=") \
	X(ARSH64_X, 0xcf, NONE, 0, ALU_X, "arsh", "s>>=") \
	X(NEG64, 0x87, NONE, 0, NEG, "neg", "= -") \
	X(ADD32_K, 0x04, NONE, 0, ALU_K, "add", "+=") \
	X(ADD32_X, 0x0c, NONE, 0, ALU_X, "add", "+=") \
	X(SUB32_K, 0x14, NONE, 0, ALU_K, "sub", "-=") \
	X(SUB32_X, 0x1c, NONE, 0, ALU_X, "sub", "-=") \
	X(MUL32_K, 0x24, NONE, 0, ALU_K, "mul", "*=") \
	X(MUL32_X, 0x2c, NONE, 0, ALU_X, "mul", "*=") \
	X(DIV32_K, 0x34, OFF, 0, ALU_K, "div", "/=") \
	X(SDIV32_K, 0x34, OFF, 1, ALU_K, "sdiv", "s/=") \
	X(DIV32_X, 0x3c, OFF, 0, ALU_X, "div", "/=") \
	X(SDIV32_X, 0x3c, OFF, 1, ALU_X, "sdiv", "s/=") \
	X(OR32_K, 0x44, NONE, 0, ALU_K, "or", "|=") \
	X(OR32_X, 0x4c, NONE, 0, ALU_X, "or", "|=") \
	X(AND32_K, 0x54, NONE, 0, ALU_K, "and", "&=") \
	X(AND32_X, 0x5c, NONE, 0, ALU_X, "and", "&=") \
	X(LSH32_K, 0x64, NONE, 0, ALU_K, "lsh", "<<=") \
	X(LSH32_X, 0x6c, NONE, 0, ALU_X, "lsh", "<<=") \
	X(RSH32_K, 0x74, NONE, 0, ALU_K, "rsh", ">>=") \
	X(RSH32_X, 0x7c, NONE, 0, ALU_X, "rsh", ">>=") \
	X(MOD32_K, 0x94, OFF, 0, ALU_K, "mod", "%=") \
	X(SMOD32_K, 0x94, OFF, 1, ALU_K, "smod", "s%=") \
	X(MOD32_X, 0x9c, OFF, 0, ALU_X, "mod", "%=") \
	X(SMOD32_X, 0x9c, OFF, 1, ALU_X, "smod", "s%=") \
	X(XOR32_K, 0xa4, NONE, 0, ALU_K, "xor", "^=") \
	X(XOR32_X, 0xac, NONE, 0, ALU_X, "xor", "^=") \
	X(MOV32_K, 0xb4, OFF, 0, ALU_K, "mov", "=") \
	X(MOV32_X, 0xbc, OFF, 0, ALU_X, "mov", "=") \
	X(MOVSX32_8, 0xbc, OFF, 8, MOVSX, "movsx8", "=") \
	X(MOVSX32_16, 0xbc, OFF, 16, MOVSX, "movsx16", "=") \
	X(ARSH32_K, 0xc4, NONE, 0, ALU_K, "arsh", "s>>=") \
	X(ARSH32_X, 0xcc, NONE, 0, ALU_X, "arsh", "s>>=") \
	X(NEG32, 0x84, NONE, 0, NEG, "neg", "= -") \
	X(LE16, 0xd4, IMM, 16, END, "le16", "le16") \
	X(LE32, 0xd4, IMM, 32, END, "le32", "le32") \
	X(LE64, 0xd4, IMM, 64, END, "le64", "le64") \
	X(BE16, 0xdc, IMM, 16, END, "be16", "be16") \
	X(BE32, 0xdc, IMM, 32, END, "be32", "be32") \
	X(BE64, 0xdc, IMM, 64, END, "be64", "be64") \
	X(BSWAP16, 0xd7, IMM, 16, END, "bswap16", "bswap16") \
	X(BSWAP32, 0xd7, IMM, 32, END, "bswap32", "bswap32") \
	X(BSWAP64, 0xd7, IMM, 64, END, "bswap64", "bswap64") \
	X(JA, 0x05, NONE, 0, JA, "ja", "goto") \
	X(JA32, 0x06, NONE, 0, JA32, "ja32", "gotol") \
	X(JEQ64_K, 0x15, NONE, 0, JCOND_K, "jeq", "==") \
	X(JEQ64_X, 0x1d, NONE, 0, JCOND_X, "jeq", "==") \
	X(JGT64_K, 0x25, NONE, 0, JCOND_K, "jgt", ">") \
	X(JGT64_X, 0x2d, NONE, 0, JCOND_X, "jgt", ">") \
	X(JGE64_K, 0x35, NONE, 0, JCOND_K, "jge", ">=") \
	X(JGE64_X, 0x3d, NONE, 0, JCOND_X, "jge", ">=") \
	X(JSET64_K, 0x45, NONE, 0, JCOND_K, "jset", "&") \
	X(JSET64_X, 0x4d, NONE, 0, JCOND_X, "jset", "&") \
	X(JNE64_K, 0x55, NONE, 0, JCOND_K, "jne", "!=") \
	X(JNE64_X, 0x5d, NONE, 0, JCOND_X, "jne", "!=") \
	X(JSGT64_K, 0x65, NONE, 0, JCOND_K, "jsgt", "s>") \
	X(JSGT64_X, 0x6d, NONE, 0, JCOND_X, "jsgt", "s>") \
	X(JSGE64_K, 0x75, NONE, 0, JCOND_K, "jsge", "s>=") \
	X(JSGE64_X, 0x7d, NONE, 0, JCOND_X, "jsge", "s>=") \
	X(JLT64_K, 0xa5, NONE, 0, JCOND_K, "jlt", "<") \
	X(JLT64_X, 0xad, NONE, 0, JCOND_X, "jlt", "<") \
	X(JLE64_K, 0xb5, NONE, 0, JCOND_K, "jle", "<=") \
	X(JLE64_X, 0xbd, NONE, 0, JCOND_X, "jle", "<=") \
	X(JSLT64_K, 0xc5, NONE, 0, JCOND_K, "jslt", "s<") \
	X(JSLT64_X, 0xcd, NONE, 0, JCOND_X, "jslt", "s<") \
	X(JSLE64_K, 0xd5, NONE, 0, JCOND_K, "jsle", "s<=") \
	X(JSLE64_X, 0xdd, NONE, 0, JCOND_X, "jsle", "s<=") \
	X(JEQ32_K, 0x16, NONE, 0, JCOND_K, "jeq", "==") \
	X(JEQ32_X, 0x1e, NONE, 0, JCOND_X, "jeq", "==") \
	X(JGT32_K, 0x26, NONE, 0, JCOND_K, "jgt", ">") \
	X(JGT32_X, 0x2e, NONE, 0, JCOND_X, "jgt", ">") \
	X(JGE32_K, 0x36, NONE, 0, JCOND_K, "jge", ">=") \
	X(JGE32_X, 0x3e, NONE, 0, JCOND_X, "jge", ">=") \
	X(JSET32_K, 0x46, NONE, 0, JCOND_K, "jset", "&") \
	X(JSET32_X, 0x4e, NONE, 0, JCOND_X, "jset", "&") \
	X(JNE32_K, 0x56, NONE, 0, JCOND_K, "jne", "!=") \
	X(JNE32_X, 0x5e, NONE, 0, JCOND_X, "jne", "!=") \
	X(JSGT32_K, 0x66, NONE, 0, JCOND_K, "jsgt", "s>") \
	X(JSGT32_X, 0x6e, NONE, 0, JCOND_X, "jsgt", "s>") \
	X(JSGE32_K, 0x76, NONE, 0, JCOND_K, "jsge", "s>=") \
	X(JSGE32_X, 0x7e, NONE, 0, JCOND_X, "jsge", "s>=") \
	X(JLT32_K, 0xa6, NONE, 0, JCOND_K, "jlt", "<") \
	X(JLT32_X, 0xae, NONE, 0, JCOND_X, "jlt", "<") \
	X(JLE32_K, 0xb6, NONE, 0, JCOND_K, "jle", "<=") \
	X(JLE32_X, 0xbe, NONE, 0, JCOND_X, "jle", "<=") \
	X(JSLT32_K, 0xc6, NONE, 0, JCOND_K, "jslt", "s<") \
	X(JSLT32_X, 0xce, NONE, 0, JCOND_X, "jslt", "s<") \
	X(JSLE32_K, 0xd6, NONE, 0, JCOND_K, "jsle", "s<=") \
	X(JSLE32_X, 0xde, NONE, 0, JCOND_X, "jsle", "s<=") \
	X(CALL_HELPER, 0x85, SRC, 0, CALL_HELPER, "call", "call") \
	X(CALL_LOCAL, 0x85, SRC, 1, CALL_LOCAL, "call", "call") \
	X(CALL_KFUNC, 0x85, SRC, 2, CALL_KFUNC, "call", "call") \
	X(CALLX, 0x8d, NONE, 0, CALLX, "callx", "callx") \
	X(EXIT, 0x95, NONE, 0, EXIT, "exit", "exit") \
	X(LDDW_IMM64, 0x18, SRC, 0, LDDW, "lddw", "= ") \
	X(LDDW_MAP_FD, 0x18, SRC, 1, LDDW, "lddw", "= ") \
	X(LDDW_MAP_VALUE, 0x18, SRC, 2, LDDW, "lddw", "= ") \
	X(LDDW_BTF_ID, 0x18, SRC, 3, LDDW, "lddw", "= ") \
	X(LDDW_FUNC, 0x18, SRC, 4, LDDW, "lddw", "= ") \
	X(LDDW_MAP_IDX, 0x18, SRC, 5, LDDW, "lddw", "= ") \
	X(LDDW_MAP_IDX_VALUE, 0x18, SRC, 6, LDDW, "lddw", "= ") \
	X(LDABS_B, 0x30, NONE, 0, LDABS, "ldabsb", "u8") \
	X(LDABS_H, 0x28, NONE, 0, LDABS, "ldabsh", "u16") \
	X(LDABS_W, 0x20, NONE, 0, LDABS, "ldabsw", "u32") \
	X(LDIND_B, 0x50, NONE, 0, LDIND, "ldindb", "u8") \
	X(LDIND_H, 0x48, NONE, 0, LDIND, "ldindh", "u16") \
	X(LDIND_W, 0x40, NONE, 0, LDIND, "ldindw", "u32") \
	X(LDX_B, 0x71, NONE, 0, LDX, "ldxb", "u8") \
	X(LDX_H, 0x69, NONE, 0, LDX, "ldxh", "u16") \
	X(LDX_W, 0x61, NONE, 0, LDX, "ldxw", "u32") \
	X(LDX_DW, 0x79, NONE, 0, LDX, "ldxdw", "u64") \
	X(LDXS_B, 0x91, NONE, 0, LDX, "ldxsb", "s8") \
	X(LDXS_H, 0x89, NONE, 0, LDX, "ldxsh", "s16") \
	X(LDXS_W, 0x81, NONE, 0, LDX, "ldxsw", "s32") \
	X(ST_B, 0x72, NONE, 0, ST, "stb", "u8") \
	X(ST_H, 0x6a, NONE, 0, ST, "sth", "u16") \
	X(ST_W, 0x62, NONE, 0, ST, "stw", "u32") \
	X(ST_DW, 0x7a, NONE, 0, ST, "stdw", "u64") \
	X(STX_B, 0x73, NONE, 0, STX, "stxb", "u8") \
	X(STX_H, 0x6b, NONE, 0, STX, "stxh", "u16") \
	X(STX_W, 0x63, NONE, 0, STX, "stxw", "u32") \
	X(STX_DW, 0x7b, NONE, 0, STX, "stxdw", "u64") \
	X(ATOMIC64_ADD, 0xdb, IMM, 0x00, ATOMIC, "add", "+=") \
	X(ATOMIC64_FETCH_ADD, 0xdb, IMM, 0x01, ATOMIC, "fetch add", "add") \
	X(ATOMIC64_OR, 0xdb, IMM, 0x40, ATOMIC, "or", "|=") \
	X(ATOMIC64_FETCH_OR, 0xdb, IMM, 0x41, ATOMIC, "fetch or", "or") \
	X(ATOMIC64_AND, 0xdb, IMM, 0x50, ATOMIC, "and", "&=") \
	X(ATOMIC64_FETCH_AND, 0xdb, IMM, 0x51, ATOMIC, "fetch and", "and") \
	X(ATOMIC64_XOR, 0xdb, IMM, 0xa0, ATOMIC, "xor", "^=") \
	X(ATOMIC64_FETCH_XOR, 0xdb, IMM, 0xa1, ATOMIC, "fetch xor", "xor") \
	X(ATOMIC64_XCHG, 0xdb, IMM, 0xe1, ATOMIC, "xchg", "xchg") \
	X(ATOMIC64_CMPXCHG, 0xdb, IMM, 0xf1, ATOMIC, "cmpxchg", "cmpxchg") \
	X(ATOMIC32_ADD, 0xc3, IMM, 0x00, ATOMIC, "add", "+=") \
	X(ATOMIC32_FETCH_ADD, 0xc3, IMM, 0x01, ATOMIC, "fetch add", "add") \
	X(ATOMIC32_OR, 0xc3, IMM, 0x40, ATOMIC, "or", "|=") \
	X(ATOMIC32_FETCH_OR, 0xc3, IMM, 0x41, ATOMIC, "fetch or", "or") \
	X(ATOMIC32_AND, 0xc3, IMM, 0x50, ATOMIC, "and", "&=") \
	X(ATOMIC32_FETCH_AND, 0xc3, IMM, 0x51, ATOMIC, "fetch and", "and") \
	X(ATOMIC32_XOR, 0xc3, IMM, 0xa0, ATOMIC, "xor", "^=") \
	X(ATOMIC32_FETCH_XOR, 0xc3, IMM, 0xa1, ATOMIC, "fetch xor", "xor") \
	X(ATOMIC32_XCHG, 0xc3, IMM, 0xe1, ATOMIC, "xchg", "xchg") \
	X(ATOMIC32_CMPXCHG, 0xc3, IMM, 0xf1, ATOMIC, "cmpxchg", "cmpxchg")

#endif /* BPFVM_ISA_OPCODES_H */
