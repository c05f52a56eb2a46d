/* SPDX-License-Identifier: MIT */
/*
 * interp_body.h - the eBPF interpreter loop, written once.
 *
 * interp.c includes this file twice: with INTERP_CHECKED 0 to make the
 * trusted interpreter (verified programs: no checks but the call depth) and
 * with INTERP_CHECKED 1 for the checked one (every memory access bounds-
 * checked against the run's regions and live stack, atomics checked for
 * alignment, an instruction budget). Dispatch is direct threading through
 * computed goto where the compiler has it (each pre-decoded instruction
 * holds its handler's address), a switch otherwise; the handlers below do
 * not know which. What each ALU, jump, load and store computes is in
 * semantics.h.
 *
 * Inputs: INTERP_FN (function name), INTERP_CHECKED (0/1).
 */

int INTERP_FN(struct bpfvm_prog *prog, struct bpfvm_run *run,
	      const uint64_t args[5], uint64_t budget,
	      struct bpfvm_fault *fault, uint64_t *r0out,
	      bpf_interp_labels **labels_out)
{
#if BPFVM_COMPUTED_GOTO
	/* labels[v][op]: the handler of op in variant v (see "Operand
	 * forwarding" below); NULL where op has no such variant. */
#define X(id, code, disc, dval, kind, mnem, cop) [BPF_OP_##id] = &&L_##id,
	static bpf_interp_labels labels_table = {
		[BPF_INTERP_PLAIN] = { [BPF_OP_INVALID] = &&L_INVALID, BPF_OPCODES(X) },
#define FWD_ID(id) [BPF_OP_##id] = &&L_##id##_d,
		[BPF_INTERP_FWD_DST] = { INTERP_FWD_X_OPS INTERP_FWD_K_OPS },
#undef FWD_ID
#define FWD_ID(id) [BPF_OP_##id] = &&L_##id##_s,
		[BPF_INTERP_FWD_SRC] = { INTERP_FWD_X_OPS },
#undef FWD_ID
	};
	static bpf_interp_labels *const labels = &labels_table;
#undef X
#define vmcase(id) L_##id:
#define vmcase_d(id) L_##id##_d:
#define vmcase_s(id) L_##id##_s:
#define vmdispatch_raw() goto *pc->label
#else
	static bpf_interp_labels *const labels = NULL;
#define vmcase(id) case BPF_OP_##id:
#define vmdispatch_raw() goto dispatch
#endif
#if INTERP_CHECKED
#define vmdispatch() do {                                                     \
		if (unlikely(budget-- == 0))                                   \
			goto fault_budget;                                     \
		vmdispatch_raw();                                              \
	} while (0)
#else
#define vmdispatch() vmdispatch_raw()
#endif
#define vmnext()  do { pc++; vmdispatch(); } while (0)
#define vmjump(o) do { pc += (o) + 1; vmdispatch(); } while (0)
#define D reg[pc->dst]
#define S reg[pc->src]
#define IMM ((uint64_t)(int64_t)pc->imm)   /* sign-extended to 64 */
#define U32(x) ((uint32_t)(x))

	if (!prog) {
		*labels_out = labels;
		return 0;
	}

	const struct bpf_dinsn *const base = prog->dinsns;
	const struct bpf_dinsn *pc = base;
	uint64_t reg[11];
	uint64_t acc = 0;     /* operand forwarding, see below */
	struct {
		const struct bpf_dinsn *ret;
		uint64_t r6, r7, r8, r9, r10;
	} frames[BPFVM_MAX_CALL_DEPTH];
	unsigned depth = 0;
	_Alignas(16) uint8_t stack[BPFVM_MAX_CALL_DEPTH * BPFVM_STACK_SIZE];
	uint64_t fault_addr = 0;
	uint32_t fault_size = 0;
	int fault_write = 0;
	int ret = 0;

	reg[0] = 0;
	reg[1] = args[0]; reg[2] = args[1]; reg[3] = args[2];
	reg[4] = args[3]; reg[5] = args[4];
	reg[6] = reg[7] = reg[8] = reg[9] = 0;
	reg[10] = (uint64_t)(uintptr_t)(stack + sizeof(stack));
#if INTERP_CHECKED
	/* Unverified programs may read stack they never wrote: give them
	 * zeros, never the host's leftovers. */
	memset(stack + sizeof(stack) - BPFVM_STACK_SIZE, 0, BPFVM_STACK_SIZE);
	run->stack_hi = reg[10];
	run->stack_lo = reg[10] - BPFVM_STACK_SIZE;
#define MEM_CHECK(addr, size, write) do {                                     \
		if (unlikely(!bpf_run_mem_ok(run, (addr), (size), (write)))) {  \
			fault_addr = (addr); fault_size = (size);              \
			fault_write = (write);                                 \
			goto fault_mem;                                        \
		}                                                              \
	} while (0)
#define ATOMIC_CHECK(addr, size) do {                                         \
		MEM_CHECK(addr, size, 1);                                      \
		if (unlikely((addr) & ((size) - 1))) {                         \
			fault_addr = (addr); fault_size = (size);              \
			goto fault_misaligned;                                 \
		}                                                              \
	} while (0)
#else
#define MEM_CHECK(addr, size, write) do { } while (0)
#define ATOMIC_CHECK(addr, size) do { } while (0)
#endif

#if BPFVM_COMPUTED_GOTO
	vmdispatch();
#else
#define INTERP_SWITCH 1
dispatch:
#if INTERP_CHECKED
	if (unlikely(budget-- == 0))
		goto fault_budget;
#endif
	switch (pc->op) {
#undef vmdispatch
#define vmdispatch() goto dispatch
#endif

	vmcase(INVALID)
		/* The loader never lets an invalid instruction through. */
		abort();

	/* ---- Operand forwarding -----------------------------------------
	 * reg[] in memory is always up to date, but an instruction that reads
	 * the register its predecessor just wrote would wait for the store to
	 * be forwarded to its load (~5 cycles, the bulk of an instruction's
	 * time). So every handler below that writes a register also leaves
	 * its value in `acc`, a host register (jumps and stores write none and
	 * leave acc as it is), and has variants that take their first operand
	 * (_d: dst, or the base of a store) or their second (_s: src) from
	 * acc. The loader picks a variant only where it is sure acc holds that
	 * register: along the fall-through path from the instruction that set
	 * it, with nothing jumping or returning in between.
	 *
	 * FWD_X(ID, BODY) emits the three variants of an instruction whose
	 * BODY reads `d` (dst value) and `s` (src value); FWD_K the two of one
	 * that reads only d. */
#if BPFVM_COMPUTED_GOTO
#define FWD_X(ID, ...)                                                        \
	vmcase(ID)   { uint64_t d = D, s = S; __VA_ARGS__ }                   \
	vmcase_d(ID) { uint64_t d = acc, s = S; __VA_ARGS__ }                 \
	vmcase_s(ID) { uint64_t d = D, s = acc; __VA_ARGS__ }
#define FWD_K(ID, ...)                                                        \
	vmcase(ID)   { uint64_t d = D; __VA_ARGS__ }                          \
	vmcase_d(ID) { uint64_t d = acc; __VA_ARGS__ }
#else
#define FWD_X(ID, ...) vmcase(ID) { uint64_t d = D, s = S; __VA_ARGS__ }
#define FWD_K(ID, ...) vmcase(ID) { uint64_t d = D; __VA_ARGS__ }
#endif

	/* ---- ALU: semantics.h says what each computes ------------------- */
#define ALU(OP)                                                               \
	FWD_K(OP##64_K, SEM_##OP##64_K(d, pc->imm); D = acc = d; vmnext();)  \
	FWD_X(OP##64_X, SEM_##OP##64_X(d, s); D = acc = d; vmnext();)        \
	FWD_K(OP##32_K, SEM_##OP##32_K(d, pc->imm); D = acc = d; vmnext();)  \
	FWD_X(OP##32_X, SEM_##OP##32_X(d, s); D = acc = d; vmnext();)
	SEM_ALU_OPS(ALU)
#undef ALU
	FWD_X(MOVSX64_8,  (void)d; D = acc = (uint64_t)(int64_t)(int8_t)s; vmnext();)
	FWD_X(MOVSX64_16, (void)d; D = acc = (uint64_t)(int64_t)(int16_t)s; vmnext();)
	FWD_X(MOVSX64_32, (void)d; D = acc = (uint64_t)(int64_t)(int32_t)s; vmnext();)
	FWD_X(MOVSX32_8,  (void)d; D = acc = U32((int32_t)(int8_t)s); vmnext();)
	FWD_X(MOVSX32_16, (void)d; D = acc = U32((int32_t)(int16_t)s); vmnext();)
	FWD_K(NEG64, D = acc = 0 - d; vmnext();)
	FWD_K(NEG32, D = acc = U32(0 - U32(d)); vmnext();)

	/* Division: x/0 = 0, x%0 = x, INT_MIN/-1 = INT_MIN, INT_MIN%-1 = 0. */
	vmcase(DIV64_K) D = pc->imm ? D / IMM : 0; vmnext();
	vmcase(DIV64_X) D = S ? D / S : 0; vmnext();
	vmcase(MOD64_K) D = pc->imm ? D % IMM : D; vmnext();
	vmcase(MOD64_X) D = S ? D % S : D; vmnext();
	vmcase(DIV32_K) D = pc->imm ? U32(D) / U32(pc->imm) : 0; vmnext();
	vmcase(DIV32_X) D = U32(S) ? U32(D) / U32(S) : 0; vmnext();
	vmcase(MOD32_K) D = pc->imm ? U32(D) % U32(pc->imm) : U32(D); vmnext();
	vmcase(MOD32_X) D = U32(S) ? U32(D) % U32(S) : U32(D); vmnext();
	vmcase(SDIV64_K) D = interp_sdiv64(D, IMM); vmnext();
	vmcase(SDIV64_X) D = interp_sdiv64(D, S); vmnext();
	vmcase(SMOD64_K) D = interp_smod64(D, IMM); vmnext();
	vmcase(SMOD64_X) D = interp_smod64(D, S); vmnext();
	vmcase(SDIV32_K) D = interp_sdiv32(U32(D), U32(pc->imm)); vmnext();
	vmcase(SDIV32_X) D = interp_sdiv32(U32(D), U32(S)); vmnext();
	vmcase(SMOD32_K) D = interp_smod32(U32(D), U32(pc->imm)); vmnext();
	vmcase(SMOD32_X) D = interp_smod32(U32(D), U32(S)); vmnext();

#define END(OP) FWD_K(OP, SEM_##OP(d); D = acc = d; vmnext();)
	SEM_END_OPS(END)
#undef END

	/* ---- jumps ------------------------------------------------------ */
	vmcase(JA) vmjump(pc->off);
	vmcase(JA32) vmjump(pc->imm);
#define JCOND(OP)                                                             \
	FWD_K(OP##64_K, if (SEM_##OP##64_K(d, pc->imm)) vmjump(pc->off); vmnext();) \
	FWD_X(OP##64_X, if (SEM_##OP##64_X(d, s)) vmjump(pc->off); vmnext();)       \
	FWD_K(OP##32_K, if (SEM_##OP##32_K(d, pc->imm)) vmjump(pc->off); vmnext();) \
	FWD_X(OP##32_X, if (SEM_##OP##32_X(d, s)) vmjump(pc->off); vmnext();)
	SEM_JCOND_OPS(JCOND)
#undef JCOND

	/* ---- calls ------------------------------------------------------ */
	vmcase(CALL_HELPER)
		reg[0] = prog->helpers[pc->imm](reg[1], reg[2], reg[3], reg[4],
						reg[5], run);
		if (unlikely(run->stopped)) {
			reg[0] = run->stop_r0;
			goto done;
		}
		vmnext();
	vmcase(CALLX) {
		uint64_t id = D;
		bpfvm_helper_fn fn = id < BPFVM_MAX_HELPERS ?
			__atomic_load_n(&prog->vm->helpers[id].fn, __ATOMIC_ACQUIRE) : NULL;

		if (unlikely(!fn)) {
			fault_addr = id;
			goto fault_callx;
		}
		reg[0] = fn(reg[1], reg[2], reg[3], reg[4], reg[5], run);
		if (unlikely(run->stopped)) {
			reg[0] = run->stop_r0;
			goto done;
		}
		vmnext();
	}
	vmcase(CALL_KFUNC)
		/* The loader rejects kfunc calls; kept for the table's sake. */
		abort();

	vmcase(CALL_LOCAL)
		if (unlikely(depth + 1 >= BPFVM_MAX_CALL_DEPTH))
			goto fault_depth;
		frames[depth].ret = pc;
		frames[depth].r6 = reg[6]; frames[depth].r7 = reg[7];
		frames[depth].r8 = reg[8]; frames[depth].r9 = reg[9];
		frames[depth].r10 = reg[10];
		depth++;
		reg[10] -= BPFVM_STACK_SIZE;
#if INTERP_CHECKED
		run->stack_lo = reg[10] - BPFVM_STACK_SIZE;
		memset((void *)(uintptr_t)run->stack_lo, 0, BPFVM_STACK_SIZE);
#endif
		vmjump(pc->imm);
	vmcase(EXIT)
		if (depth == 0)
			goto done;
		depth--;
		pc = frames[depth].ret;
		reg[6] = frames[depth].r6; reg[7] = frames[depth].r7;
		reg[8] = frames[depth].r8; reg[9] = frames[depth].r9;
		reg[10] = frames[depth].r10;
#if INTERP_CHECKED
		run->stack_lo = reg[10] - BPFVM_STACK_SIZE;
#endif
		vmnext();

	/* ---- 64-bit immediates ----------------------------------------- */
	vmcase(LDDW_IMM64) D = acc = pc[1].imm64; pc += 2; vmdispatch();
	/* Pseudo sources are resolved by the loader into LDDW_IMM64. */
	vmcase(LDDW_MAP_FD) vmcase(LDDW_MAP_VALUE) vmcase(LDDW_BTF_ID)
	vmcase(LDDW_FUNC) vmcase(LDDW_MAP_IDX) vmcase(LDDW_MAP_IDX_VALUE)
		abort();

	/* ---- legacy packet loads (socket filters) ----------------------- */
#define LDPKT(ID, SIZE, OFFEXPR)                                              \
	vmcase(ID) {                                                          \
		int64_t off = (int32_t)(OFFEXPR);                             \
		if (unlikely(!run->pkt))                                      \
			goto fault_nopkt;                                     \
		if (off < 0 || (uint64_t)off + SIZE > run->pkt_len) {         \
			reg[0] = 0; /* the kernel ends the program with 0 */  \
			goto done;                                            \
		}                                                             \
		reg[0] = interp_load_be(run->pkt + off, SIZE);                \
		vmnext();                                                     \
	}
	LDPKT(LDABS_B, 1, pc->imm) LDPKT(LDABS_H, 2, pc->imm) LDPKT(LDABS_W, 4, pc->imm)
	LDPKT(LDIND_B, 1, U32(S) + U32(pc->imm))
	LDPKT(LDIND_H, 2, U32(S) + U32(pc->imm))
	LDPKT(LDIND_W, 4, U32(S) + U32(pc->imm))
#undef LDPKT

	/* ---- loads and stores ------------------------------------------ */
#define LDX(ID, T, CAST)                                                      \
	FWD_X(ID, {                                                           \
		uint64_t a = s + (uint64_t)(int64_t)pc->off;                  \
		(void)d;                                                      \
		MEM_CHECK(a, sizeof(T), 0);                                   \
		SEM_LOAD(acc, a, T, CAST);                                    \
		D = acc;                                                      \
		vmnext();                                                     \
	})
	SEM_LDX_OPS(LDX)
#undef LDX
#define STORE(SZ, T)                                                          \
	FWD_K(ST_##SZ, {                                                      \
		uint64_t a = d + (uint64_t)(int64_t)pc->off;                  \
		MEM_CHECK(a, sizeof(T), 1);                                   \
		SEM_STORE(a, T, IMM);                                         \
		vmnext();                                                     \
	})                                                                    \
	FWD_X(STX_##SZ, {                                                     \
		uint64_t a = d + (uint64_t)(int64_t)pc->off;                  \
		MEM_CHECK(a, sizeof(T), 1);                                   \
		SEM_STORE(a, T, s);                                           \
		vmnext();                                                     \
	})
	SEM_STORE_OPS(STORE)
#undef STORE

	/* ---- atomics ---------------------------------------------------- */
#define ATOMIC_RMW(W, T, NAME, BUILTIN)                                       \
	vmcase(ATOMIC##W##_##NAME) {                                          \
		uint64_t a = D + (uint64_t)(int64_t)pc->off;                  \
		ATOMIC_CHECK(a, sizeof(T));                                   \
		(void)BUILTIN((T *)(uintptr_t)a, (T)S, __ATOMIC_SEQ_CST);     \
		vmnext();                                                     \
	}                                                                     \
	vmcase(ATOMIC##W##_FETCH_##NAME) {                                    \
		uint64_t a = D + (uint64_t)(int64_t)pc->off;                  \
		ATOMIC_CHECK(a, sizeof(T));                                   \
		S = BUILTIN((T *)(uintptr_t)a, (T)S, __ATOMIC_SEQ_CST);       \
		vmnext();                                                     \
	}
	ATOMIC_RMW(64, uint64_t, ADD, __atomic_fetch_add)
	ATOMIC_RMW(64, uint64_t, OR, __atomic_fetch_or)
	ATOMIC_RMW(64, uint64_t, AND, __atomic_fetch_and)
	ATOMIC_RMW(64, uint64_t, XOR, __atomic_fetch_xor)
	ATOMIC_RMW(32, uint32_t, ADD, __atomic_fetch_add)
	ATOMIC_RMW(32, uint32_t, OR, __atomic_fetch_or)
	ATOMIC_RMW(32, uint32_t, AND, __atomic_fetch_and)
	ATOMIC_RMW(32, uint32_t, XOR, __atomic_fetch_xor)
#undef ATOMIC_RMW
#define ATOMIC_XCHG(W, T)                                                     \
	vmcase(ATOMIC##W##_XCHG) {                                            \
		uint64_t a = D + (uint64_t)(int64_t)pc->off;                  \
		ATOMIC_CHECK(a, sizeof(T));                                   \
		S = __atomic_exchange_n((T *)(uintptr_t)a, (T)S, __ATOMIC_SEQ_CST); \
		vmnext();                                                     \
	}                                                                     \
	vmcase(ATOMIC##W##_CMPXCHG) {                                         \
		uint64_t a = D + (uint64_t)(int64_t)pc->off;                  \
		T expected = (T)reg[0];                                       \
		ATOMIC_CHECK(a, sizeof(T));                                   \
		__atomic_compare_exchange_n((T *)(uintptr_t)a, &expected, (T)S, \
			0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);               \
		reg[0] = expected; /* the old value, equal or not */          \
		vmnext();                                                     \
	}
	ATOMIC_XCHG(64, uint64_t)
	ATOMIC_XCHG(32, uint32_t)
#undef ATOMIC_XCHG

#if INTERP_SWITCH
	default:
		abort();
	}
#endif

done:
	*r0out = reg[0];
	return 0;

	/* ---- faults: stop the program, never the host ------------------- */
#if INTERP_CHECKED
fault_mem:
	ret = bpf_interp_fault(fault, fault_write ? BPFVM_FAULT_MEM_WRITE : BPFVM_FAULT_MEM_READ,
			   (size_t)(pc - base), fault_addr, fault_size);
	goto out;
fault_misaligned:
	ret = bpf_interp_fault(fault, BPFVM_FAULT_MISALIGNED, (size_t)(pc - base),
			   fault_addr, fault_size);
	goto out;
fault_budget:
	ret = bpf_interp_fault(fault, BPFVM_FAULT_BUDGET, (size_t)(pc - base), 0, 0);
	goto out;
#endif
fault_depth:
	ret = bpf_interp_fault(fault, BPFVM_FAULT_CALL_DEPTH, (size_t)(pc - base), 0, 0);
	goto out;
fault_callx:
	ret = bpf_interp_fault(fault, BPFVM_FAULT_BAD_CALLX, (size_t)(pc - base),
			   fault_addr, 0);
	goto out;
fault_nopkt:
	ret = bpf_interp_fault(fault, BPFVM_FAULT_NO_PACKET, (size_t)(pc - base), 0, 0);
	goto out;
out:
	(void)fault_write;
	(void)fault_addr;
	(void)fault_size;
	(void)budget;
	return ret;

#undef vmcase
#undef vmcase_d
#undef vmcase_s
#undef FWD_X
#undef FWD_K
#undef vmdispatch_raw
#undef vmdispatch
#undef vmnext
#undef vmjump
#undef D
#undef S
#undef IMM
#undef U32
#undef MEM_CHECK
#undef ATOMIC_CHECK
#undef INTERP_SWITCH
}
