/* SPDX-License-Identifier: MIT */
/*
 * fuzz_interp.c - libFuzzer target for the checked interpreter.
 *
 * Input: an 8-byte header, then struct bpf_insn[] (whatever the rest
 * holds). Header byte 0: bits 2..7 are the length of the writable memory
 * region (0..63 bytes), bit 0 hands that memory as the ld_abs packet too,
 * bit 1 runs through bpfvm_prog_run_mem instead of bpfvm_prog_run (for
 * programs that cannot loop, see may_loop()); byte 1
 * fills the memory; bytes 2..7 seed r4/r5. Every program is loaded without
 * BPFVM_PROG_TRUSTED (so it runs in checked mode) with a small budget and a
 * few helpers that touch memory only through bpfvm_run_mem_ok. Being
 * rejected at load is fine; crashing, hanging, leaking, or reporting a
 * fault inconsistently (no kind, no message, an index outside the program,
 * an undocumented error code) is a bug: the target traps.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bpfvm/bpfvm.h"

#define FUZZ_BUDGET   100000
#define FUZZ_MAX_INSN 4096

static uint64_t h_mix(uint64_t r1, uint64_t r2, uint64_t r3, uint64_t r4, uint64_t r5,
		      struct bpfvm_run *run)
{
	(void)run;
	return (r1 ^ (r2 << 1)) + r3 * 3 + (r4 | r5);
}

/* Sum of the bytes at [r1, r1 + r2), when the program may read them. */
static uint64_t h_sum_mem(uint64_t r1, uint64_t r2, uint64_t r3, uint64_t r4, uint64_t r5,
			  struct bpfvm_run *run)
{
	uint64_t s = 0;

	(void)r3; (void)r4; (void)r5;
	if (r2 > 4096 || !bpfvm_run_mem_ok(run, r1, r2, 0))
		return (uint64_t)-EFAULT;
	for (uint64_t i = 0; i < r2; i++)
		s += ((const uint8_t *)(uintptr_t)r1)[i];
	return s;
}

/* memset(r1, r3, r2), when the program may write there. */
static uint64_t h_fill_mem(uint64_t r1, uint64_t r2, uint64_t r3, uint64_t r4, uint64_t r5,
			   struct bpfvm_run *run)
{
	(void)r4; (void)r5;
	if (r2 > 4096 || !bpfvm_run_mem_ok(run, r1, r2, 1))
		return (uint64_t)-EFAULT;
	memset((void *)(uintptr_t)r1, (int)(r3 & 0xff), (size_t)r2);
	return 0;
}

static uint64_t h_stop_if(uint64_t r1, uint64_t r2, uint64_t r3, uint64_t r4, uint64_t r5,
			  struct bpfvm_run *run)
{
	(void)r3; (void)r4; (void)r5;
	if (r2 & 1)
		bpfvm_run_stop(run, r1);
	return r1 + 1;
}

static void check_fault(int ret, const struct bpfvm_fault *f, size_t cnt)
{
	if (ret == 0)
		return;
	if (ret != -EFAULT && ret != -E2BIG && ret != -ELOOP && ret != -ENOENT && ret != -EINVAL)
		__builtin_trap();
	if (f->kind == BPFVM_FAULT_NONE || f->insn >= cnt)
		__builtin_trap();
	if (!memchr(f->msg, 0, sizeof(f->msg)) || !f->msg[0])
		__builtin_trap();
	if ((f->kind == BPFVM_FAULT_MEM_READ || f->kind == BPFVM_FAULT_MEM_WRITE) && ret != -EFAULT)
		__builtin_trap();
	if (f->kind == BPFVM_FAULT_BUDGET && ret != -E2BIG)
		__builtin_trap();
	if (f->kind == BPFVM_FAULT_CALL_DEPTH && ret != -ELOOP)
		__builtin_trap();
}

/* bpfvm_prog_run_mem has no budget argument (it uses the default, 2^32
 * instructions), so it only gets programs that cannot loop: no backward
 * jump or local call, no callx. */
static int may_loop(const struct bpf_insn *in, size_t cnt)
{
	for (size_t i = 0; i < cnt; i++) {
		uint8_t cls = BPF_CLASS(in[i].code), op = BPF_OP(in[i].code);

		if (cls != BPF_JMP && cls != BPF_JMP32)
			continue;
		if (op == BPF_CALL && (BPF_SRC(in[i].code) == BPF_X || in[i].imm < 0))
			return 1;
		if (op == BPF_JA && cls == BPF_JMP32 && in[i].imm < 0)
			return 1;
		if (op != BPF_CALL && op != BPF_EXIT && in[i].off < 0)
			return 1;
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bpfvm *vm;
	struct bpfvm_prog *prog = NULL;
	struct bpf_insn *insns;
	size_t cnt, mem_len;
	uint8_t *mem, ro[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
	char log[256];
	int ret;

	if (size < 8 + sizeof(struct bpf_insn))
		return 0;
	cnt = (size - 8) / sizeof(struct bpf_insn);
	if (cnt > FUZZ_MAX_INSN)
		cnt = FUZZ_MAX_INSN;
	mem_len = data[0] >> 2;

	vm = bpfvm_new();
	if (!vm)
		return 0;
	bpfvm_helper_register(vm, 1, "mix", h_mix);
	bpfvm_helper_register(vm, 2, "sum_mem", h_sum_mem);
	bpfvm_helper_register(vm, 3, "fill_mem", h_fill_mem);
	bpfvm_helper_register(vm, 4, "stop_if", h_stop_if);

	/* Copy so the instructions are aligned and the input stays untouched. */
	insns = malloc(cnt * sizeof(*insns));
	mem = malloc(mem_len ? mem_len : 1);
	if (!insns || !mem)
		goto out;
	memcpy(insns, data + 8, cnt * sizeof(*insns));
	memset(mem, data[1], mem_len);

	ret = bpfvm_prog_load(vm, insns, cnt, 0, &prog, log, sizeof(log));
	if (ret) {
		if (ret > 0 || !memchr(log, 0, sizeof(log)) || !log[0])
			__builtin_trap(); /* errors are -errno with a message */
		goto out;
	}
	if (bpfvm_prog_insn_cnt(prog) != cnt)
		__builtin_trap();

	if ((data[0] & 2) && !may_loop(insns, cnt)) {
		struct bpfvm_fault f;
		uint64_t r0;

		memset(&f, 0, sizeof(f));
		ret = bpfvm_prog_run_mem(prog, mem, mem_len, &r0, &f);
		check_fault(ret, &f, cnt);
	} else {
		struct bpfvm_region regs[2] = {
			{ .addr = mem, .len = mem_len, .writable = 1 },
			{ .addr = ro, .len = sizeof(ro), .writable = 0 },
		};
		struct bpfvm_run_opts o;
		struct bpfvm_fault f;
		uint64_t r0;

		memset(&o, 0, sizeof(o));
		memset(&f, 0, sizeof(f));
		o.sz = sizeof(o);
		o.r1 = (uint64_t)(uintptr_t)mem;
		o.r2 = mem_len;
		o.r3 = (uint64_t)(uintptr_t)ro;
		o.r4 = (uint64_t)data[2] | (uint64_t)data[3] << 8 | (uint64_t)data[4] << 16;
		o.r5 = (uint64_t)(int8_t)data[5] * 0x01010101 + data[6] + ((uint64_t)data[7] << 56);
		o.regions = regs;
		o.nr_regions = 2;
		o.budget = FUZZ_BUDGET;
		o.fault = &f;
		if (data[0] & 1) {
			o.pkt = mem;
			o.pkt_len = (uint32_t)mem_len;
		}
		ret = bpfvm_prog_run(prog, &o, &r0);
		check_fault(ret, &f, cnt);
		/* the read-only region stays as it was */
		for (int i = 0; i < 8; i++)
			if (ro[i] != i + 1)
				__builtin_trap();
	}
	/* Every other prog is left to bpfvm_free, which must free it. */
	if (!(data[1] & 1))
		bpfvm_prog_free(prog);
out:
	free(insns);
	free(mem);
	bpfvm_free(vm);
	return 0;
}
