/* SPDX-License-Identifier: MIT */
/*
 * test_interp_checked.c - the interpreter's checked mode and the run API.
 *
 * Without BPFVM_PROG_TRUSTED a program may touch only the regions it was
 * given and its stack, within an instruction budget and the kernel's call
 * depth. This file checks each edge: accesses just inside every region and
 * the stack succeed; one byte outside (below, above, straddling the end,
 * below r10-512, at or above r10, NULL, wrapping addresses) faults with the
 * right kind, instruction index, address and size, returns -EFAULT and
 * leaves memory untouched; read-only regions fault on writes (atomics too);
 * budgets stop endless loops with -E2BIG and let finite ones finish; the
 * ninth frame faults with -ELOOP. It also covers helpers (arguments, r0,
 * callee-saved registers, bpfvm_run_stop, bpfvm_run_user, bpfvm_run_mem_ok,
 * re-registration), load errors and their messages, bpfvm_prog_run_mem, and
 * legacy packet loads without a packet. Fault cases run in a child process
 * so that a missing check shows up as a failure, not a crash of the suite.
 */
#include <errno.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test.h"
#include "insn.h"
#include "bpfvm/bpfvm.h"

#define NINSN(a) (sizeof(a) / sizeof((a)[0]))

/* Three filler instructions so that the faulting one has index 3. They
 * also set r3 = 0 (a NULL pointer) and r4 = 0. */
#define PAD3 MOV64K(0, 0), MOV64K(3, 0), MOV64K(4, 0)

static struct bpfvm *vm;

/* ---- helpers the tests register ----------------------------------------- */
enum { H_SUM = 1, H_STOP = 2, H_USER = 3, H_MEMOK = 4, H_COUNT = 5, H_SWAP = 6 };

static unsigned count_calls;

static uint64_t h_sum(uint64_t r1, uint64_t r2, uint64_t r3, uint64_t r4, uint64_t r5,
		      struct bpfvm_run *run)
{
	(void)run;
	return r1 | r2 << 8 | r3 << 16 | r4 << 24 | r5 << 32;
}

static uint64_t h_stop(uint64_t r1, uint64_t r2, uint64_t r3, uint64_t r4, uint64_t r5,
		       struct bpfvm_run *run)
{
	(void)r2; (void)r3; (void)r4; (void)r5;
	bpfvm_run_stop(run, r1);
	return 7;
}

static uint64_t h_user(uint64_t r1, uint64_t r2, uint64_t r3, uint64_t r4, uint64_t r5,
		       struct bpfvm_run *run)
{
	(void)r1; (void)r2; (void)r3; (void)r4; (void)r5;
	return (uint64_t)(uintptr_t)bpfvm_run_user(run);
}

static uint64_t h_memok(uint64_t r1, uint64_t r2, uint64_t r3, uint64_t r4, uint64_t r5,
			struct bpfvm_run *run)
{
	(void)r4; (void)r5;
	return bpfvm_run_mem_ok(run, r1, r2, (int)r3) != 0;
}

static uint64_t h_count(uint64_t r1, uint64_t r2, uint64_t r3, uint64_t r4, uint64_t r5,
			struct bpfvm_run *run)
{
	(void)r1; (void)r2; (void)r3; (void)r4; (void)r5; (void)run;
	return ++count_calls;
}

static uint64_t h_ret_a(uint64_t r1, uint64_t r2, uint64_t r3, uint64_t r4, uint64_t r5,
			struct bpfvm_run *run)
{
	(void)r1; (void)r2; (void)r3; (void)r4; (void)r5; (void)run;
	return 0xa;
}

static uint64_t h_ret_b(uint64_t r1, uint64_t r2, uint64_t r3, uint64_t r4, uint64_t r5,
			struct bpfvm_run *run)
{
	(void)r1; (void)r2; (void)r3; (void)r4; (void)r5; (void)run;
	return 0xb;
}

/* ---- running ------------------------------------------------------------ */

/* The regions of every run: buf (16 bytes, writable) in r1, ro (8 bytes,
 * read-only) in r2. Both are heap blocks of exactly that size so that an
 * unchecked access is also caught by AddressSanitizer. */
static uint8_t *buf, *ro;
#define BUF_LEN 16
#define RO_LEN  8

static void fill_regions(void)
{
	for (int i = 0; i < BUF_LEN; i++)
		buf[i] = (uint8_t)(0x10 + i);
	for (int i = 0; i < RO_LEN; i++)
		ro[i] = (uint8_t)(0xa0 + i);
}

struct result {
	int load;                 /* bpfvm_prog_load's return */
	int run;                  /* bpfvm_prog_run's return */
	uint64_t r0;
	struct bpfvm_fault fault;
	char log[256];
};

static struct result run_prog(const struct bpf_insn *p, size_t n, unsigned flags,
			      uint64_t budget, void *user)
{
	struct bpfvm_region regs[2] = {
		{ .addr = buf, .len = BUF_LEN, .writable = 1 },
		{ .addr = ro, .len = RO_LEN, .writable = 0 },
	};
	struct bpfvm_run_opts o;
	struct bpfvm_prog *prog = NULL;
	struct result r;

	memset(&r, 0, sizeof(r));
	memset(&o, 0, sizeof(o));
	o.sz = sizeof(o);
	o.r1 = (uint64_t)(uintptr_t)buf;
	o.r2 = (uint64_t)(uintptr_t)ro;
	o.regions = regs;
	o.nr_regions = 2;
	o.budget = budget;
	o.user = user;
	o.fault = &r.fault;
	r.r0 = 0xdeadbeef;
	r.load = bpfvm_prog_load(vm, p, n, flags, &prog, r.log, sizeof(r.log));
	if (r.load)
		return r;
	r.run = bpfvm_prog_run(prog, &o, &r.r0);
	bpfvm_prog_free(prog);
	return r;
}

static int msg_names_insn(const char *msg, uint32_t insn)
{
	char want[32];

	snprintf(want, sizeof(want), "insn %u", insn);
	return strstr(msg, want) != NULL;
}

/* ---- region and stack accesses ------------------------------------------ */

enum { A_ANY, A_BUF, A_RO, A_ABS };

struct mcase {
	const char *name;
	struct bpf_insn prog[16];
	size_t n;
	uint64_t want;                  /* r0 when the run succeeds */
	enum bpfvm_fault_kind kind;     /* NONE: must succeed */
	enum bpfvm_fault_kind kind_alt; /* also acceptable (NONE: none) */
	uint32_t insn;
	int addr_base;
	int64_t addr_off;
	uint32_t size;
};

#define OK(v)            .want = (v), .kind = BPFVM_FAULT_NONE
#define RFAULT(i, b, o, s) .kind = BPFVM_FAULT_MEM_READ, .insn = (i), .addr_base = (b), \
			 .addr_off = (o), .size = (s)
#define WFAULT(i, b, o, s) .kind = BPFVM_FAULT_MEM_WRITE, .insn = (i), .addr_base = (b), \
			 .addr_off = (o), .size = (s)

static const struct mcase mem_cases[] = {
	/* inside: every edge succeeds */
	{ "read buf first byte", P(LDX(BPF_B, 0, 1, 0), EXIT), OK(0x10) },
	{ "read buf last byte", P(LDX(BPF_B, 0, 1, 15), EXIT), OK(0x1f) },
	{ "read buf last dword", P(LDX(BPF_DW, 0, 1, 8), EXIT), OK(0x1f1e1d1c1b1a1918ull) },
	{ "read buf last word", P(LDX(BPF_W, 0, 1, 12), EXIT), OK(0x1f1e1d1c) },
	{ "read buf via moved pointer", P(ALU64K(BPF_ADD, 1, 15), LDX(BPF_B, 0, 1, 0), EXIT), OK(0x1f) },
	{ "read buf via negative offset", P(ALU64K(BPF_ADD, 1, 16), LDX(BPF_H, 0, 1, -2), EXIT), OK(0x1f1e) },
	{ "write buf edges", P(ST(BPF_B, 1, 0, 1), ST(BPF_B, 1, 15, 2), ST(BPF_DW, 1, 8, 3),
		LDX(BPF_DW, 0, 1, 8), EXIT), OK(3) },
	{ "atomic on buf last dword", P(MOV64K(3, 1), ATOM(BPF_DW, BPF_ADD, 1, 3, 8),
		LDX(BPF_B, 0, 1, 8), EXIT), OK(0x19) },
	{ "read ro", P(LDX(BPF_DW, 0, 2, 0), EXIT), OK(0xa7a6a5a4a3a2a1a0ull) },
	{ "read ro last byte", P(LDX(BPF_B, 0, 2, 7), EXIT), OK(0xa7) },
	{ "stack top and bottom", P(ST(BPF_B, 10, -1, 5), ST(BPF_DW, 10, -512, 6),
		LDX(BPF_B, 0, 10, -1), LDX(BPF_DW, 3, 10, -512), ALU64X(BPF_ADD, 0, 3), EXIT), OK(11) },
	{ "stack top dword", P(ST(BPF_DW, 10, -8, 9), LDX(BPF_DW, 0, 10, -8), EXIT), OK(9) },
	{ "stack via copied pointer", P(MOV64X(3, 10), ALU64K(BPF_ADD, 3, -512), ST(BPF_W, 3, 0, 4),
		LDX(BPF_W, 0, 10, -512), EXIT), OK(4) },
	/* reads outside */
	{ "read 1 byte above buf", P(PAD3, LDX(BPF_B, 0, 1, 16), EXIT), RFAULT(3, A_BUF, 16, 1) },
	{ "read 1 byte below buf", P(PAD3, LDX(BPF_B, 0, 1, -1), EXIT), RFAULT(3, A_BUF, -1, 1) },
	{ "read word straddling buf end", P(PAD3, LDX(BPF_W, 0, 1, 13), EXIT), RFAULT(3, A_BUF, 13, 4) },
	{ "read dword straddling buf end", P(PAD3, LDX(BPF_DW, 0, 1, 9), EXIT), RFAULT(3, A_BUF, 9, 8) },
	{ "read half straddling buf start", P(PAD3, LDX(BPF_H, 0, 1, -1), EXIT), RFAULT(3, A_BUF, -1, 2) },
	{ "read far above buf", P(PAD3, LDX(BPF_DW, 0, 1, 0x7fff), EXIT), RFAULT(3, A_BUF, 0x7fff, 8) },
	{ "read 1 byte above ro", P(PAD3, LDX(BPF_B, 0, 2, 8), EXIT), RFAULT(3, A_RO, 8, 1) },
	{ "read dword straddling ro end", P(PAD3, LDX(BPF_DW, 0, 2, 1), EXIT), RFAULT(3, A_RO, 1, 8) },
	{ "read NULL", P(PAD3, LDX(BPF_DW, 0, 3, 0), EXIT), RFAULT(3, A_ABS, 0, 8) },
	{ "read NULL + 100", P(PAD3, LDX(BPF_B, 0, 3, 100), EXIT), RFAULT(3, A_ABS, 100, 1) },
	{ "read below stack", P(PAD3, LDX(BPF_B, 0, 10, -513), EXIT), RFAULT(3, A_ANY, 0, 1) },
	{ "read at r10", P(PAD3, LDX(BPF_B, 0, 10, 0), EXIT), RFAULT(3, A_ANY, 0, 1) },
	{ "read dword straddling r10", P(PAD3, LDX(BPF_DW, 0, 10, -4), EXIT), RFAULT(3, A_ANY, 0, 8) },
	{ "read dword straddling stack bottom", P(PAD3, LDX(BPF_DW, 0, 10, -516), EXIT),
		RFAULT(3, A_ANY, 0, 8) },
	{ "read far below stack", P(PAD3, LDX(BPF_W, 0, 10, -32768), EXIT), RFAULT(3, A_ANY, 0, 4) },
	/* writes outside */
	{ "write 1 byte above buf", P(PAD3, ST(BPF_B, 1, 16, 1), EXIT), WFAULT(3, A_BUF, 16, 1) },
	{ "write half below buf", P(PAD3, ST(BPF_H, 1, -2, 1), EXIT), WFAULT(3, A_BUF, -2, 2) },
	{ "write dword straddling buf end", P(PAD3, ST(BPF_DW, 1, 12, -1), EXIT), WFAULT(3, A_BUF, 12, 8) },
	{ "stx word straddling buf end", P(PAD3, STX(BPF_W, 1, 0, 14), EXIT), WFAULT(3, A_BUF, 14, 4) },
	{ "write ro byte", P(PAD3, ST(BPF_B, 2, 0, 1), EXIT), WFAULT(3, A_RO, 0, 1) },
	{ "stx ro dword", P(PAD3, STX(BPF_DW, 2, 0, 0), EXIT), WFAULT(3, A_RO, 0, 8) },
	{ "write NULL", P(PAD3, ST(BPF_W, 3, 0, 1), EXIT), WFAULT(3, A_ABS, 0, 4) },
	{ "write below stack", P(PAD3, ST(BPF_DW, 10, -520, 1), EXIT), WFAULT(3, A_ANY, 0, 8) },
	{ "write at r10", P(PAD3, ST(BPF_B, 10, 0, 1), EXIT), WFAULT(3, A_ANY, 0, 1) },
	{ "stx dword straddling stack bottom", P(PAD3, STX(BPF_DW, 10, 0, -516), EXIT),
		WFAULT(3, A_ANY, 0, 8) },
	/* atomics: a read-only region faults on the write */
	{ "atomic add on ro", P(PAD3, ATOM(BPF_DW, BPF_ADD, 2, 4, 0), EXIT), WFAULT(3, A_RO, 0, 8) },
	{ "atomic fetch add32 on ro", P(PAD3, ATOM(BPF_W, BPF_ADD | BPF_FETCH, 2, 4, 4), EXIT),
		WFAULT(3, A_RO, 4, 4) },
	{ "atomic xchg on ro", P(PAD3, ATOM(BPF_DW, BPF_XCHG, 2, 4, 0), EXIT), WFAULT(3, A_RO, 0, 8) },
	{ "atomic cmpxchg on ro", P(PAD3, ATOM(BPF_DW, BPF_CMPXCHG, 2, 4, 0), EXIT), WFAULT(3, A_RO, 0, 8) },
	{ "atomic add straddling buf end", P(PAD3, ATOM(BPF_DW, BPF_ADD, 1, 4, 12), EXIT),
		WFAULT(3, A_BUF, 12, 8), .kind_alt = BPFVM_FAULT_MEM_READ },
	{ "atomic or32 on NULL", P(PAD3, ATOM(BPF_W, BPF_OR, 3, 4, 0), EXIT),
		WFAULT(3, A_ABS, 0, 4), .kind_alt = BPFVM_FAULT_MEM_READ },
	{ "atomic below stack", P(PAD3, ATOM(BPF_DW, BPF_AND | BPF_FETCH, 10, 4, -520), EXIT),
		WFAULT(3, A_ANY, 0, 8), .kind_alt = BPFVM_FAULT_MEM_READ },
	/* addresses that wrap around */
	{ "read at -4 (dword wraps)", P(PAD3, MOV64K(3, -4), LDX(BPF_DW, 0, 3, 0), EXIT),
		RFAULT(4, A_ABS, -4, 8) },
	{ "read at 4 - 8", P(PAD3, MOV64K(3, 4), LDX(BPF_DW, 0, 3, -8), EXIT), RFAULT(4, A_ABS, -4, 8) },
	{ "write at -1", P(PAD3, MOV64K(3, -1), ST(BPF_H, 3, 0, 0), EXIT), WFAULT(4, A_ABS, -1, 2) },
	{ "read at INT64_MAX", P(PAD3, LDDW(3, 0x7fffffffffffffffull), LDX(BPF_DW, 0, 3, 0), EXIT),
		RFAULT(5, A_ABS, 0x7fffffffffffffffll, 8) },
	{ "pointer arithmetic wrapping back into buf", P(PAD3, LDDW(3, 0xfffffffffffffff8ull),
		ALU64X(BPF_ADD, 3, 1), LDX(BPF_DW, 0, 3, 8), EXIT), OK(0x1716151413121110ull) },
	/* the faulting instruction's index is global, also inside a callee */
	{ "fault in a callee", P(MOV64K(0, 0), CALL_LOCAL(1), EXIT, MOV64K(4, 0), LDX(BPF_B, 0, 1, 16), EXIT),
		RFAULT(4, A_BUF, 16, 1) },
};

static uint64_t expect_addr(const struct mcase *c)
{
	switch (c->addr_base) {
	case A_BUF: return (uint64_t)(uintptr_t)buf + (uint64_t)c->addr_off;
	case A_RO:  return (uint64_t)(uintptr_t)ro + (uint64_t)c->addr_off;
	default:    return (uint64_t)c->addr_off;
	}
}

/* Runs in a child; returns the number of failed checks. */
static unsigned check_mcase(const struct mcase *c)
{
	unsigned before = test_failed;
	uint8_t buf0[BUF_LEN], ro0[RO_LEN];
	struct result r;

	fill_regions();
	memcpy(buf0, buf, BUF_LEN);
	memcpy(ro0, ro, RO_LEN);
	r = run_prog(c->prog, c->n, 0, 0, NULL);
	CHECK_MSG(r.load == 0, "%s: load failed: %d %s", c->name, r.load, r.log);
	if (r.load)
		return test_failed - before;
	if (c->kind == BPFVM_FAULT_NONE) {
		CHECK_MSG(r.run == 0, "%s: run failed: %d %s", c->name, r.run, r.fault.msg);
		CHECK_MSG(r.run || r.r0 == c->want, "%s: r0 = 0x%" PRIx64 ", want 0x%" PRIx64,
			  c->name, r.r0, c->want);
		return test_failed - before;
	}
	CHECK_MSG(r.run == -EFAULT, "%s: returned %d, want -EFAULT (r0 0x%" PRIx64 ")",
		  c->name, r.run, r.r0);
	CHECK_MSG(r.fault.kind == c->kind || (c->kind_alt && r.fault.kind == c->kind_alt),
		  "%s: fault kind %d, want %d", c->name, r.fault.kind, c->kind);
	CHECK_MSG(r.fault.insn == c->insn, "%s: fault insn %u, want %u", c->name,
		  r.fault.insn, c->insn);
	CHECK_MSG(!c->size || r.fault.size == c->size, "%s: fault size %u, want %u", c->name,
		  r.fault.size, c->size);
	CHECK_MSG(c->addr_base == A_ANY || r.fault.addr == expect_addr(c),
		  "%s: fault addr 0x%" PRIx64 ", want 0x%" PRIx64, c->name, r.fault.addr,
		  expect_addr(c));
	CHECK_MSG(r.fault.msg[0] && msg_names_insn(r.fault.msg, c->insn),
		  "%s: fault message \"%s\" does not name insn %u", c->name, r.fault.msg, c->insn);
	CHECK_MSG(memchr(r.fault.msg, 0, sizeof(r.fault.msg)) != NULL, "%s: message not terminated",
		  c->name);
	/* A faulting access changes nothing. */
	CHECK_MSG(!memcmp(buf, buf0, BUF_LEN) && !memcmp(ro, ro0, RO_LEN),
		  "%s: memory changed by a faulting access", c->name);
	return test_failed - before;
}

/* Run fn(arg) in a child process: a crash or hang there (an access the
 * checks missed) is one failure here instead of the end of the suite. */
static void isolated(const char *name, unsigned (*fn)(const void *), const void *arg)
{
	pid_t pid;
	int st;

	fflush(stderr);
	fflush(stdout);
	pid = fork();
	if (pid < 0) {
		CHECK_MSG(fn(arg) == 0, "%s", name);
		return;
	}
	if (pid == 0) {
		unsigned f;

		alarm(20);
		f = fn(arg);
		fflush(stderr);
		_exit(f > 100 ? 100 : (int)f);
	}
	if (waitpid(pid, &st, 0) != pid) {
		CHECK_MSG(0, "%s: waitpid failed", name);
		return;
	}
	if (WIFSIGNALED(st)) {
		CHECK_MSG(0, "%s: crashed with signal %d", name, WTERMSIG(st));
		return;
	}
	/* One pass for the case, or as many failures as the child counted. */
	if (WEXITSTATUS(st) == 0)
		test_passed++;
	else
		test_failed += (unsigned)WEXITSTATUS(st);
}

static unsigned mcase_fn(const void *arg)
{
	return check_mcase(arg);
}

static void test_memory(void)
{
	for (size_t i = 0; i < NINSN(mem_cases); i++)
		isolated(mem_cases[i].name, mcase_fn, &mem_cases[i]);
}

/* A fault report may go nowhere: opts.fault = NULL. */
static void test_fault_null(void)
{
	static const struct bpf_insn p[] = { LDX(BPF_B, 0, 1, 16), EXIT };
	struct bpfvm_prog *prog = NULL;
	struct bpfvm_run_opts o;
	struct bpfvm_region reg = { .addr = buf, .len = BUF_LEN, .writable = 1 };
	uint64_t r0;

	CHECK(bpfvm_prog_load(vm, p, NINSN(p), 0, &prog, NULL, 0) == 0);
	if (!prog)
		return;
	memset(&o, 0, sizeof(o));
	o.sz = sizeof(o);
	o.r1 = (uint64_t)(uintptr_t)buf;
	o.regions = &reg;
	o.nr_regions = 1;
	CHECK(bpfvm_prog_run(prog, &o, &r0) == -EFAULT);
	/* and the program still runs fine with a valid pointer afterwards */
	o.r1 = (uint64_t)(uintptr_t)buf - 15;
	fill_regions();
	CHECK(bpfvm_prog_run(prog, &o, &r0) == 0);
	CHECK_U64(r0, 0x11);
	bpfvm_prog_free(prog);
}

/* Two regions: each alone is fine, the gap between them is not. */
static void test_regions(void)
{
	uint8_t *both = calloc(1, 64);
	static const struct bpf_insn in_second[] = { LDX(BPF_DW, 0, 1, 40), EXIT };
	static const struct bpf_insn in_gap[] = { LDX(BPF_B, 0, 1, 20), EXIT };
	static const struct bpf_insn zero_len[] = { LDX(BPF_B, 0, 2, 0), EXIT };
	struct bpfvm_region regs[3];
	struct bpfvm_prog *prog;
	struct bpfvm_run_opts o;
	struct bpfvm_fault f;
	uint64_t r0;

	if (!both)
		return;
	both[40] = 0x42;
	regs[0] = (struct bpfvm_region){ .addr = both, .len = 16, .writable = 1 };
	regs[1] = (struct bpfvm_region){ .addr = both + 32, .len = 32, .writable = 0 };
	regs[2] = (struct bpfvm_region){ .addr = both + 16, .len = 0, .writable = 1 };
	memset(&o, 0, sizeof(o));
	o.sz = sizeof(o);
	o.r1 = (uint64_t)(uintptr_t)both;
	o.r2 = (uint64_t)(uintptr_t)(both + 16);
	o.regions = regs;
	o.nr_regions = 3;
	o.fault = &f;

	CHECK(bpfvm_prog_load(vm, in_second, NINSN(in_second), 0, &prog, NULL, 0) == 0);
	CHECK(bpfvm_prog_run(prog, &o, &r0) == 0);
	CHECK_U64(r0, 0x42);
	bpfvm_prog_free(prog);

	CHECK(bpfvm_prog_load(vm, in_gap, NINSN(in_gap), 0, &prog, NULL, 0) == 0);
	memset(&f, 0, sizeof(f));
	CHECK(bpfvm_prog_run(prog, &o, &r0) == -EFAULT);
	CHECK(f.kind == BPFVM_FAULT_MEM_READ);
	CHECK_U64(f.addr, (uintptr_t)(both + 20));
	bpfvm_prog_free(prog);

	CHECK(bpfvm_prog_load(vm, zero_len, NINSN(zero_len), 0, &prog, NULL, 0) == 0);
	memset(&f, 0, sizeof(f));
	o.nr_regions = 1;   /* only the first: both + 16 is outside */
	CHECK(bpfvm_prog_run(prog, &o, &r0) == -EFAULT);
	o.nr_regions = 3;   /* a zero-length region grants nothing */
	CHECK(bpfvm_prog_run(prog, &o, &r0) == -EFAULT);
	bpfvm_prog_free(prog);
	free(both);
}

/* ---- budget --------------------------------------------------------------- */

static void test_budget(void)
{
	static const struct bpf_insn forever[] = { MOV64K(0, 0), JA(-1) };
	/* r0 = 0; r1 = 100; do { r0 += 1; r1 -= 1 } while (r1); exit: 3 * 100 + 3 insns */
	static const struct bpf_insn loop100[] = {
		MOV64K(0, 0), MOV64K(1, 100), ALU64K(BPF_ADD, 0, 1), ALU64K(BPF_SUB, 1, 1),
		JK(BPF_JNE, 1, 0, -3), EXIT,
	};
	static const struct bpf_insn loop1m[] = {
		MOV64K(0, 0), LDDW(1, 1000000), ALU64K(BPF_ADD, 0, 2), ALU64K(BPF_SUB, 1, 1),
		JK(BPF_JNE, 1, 0, -3), EXIT,
	};
	struct result r;

	r = run_prog(forever, NINSN(forever), 0, 1000, NULL);
	CHECK_MSG(r.load == 0, "load: %s", r.log);
	CHECK_MSG(r.run == -E2BIG, "endless loop returned %d", r.run);
	CHECK(r.fault.kind == BPFVM_FAULT_BUDGET);
	CHECK_U64(r.fault.insn, 1);
	CHECK_MSG(r.fault.msg[0] && msg_names_insn(r.fault.msg, 1), "budget message \"%s\"", r.fault.msg);

	r = run_prog(loop100, NINSN(loop100), 0, 100000, NULL);
	CHECK_MSG(r.run == 0 && r.r0 == 100, "finite loop: %d r0 %" PRIu64 " %s", r.run, r.r0,
		  r.fault.msg);
	r = run_prog(loop100, NINSN(loop100), 0, 100, NULL);
	CHECK_MSG(r.run == -E2BIG && r.fault.kind == BPFVM_FAULT_BUDGET, "small budget: %d", r.run);
	CHECK_MSG(r.fault.insn >= 2 && r.fault.insn <= 4, "budget fault at insn %u, outside the loop",
		  r.fault.insn);
	/* The budget is a number of instructions: exactly enough is enough. */
	r = run_prog(loop100, NINSN(loop100), 0, 303, NULL);
	CHECK_MSG(r.run == 0 && r.r0 == 100, "budget 303 for 303 insns: %d %s", r.run, r.fault.msg);
	r = run_prog(loop100, NINSN(loop100), 0, 302, NULL);
	CHECK_MSG(r.run == -E2BIG, "budget 302 for 303 insns: %d", r.run);
	/* 0 means the default, far above 3 million */
	r = run_prog(loop1m, NINSN(loop1m), 0, 0, NULL);
	CHECK_MSG(r.run == 0 && r.r0 == 2000000, "default budget: %d %s", r.run, r.fault.msg);
	/* trusted programs have no budget */
	r = run_prog(loop100, NINSN(loop100), BPFVM_PROG_TRUSTED, 10, NULL);
	CHECK_MSG(r.run == 0 && r.r0 == 100, "trusted with budget 10: %d %s", r.run, r.fault.msg);
	/* a loop in a callee is stopped too, at the callee's instruction */
	{
		static const struct bpf_insn p[] = {
			CALL_LOCAL(1), EXIT, MOV64K(0, 0), JA(-1),
		};

		r = run_prog(p, NINSN(p), 0, 500, NULL);
		CHECK_MSG(r.run == -E2BIG && r.fault.kind == BPFVM_FAULT_BUDGET && r.fault.insn == 3,
			  "callee loop: %d kind %d insn %u", r.run, r.fault.kind, r.fault.insn);
	}
}

/* ---- call depth ------------------------------------------------------------ */

/* f(n) = n ? f(n - 1) + 1 : 0, called with r1 = n from the main program:
 * n + 2 frames in all. */
static void depth_prog(struct bpf_insn *p, int32_t n)
{
	const struct bpf_insn t[] = {
		MOV64K(1, 0), CALL_LOCAL(1), EXIT,
		/* 3: */ JK(BPF_JEQ, 1, 0, 4), ALU64K(BPF_SUB, 1, 1), CALL_LOCAL(-3),
		ALU64K(BPF_ADD, 0, 1), EXIT,
		/* 8: */ MOV64K(0, 0), EXIT,
	};

	memcpy(p, t, sizeof(t));
	p[0].imm = n;
}

static void test_call_depth(void)
{
	struct bpf_insn p[10];
	struct result r;

	depth_prog(p, 6);   /* 8 frames: the kernel's MAX_CALL_FRAMES */
	r = run_prog(p, 10, 0, 0, NULL);
	CHECK_MSG(r.load == 0 && r.run == 0 && r.r0 == 6, "8 frames: load %d run %d r0 %" PRIu64 " %s%s",
		  r.load, r.run, r.r0, r.log, r.fault.msg);
	r = run_prog(p, 10, BPFVM_PROG_TRUSTED, 0, NULL);
	CHECK_MSG(r.run == 0 && r.r0 == 6, "8 frames trusted: %d %" PRIu64, r.run, r.r0);

	depth_prog(p, 7);   /* 9 frames */
	r = run_prog(p, 10, 0, 0, NULL);
	CHECK_MSG(r.run == -ELOOP, "9 frames returned %d", r.run);
	CHECK(r.fault.kind == BPFVM_FAULT_CALL_DEPTH);
	CHECK_U64(r.fault.insn, 5);
	CHECK_MSG(r.fault.msg[0] && msg_names_insn(r.fault.msg, 5), "depth message \"%s\"", r.fault.msg);

	depth_prog(p, 100000);
	r = run_prog(p, 10, 0, 0, NULL);
	CHECK_MSG(r.run == -ELOOP && r.fault.kind == BPFVM_FAULT_CALL_DEPTH, "deep recursion: %d", r.run);

	/* the 8th frame has its full stack */
	{
		static const struct bpf_insn q[] = {
			MOV64K(1, 6), CALL_LOCAL(1), EXIT,
			/* 3: */ JK(BPF_JEQ, 1, 0, 4), ALU64K(BPF_SUB, 1, 1), CALL_LOCAL(-3), EXIT, EXIT,
			/* 8: */ ST(BPF_DW, 10, -512, 77), LDX(BPF_DW, 0, 10, -512), EXIT,
		};

		r = run_prog(q, NINSN(q), 0, 0, NULL);
		CHECK_MSG(r.run == 0 && r.r0 == 77, "stack of the 8th frame: %d %s", r.run, r.fault.msg);
	}
}

/* ---- helpers ------------------------------------------------------------------ */

static int cookie;

static void test_helpers(void)
{
	struct result r;

	CHECK(bpfvm_helper_register(vm, H_SUM, "sum", h_sum) == 0);
	CHECK(bpfvm_helper_register(vm, H_STOP, "stop", h_stop) == 0);
	CHECK(bpfvm_helper_register(vm, H_USER, "user", h_user) == 0);
	CHECK(bpfvm_helper_register(vm, H_MEMOK, "mem_ok", h_memok) == 0);
	CHECK(bpfvm_helper_register(vm, H_COUNT, "count", h_count) == 0);
	CHECK(bpfvm_helper_register(vm, BPFVM_MAX_HELPERS - 1, "last", h_ret_a) == 0);
	CHECK(bpfvm_helper_register(vm, BPFVM_MAX_HELPERS, "too_big", h_ret_a) < 0);
	CHECK_STR(bpfvm_helper_name(vm, H_SUM), "sum");
	CHECK_STR(bpfvm_helper_name(vm, H_MEMOK), "mem_ok");
	CHECK(bpfvm_helper_name(vm, 999) == NULL);
	CHECK(bpfvm_helper_name(vm, BPFVM_MAX_HELPERS + 5) == NULL);

	{
		static const struct bpf_insn p[] = {
			MOV64K(1, 1), MOV64K(2, 2), MOV64K(3, 3), MOV64K(4, 4), MOV64K(5, 5),
			CALL_HELPER(H_SUM), EXIT,
		};

		r = run_prog(p, NINSN(p), 0, 0, NULL);
		CHECK_MSG(r.run == 0 && r.r0 == 0x504030201ull, "helper args: %d 0x%" PRIx64 " %s%s",
			  r.run, r.r0, r.log, r.fault.msg);
		r = run_prog(p, NINSN(p), BPFVM_PROG_TRUSTED, 0, NULL);
		CHECK_MSG(r.run == 0 && r.r0 == 0x504030201ull, "helper args trusted: 0x%" PRIx64, r.r0);
	}
	{
		static const struct bpf_insn p[] = {
			MOV64K(6, 6), MOV64K(7, 7), MOV64K(8, 8), MOV64K(9, 9), CALL_HELPER(H_SUM),
			MOV64X(0, 6), ALU64K(BPF_MUL, 0, 10), ALU64X(BPF_ADD, 0, 7), ALU64K(BPF_MUL, 0, 10),
			ALU64X(BPF_ADD, 0, 8), ALU64K(BPF_MUL, 0, 10), ALU64X(BPF_ADD, 0, 9), EXIT,
		};

		r = run_prog(p, NINSN(p), 0, 0, NULL);
		CHECK_MSG(r.run == 0 && r.r0 == 6789, "r6-r9 across a helper: %" PRIu64, r.r0);
	}
	{	/* bpfvm_run_stop: nothing after the call runs */
		static const struct bpf_insn p[] = {
			MOV64X(6, 1), MOV64K(1, 42), CALL_HELPER(H_STOP), ST(BPF_B, 6, 0, 0x55),
			MOV64K(0, 7), EXIT,
		};

		fill_regions();
		r = run_prog(p, NINSN(p), 0, 0, NULL);
		CHECK_MSG(r.run == 0 && r.r0 == 42, "run_stop: %d r0 %" PRIu64, r.run, r.r0);
		CHECK_MSG(buf[0] == 0x10, "insn after run_stop ran");
		r = run_prog(p, NINSN(p), BPFVM_PROG_TRUSTED, 0, NULL);
		CHECK_MSG(r.run == 0 && r.r0 == 42, "run_stop trusted: %d r0 %" PRIu64, r.run, r.r0);
	}
	{	/* bpfvm_run_stop from a callee ends the whole program */
		static const struct bpf_insn p[] = {
			CALL_LOCAL(2), ALU64K(BPF_ADD, 0, 100), EXIT,
			/* 3: */ MOV64K(1, 42), CALL_HELPER(H_STOP), MOV64K(0, 1), EXIT,
		};

		r = run_prog(p, NINSN(p), 0, 0, NULL);
		CHECK_MSG(r.run == 0 && r.r0 == 42, "run_stop in callee: %d r0 %" PRIu64, r.run, r.r0);
	}
	{
		static const struct bpf_insn p[] = { CALL_HELPER(H_USER), EXIT };

		r = run_prog(p, NINSN(p), 0, 0, &cookie);
		CHECK_U64(r.r0, (uintptr_t)&cookie);
	}
	{	/* once per call */
		static const struct bpf_insn p[] = {
			CALL_HELPER(H_COUNT), CALL_HELPER(H_COUNT), CALL_HELPER(H_COUNT), EXIT,
		};

		count_calls = 0;
		r = run_prog(p, NINSN(p), 0, 0, NULL);
		CHECK_U64(r.r0, 3);
		CHECK_U64(count_calls, 3);
	}
	{	/* the highest id */
		static const struct bpf_insn p[] = { CALL_HELPER(BPFVM_MAX_HELPERS - 1), EXIT };

		r = run_prog(p, NINSN(p), 0, 0, NULL);
		CHECK_MSG(r.load == 0 && r.r0 == 0xa, "helper 4095: %d %s", r.load, r.log);
	}
}

/* bpfvm_run_mem_ok as a helper sees it (r1 = buf, r2 = ro at entry). */
static void test_mem_ok(void)
{
	static const struct {
		const char *name;
		int base;       /* 1 buf, 2 ro, 10 stack, 0 absolute */
		int32_t off;
		int32_t len;
		int write;
		uint64_t want;
	} q[] = {
		{ "buf whole, write", 1, 0, BUF_LEN, 1, 1 },
		{ "buf last byte", 1, 15, 1, 0, 1 },
		{ "buf one too long", 1, 0, BUF_LEN + 1, 0, 0 },
		{ "buf starting below", 1, -1, 2, 0, 0 },
		{ "buf past the end", 1, 16, 1, 0, 0 },
		{ "ro read", 2, 0, RO_LEN, 0, 1 },
		{ "ro write", 2, 0, 1, 1, 0 },
		{ "ro straddling end", 2, 4, 8, 0, 0 },
		{ "stack top 8", 10, -8, 8, 1, 1 },
		{ "stack whole", 10, -512, 512, 1, 1 },
		{ "stack below", 10, -513, 8, 0, 0 },
		{ "stack above r10", 10, -4, 8, 0, 0 },
		{ "NULL", 0, 0, 1, 0, 0 },
		{ "huge length", 1, 0, -1, 0, 0 },
	};

	for (size_t i = 0; i < NINSN(q); i++) {
		struct bpf_insn p[6] = {
			MOV64X(1, 1), ALU64K(BPF_ADD, 1, 0), MOV64K(2, 0), MOV64K(3, 0),
			CALL_HELPER(H_MEMOK), EXIT,
		};
		struct result r;

		p[0].src_reg = (uint8_t)q[i].base;
		if (q[i].base == 0)
			p[0] = (struct bpf_insn)MOV64K(1, 0);
		p[1].imm = q[i].off;
		p[2].imm = q[i].len;
		if (q[i].len < 0)   /* len = 2^64 - 1 */
			p[2] = (struct bpf_insn)MOV64K(2, -1);
		p[3].imm = q[i].write;
		r = run_prog(p, 6, 0, 0, NULL);
		CHECK_MSG(r.run == 0 && r.r0 == q[i].want, "mem_ok %s: run %d, got %" PRIu64 ", want %" PRIu64
			  " %s%s", q[i].name, r.run, r.r0, q[i].want, r.log, r.fault.msg);
	}
}

/* Registering an id again: new loads get the new helper, loaded programs keep theirs. */
static void test_reregister(void)
{
	static const struct bpf_insn p[] = { CALL_HELPER(H_SWAP), EXIT };
	struct bpfvm_prog *pa = NULL, *pb = NULL;
	struct bpfvm_run_opts o;
	uint64_t r0 = 0;

	memset(&o, 0, sizeof(o));
	o.sz = sizeof(o);
	CHECK(bpfvm_helper_register(vm, H_SWAP, "swap_a", h_ret_a) == 0);
	CHECK(bpfvm_prog_load(vm, p, NINSN(p), 0, &pa, NULL, 0) == 0);
	CHECK(bpfvm_helper_register(vm, H_SWAP, "swap_b", h_ret_b) == 0);
	CHECK_STR(bpfvm_helper_name(vm, H_SWAP), "swap_b");
	CHECK(bpfvm_prog_load(vm, p, NINSN(p), 0, &pb, NULL, 0) == 0);
	if (!pa || !pb)
		return;
	CHECK(bpfvm_prog_run(pa, &o, &r0) == 0);
	CHECK_U64(r0, 0xa);
	CHECK(bpfvm_prog_run(pb, &o, &r0) == 0);
	CHECK_U64(r0, 0xb);
	bpfvm_prog_free(pa);
	bpfvm_prog_free(pb);
}

/* ---- load errors ---------------------------------------------------------------- */

static void test_load_errors(void)
{
	struct bpfvm_prog *prog = NULL;
	char log[256];

	{	/* unknown helper: rejected at load, the log names it */
		static const struct bpf_insn p[] = { MOV64K(0, 0), CALL_HELPER(1234), EXIT };

		for (int t = 0; t < 2; t++) {
			memset(log, 0, sizeof(log));
			prog = NULL;
			CHECK(bpfvm_prog_load(vm, p, NINSN(p), t ? BPFVM_PROG_TRUSTED : 0, &prog,
					      log, sizeof(log)) < 0);
			CHECK_MSG(strstr(log, "1234") != NULL, "unknown helper log: \"%s\"", log);
			CHECK_MSG(msg_names_insn(log, 1), "unknown helper log: \"%s\"", log);
		}
	}
	{	/* helpers of one instance are not another's */
		static const struct bpf_insn p[] = { CALL_HELPER(H_SUM), EXIT };
		struct bpfvm *vm2 = bpfvm_new();

		CHECK(vm2 != NULL);
		if (vm2) {
			CHECK(bpfvm_prog_load(vm2, p, NINSN(p), 0, &prog, NULL, 0) < 0);
			CHECK(bpfvm_helper_name(vm2, H_SUM) == NULL);
			bpfvm_free(vm2);
		}
	}
	{	/* structural errors come with "insn N: ..." */
		static const struct { const char *name; struct bpf_insn prog[6]; size_t n; uint32_t idx; } bad[] = {
			{ "dst r11", P(MOV64K(0, 0), MOV64K(11, 1), EXIT), 1 },
			{ "unknown opcode", P(MOV64K(0, 0), MOV64K(1, 0), INSN(0xff, 0, 0, 0, 0), EXIT), 2 },
			{ "write r10", P(MOV64K(10, 0), EXIT), 0 },
			{ "jump out", P(MOV64K(0, 0), JA(5), EXIT), 1 },
			{ "jump into lddw", P(JA(1), LDDW(0, 1), EXIT), 0 },
			{ "incomplete lddw", P(MOV64K(0, 0), EXIT, INSN(BPF_LD | BPF_IMM | BPF_DW, 0, 0, 0, 1)), 2 },
			{ "no exit", P(MOV64K(0, 0), MOV64K(0, 1)), 1 },
			{ "call out of range", P(CALL_LOCAL(10), EXIT), 0 },
			{ "call into lddw", P(CALL_LOCAL(2), EXIT, LDDW(0, 0x9500000001ull), EXIT), 0 },
		};

		for (size_t i = 0; i < NINSN(bad); i++) {
			memset(log, 0, sizeof(log));
			prog = NULL;
			CHECK_MSG(bpfvm_prog_load(vm, bad[i].prog, bad[i].n, 0, &prog, log,
						  sizeof(log)) == -EINVAL, "%s accepted", bad[i].name);
			CHECK_MSG(msg_names_insn(log, bad[i].idx), "%s: log \"%s\" does not name insn %u",
				  bad[i].name, log, bad[i].idx);
			CHECK(bpfvm_prog_load(vm, bad[i].prog, bad[i].n, 0, &prog, NULL, 0) < 0);
			/* a small log is cut, terminated, never overrun */
			memset(log, 'x', sizeof(log));
			bpfvm_prog_load(vm, bad[i].prog, bad[i].n, 0, &prog, log, 5);
			CHECK_MSG(memchr(log, 0, 5) && log[5] == 'x', "%s: small log mishandled", bad[i].name);
		}
	}
	{	/* empty */
		static const struct bpf_insn p[] = { EXIT };

		CHECK(bpfvm_prog_load(vm, p, 0, 0, &prog, log, sizeof(log)) < 0);
	}
}

/* ---- the rest of the run API ------------------------------------------------------ */

static void test_api(void)
{
	{	/* bpfvm_prog_run_mem: r1 = mem, r2 = len, writable */
		static const struct bpf_insn p[] = {
			ST(BPF_B, 1, 0, 0x55), ALU64X(BPF_ADD, 1, 2), LDX(BPF_B, 0, 1, -1),
			ALU64K(BPF_LSH, 0, 8), ALU64X(BPF_OR, 0, 2), EXIT,
		};
		static const struct bpf_insn past[] = { PAD3, ALU64X(BPF_ADD, 1, 2), LDX(BPF_B, 0, 1, 0), EXIT };
		uint8_t *mem = malloc(24);
		struct bpfvm_prog *prog = NULL;
		struct bpfvm_fault f;
		uint64_t r0 = 0;

		if (!mem)
			return;
		memset(mem, 0x77, 24);
		CHECK(bpfvm_prog_load(vm, p, NINSN(p), 0, &prog, NULL, 0) == 0);
		if (prog) {
			CHECK(bpfvm_prog_run_mem(prog, mem, 24, &r0, NULL) == 0);
			CHECK_U64(r0, 0x7718);
			CHECK_U64(mem[0], 0x55);
			bpfvm_prog_free(prog);
		}
		CHECK(bpfvm_prog_load(vm, past, NINSN(past), 0, &prog, NULL, 0) == 0);
		if (prog) {
			memset(&f, 0, sizeof(f));
			CHECK(bpfvm_prog_run_mem(prog, mem, 24, &r0, &f) == -EFAULT);
			CHECK(f.kind == BPFVM_FAULT_MEM_READ);
			CHECK_U64(f.insn, 4);
			CHECK_U64(f.addr, (uintptr_t)(mem + 24));
			CHECK_U64(f.size, 1);
			bpfvm_prog_free(prog);
		}
		free(mem);
	}
	{	/* r1..r5 at entry */
		static const struct bpf_insn p[] = {
			MOV64X(0, 5), ALU64K(BPF_LSH, 0, 4), ALU64X(BPF_ADD, 0, 4), ALU64K(BPF_LSH, 0, 4),
			ALU64X(BPF_ADD, 0, 3), ALU64K(BPF_LSH, 0, 4), ALU64X(BPF_ADD, 0, 2),
			ALU64K(BPF_LSH, 0, 4), ALU64X(BPF_ADD, 0, 1), EXIT,
		};
		struct bpfvm_prog *prog = NULL;
		struct bpfvm_run_opts o;
		uint64_t r0 = 0;

		memset(&o, 0, sizeof(o));
		o.sz = sizeof(o);
		o.r1 = 1; o.r2 = 2; o.r3 = 3; o.r4 = 4; o.r5 = 5;
		CHECK(bpfvm_prog_load(vm, p, NINSN(p), 0, &prog, NULL, 0) == 0);
		if (prog) {
			CHECK(bpfvm_prog_run(prog, &o, &r0) == 0);
			CHECK_U64(r0, 0x54321);
			/* again: runs do not leak into each other */
			r0 = 0;
			CHECK(bpfvm_prog_run(prog, &o, &r0) == 0);
			CHECK_U64(r0, 0x54321);
			bpfvm_prog_free(prog);
		}
	}
	{	/* the program is copied at load */
		struct bpf_insn p[] = { MOV64K(0, 11), EXIT };
		struct bpfvm_prog *prog = NULL;
		struct bpfvm_run_opts o;
		uint64_t r0 = 0;

		memset(&o, 0, sizeof(o));
		o.sz = sizeof(o);
		CHECK(bpfvm_prog_load(vm, p, NINSN(p), 0, &prog, NULL, 0) == 0);
		if (prog) {
			p[0].imm = 22;
			CHECK(bpfvm_prog_run(prog, &o, &r0) == 0);
			CHECK_U64(r0, 11);
			CHECK_U64(bpfvm_prog_insn_cnt(prog), 2);
			CHECK(bpfvm_prog_insns(prog) != p);
			CHECK(bpfvm_prog_insns(prog) && bpfvm_prog_insns(prog)[0].imm == 11 &&
			      bpfvm_prog_insns(prog)[1].code == (BPF_JMP | BPF_EXIT));
			bpfvm_prog_free(prog);
		}
	}
	{	/* bpfvm_free frees programs still loaded */
		static const struct bpf_insn p[] = { MOV64K(0, 1), EXIT };
		struct bpfvm *v = bpfvm_new();
		struct bpfvm_prog *prog = NULL;

		CHECK(v && bpfvm_prog_load(v, p, NINSN(p), 0, &prog, NULL, 0) == 0);
		bpfvm_free(v);
	}
}

/* ld_abs without a packet; callx to nowhere */
static void test_other_faults(void)
{
	static const struct bpf_insn abs[] = { PAD3, LDABS(BPF_B, 0), EXIT };
	static const struct bpf_insn ind[] = { MOV64K(6, 0), LDIND(BPF_W, 6, 0), EXIT };
	static const struct bpf_insn callx[] = { PAD3, LDDW(1, 1000), CALLX(1), EXIT };
	struct result r;

	r = run_prog(abs, NINSN(abs), 0, 0, NULL);
	CHECK_MSG(r.load == 0, "ld_abs load: %s", r.log);
	CHECK_MSG(r.run == -EINVAL, "ld_abs without packet returned %d", r.run);
	CHECK(r.fault.kind == BPFVM_FAULT_NO_PACKET);
	CHECK_U64(r.fault.insn, 3);
	CHECK_MSG(msg_names_insn(r.fault.msg, 3), "no packet message \"%s\"", r.fault.msg);
	r = run_prog(ind, NINSN(ind), 0, 0, NULL);
	CHECK_MSG(r.run == -EINVAL && r.fault.kind == BPFVM_FAULT_NO_PACKET,
		  "ld_ind without packet: %d kind %d", r.run, r.fault.kind);

	r = run_prog(callx, NINSN(callx), 0, 0, NULL);
	CHECK_MSG(r.load == 0, "callx load: %s", r.log);
	/* bpfvm.h: -ENOENT for a callx to no helper. */
	CHECK_MSG(r.run == -ENOENT && r.fault.kind == BPFVM_FAULT_BAD_CALLX &&
		  r.fault.insn == 5,
		  "callx to 1000: %d kind %d insn %u %s", r.run, r.fault.kind, r.fault.insn, r.fault.msg);
}

int main(void)
{
	vm = bpfvm_new();
	buf = malloc(BUF_LEN);
	ro = malloc(RO_LEN);
	if (!vm || !buf || !ro) {
		fprintf(stderr, "setup failed\n");
		return 1;
	}
	fill_regions();
	test_memory();
	test_fault_null();
	test_regions();
	test_budget();
	test_call_depth();
	test_helpers();
	test_mem_ok();
	test_reregister();
	test_load_errors();
	test_api();
	test_other_faults();
	bpfvm_free(vm);
	free(buf);
	free(ro);
	return test_summary();
}
