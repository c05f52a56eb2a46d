/* SPDX-License-Identifier: MIT */
/*
 * test_interp_forwarding.c - the interpreter's operand forwarding (a
 * handler's result kept in a host register for the next instruction) must
 * never be used where control arrives other than by falling through from
 * the instruction that set it. Each program here reads a register right
 * after a point reached both ways; the expected r0 is computed by hand.
 * Every program runs in both interpreters.
 */
#include <errno.h>

#include "bpfvm/bpfvm.h"
#include "insn.h"
#include "test.h"

#define ADDK(d, k)     ALU64K(BPF_ADD, d, k)
#define ADDX(d, s)     ALU64X(BPF_ADD, d, s)
#define JEQK(d, k, o)  JK(BPF_JEQ, d, k, o)
#define JNEK(d, k, o)  JK(BPF_JNE, d, k, o)

struct fwd_case {
	const char *name;
	struct bpf_insn prog[16];
	unsigned n;
	uint64_t r1;
	uint64_t want;
};

static const struct fwd_case cases[] = {
	/* A conditional jump that is itself a jump target passes the
	 * accumulator through: arriving by the jump, it holds r3, not r2. */
	{ "jump into a pass-through jcond", {
		MOV64K(2, 7),            /* 0 */
		MOV64K(3, 9),            /* 1: acc = r3 */
		JNEK(1, 0, 1), /* 2: r1 != 0 -> 4 */
		ADDK(2, 1),            /* 3: acc = r2 = 8 */
		JEQK(1, 5, 0),         /* 4: target of 2, passes acc through */
		MOV64X(0, 2),            /* 5: reads r2 */
		EXIT,
	}, 7, 3, 7 },
	{ "same, falling through", {
		MOV64K(2, 7), MOV64K(3, 9), JNEK(1, 0, 1),
		ADDK(2, 1), JEQK(1, 5, 0), MOV64X(0, 2), EXIT,
	}, 7, 0, 8 },
	/* A store between producer and consumer passes acc through. */
	{ "store passes through", {
		MOV64K(2, 40), STX(BPF_DW, 10, 2, -8), ADDK(2, 2), LDX(BPF_DW, 3, 10, -8),
		ADDX(3, 2), MOV64X(0, 3), EXIT,
	}, 7, 0, 82 },
	/* After a call returns, the callee's last result is in acc, not the
	 * caller's register. */
	{ "call return", {
		MOV64K(6, 5),            /* 0: acc = r6 */
		CALL_LOCAL(3),               /* 1 -> 5 */
		ADDX(6, 0),            /* 2: r6 = 5 + r0 */
		MOV64X(0, 6),            /* 3 */
		EXIT,                /* 4 */
		MOV64K(6, 100),          /* 5: callee: acc = r6 = 100 */
		MOV64K(0, 1),            /* 6 */
		EXIT,                /* 7: r6 restored to 5 by the return */
	}, 8, 0, 6 },
	/* lddw produces acc; a back edge to the consumer does not. */
	{ "loop back edge", {
		MOV64K(0, 0),            /* 0 */
		MOV64K(2, 3),            /* 1: acc = r2 */
		ADDK(0, 10),           /* 2: loop head (target), acc = r0 */
		ADDK(2, -1),           /* 3: reads r2 (acc holds r0 here) */
		JEQK(2, 0, 1),         /* 4 */
		JA(-4),                /* 5 -> 2 */
		EXIT,                /* 6 */
	}, 7, 0, 30 },
};

int main(void)
{
	struct bpfvm *vm = bpfvm_new();

	for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
		for (int trusted = 0; trusted < 2; trusted++) {
			struct bpfvm_prog *prog = NULL;
			struct bpfvm_run_opts opts = { .sz = sizeof(opts), .r1 = cases[c].r1 };
			char log[256] = "";
			uint64_t r0 = 0;
			int err;

			err = bpfvm_prog_load(vm, cases[c].prog, cases[c].n,
					      trusted ? BPFVM_PROG_TRUSTED : 0, &prog,
					      log, sizeof(log));
			CHECK_MSG(err == 0, "%s: load: %s", cases[c].name, log);
			if (err)
				continue;
			err = bpfvm_prog_run(prog, &opts, &r0);
			CHECK_MSG(err == 0 && r0 == cases[c].want,
				  "%s (%s): err %d r0 %llu, want %llu", cases[c].name,
				  trusted ? "trusted" : "checked", err,
				  (unsigned long long)r0, (unsigned long long)cases[c].want);
			bpfvm_prog_free(prog);
		}
	}
	bpfvm_free(vm);
	return test_summary();
}
