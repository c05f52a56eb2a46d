/* SPDX-License-Identifier: MIT */
/*
 * test_kernel_diff.c - differential test of the bpfvm interpreter against the
 * running Linux kernel.
 *
 * Every program is loaded into the kernel (BPF_PROG_LOAD, socket filter) and
 * run with BPF_PROG_TEST_RUN, and loaded into bpfvm and run there (checked,
 * then trusted mode); r0 must agree on every input. test_run's retval is 32
 * bits wide, so the kernel gets each program twice: as written, and with
 * `r0 >>= 32` before every exit of the main function. Inputs reach the
 * program through __sk_buff->cb[] (r1 is the context); bpfvm gets r1 pointing
 * at a read-only struct __sk_buff holding the same cb[], so that the verifier
 * cannot fold the operands and branches run for real. Categories: ALU/ALU64
 * K and X on edge values, movsx, neg, byte swaps, JMP/JMP32 conditions,
 * lddw, stack loads/stores of every size, atomics, bpf-to-bpf calls, bounded
 * loops, gotol, LD_ABS/LD_IND, and seeded random programs from gen.h.
 * A mismatch prints the program, the input and both values; generated ones
 * also their seed and a minimised program. A mismatch where the kernel
 * contradicts itself under an ISA-equivalent rewrite is a kernel bug and
 * counts as a SKIP (README.md). Knobs: BPFVM_ORACLE_DISABLE=1 (skip path),
 * BPFVM_ORACLE_SEEDS=N, BPFVM_ORACLE_SEED=S, BPFVM_ORACLE_ONLY=cat,...,
 * BPFVM_ORACLE_VLOG=1 (verifier log of a minimised program).
 */
#include <errno.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <bpfvm/asm.h>
#include <bpfvm/bpfvm.h>
#include "test.h"
#include "gen.h"

struct kin { uint64_t a, b; uint32_t c; };     /* one input: cb[0..1], cb[2..3], cb[4] */

struct cat { const char *name; unsigned progs, runs, bad, skipped, kbugs; };
static struct cat *cur;                 /* category being run */
static struct bpfvm *vm;
static int have_v4;                     /* kernel accepts ISA v4 instructions */
static int minimise_left = 6;           /* minimisations still allowed */
static char klog[1 << 20];

/* ---- kernel -------------------------------------------------------------- */

static long sys_bpf(int cmd, union bpf_attr *a)
{
	return syscall(SYS_bpf, cmd, a, sizeof(*a));
}

/* Returns a program fd or -errno; with `log` the verifier log is in klog. */
static int kload(const struct bpf_insn *insns, size_t n, int log)
{
	union bpf_attr a;
	memset(&a, 0, sizeof(a));
	a.prog_type = BPF_PROG_TYPE_SOCKET_FILTER;
	a.insns = (uintptr_t)insns;
	a.insn_cnt = (uint32_t)n;
	a.license = (uintptr_t)"GPL";
	if (log) {
		klog[0] = 0;
		a.log_buf = (uintptr_t)klog;
		a.log_size = sizeof(klog);
		a.log_level = 1;
	}
	long fd = sys_bpf(BPF_PROG_LOAD, &a);
	return fd < 0 ? -errno : (int)fd;
}

static void fill_ctx(struct __sk_buff *skb, const struct kin *in)
{
	memset(skb, 0, sizeof(*skb));
	memcpy(&skb->cb[0], &in->a, 8);
	memcpy(&skb->cb[2], &in->b, 8);
	skb->cb[4] = in->c;
}

/* data_in of every test run. The kernel's socket-filter test_run pulls the
 * 14-byte Ethernet header, so LD_ABS/LD_IND see data[14..63]: bpfvm gets
 * that as its packet. */
#define PKT_SKIP 14
static unsigned char pkt_data[64];

static int krun(int fd, const struct kin *in, uint32_t *ret)
{
	unsigned char *data = pkt_data;
	struct __sk_buff skb;
	union bpf_attr a;
	fill_ctx(&skb, in);
	memset(&a, 0, sizeof(a));
	a.test.prog_fd = (uint32_t)fd;
	a.test.data_in = (uintptr_t)data;
	a.test.data_size_in = sizeof(pkt_data);
	a.test.ctx_in = (uintptr_t)&skb;
	a.test.ctx_size_in = sizeof(skb);
	a.test.repeat = 1;
	if (sys_bpf(BPF_PROG_TEST_RUN, &a) < 0)
		return -errno;
	*ret = a.test.retval;
	return 0;
}

/* ---- rewrites that keep ISA semantics ----------------------------------- */

/* Instructions a rewrite puts before and after original instruction i. */
struct around { struct bpf_insn pre[5], post[1]; int npre, npost; };
typedef void (*around_fn)(const struct bpf_insn *in, size_t n, size_t i,
			  size_t main_end, void *arg, struct around *a);

/* Copy of the program with extra instructions around some of them; jump and
 * call offsets are re-targeted so that a jump to instruction i lands on the
 * first instruction added before it. NULL if out of memory or if a 16-bit
 * jump offset no longer fits. */
static struct bpf_insn *rewrite(const struct bpf_insn *in, size_t n, around_fn fn,
				void *arg, size_t *outn)
{
	size_t main_end = n, j = 0;
	for (size_t i = 0; i < n; i++) {
		if (in[i].code == (BPF_JMP | BPF_CALL) && in[i].src_reg == BPF_PSEUDO_CALL) {
			long t = (long)i + 1 + in[i].imm;
			if (t >= 0 && (size_t)t < main_end)
				main_end = (size_t)t;
		}
	}
	size_t *map = malloc((n + 1) * sizeof(*map));
	struct around *ar = calloc(n ? n : 1, sizeof(*ar));
	struct bpf_insn *out = NULL;
	if (!map || !ar)
		goto fail;
	for (size_t i = 0; i < n; i++) {
		fn(in, n, i, main_end, arg, &ar[i]);
		map[i] = j;
		j += (size_t)ar[i].npre + 1 + (size_t)ar[i].npost;
	}
	map[n] = j;
	out = malloc((j ? j : 1) * sizeof(*out));
	if (!out)
		goto fail;
	for (size_t i = 0; i < n; i++) {
		struct bpf_insn x = in[i];
		uint8_t cls = BPF_CLASS(x.code), op = BPF_OP(x.code);
		size_t at = map[i] + (size_t)ar[i].npre;
		memcpy(&out[map[i]], ar[i].pre, (size_t)ar[i].npre * sizeof(x));
		memcpy(&out[at + 1], ar[i].post, (size_t)ar[i].npost * sizeof(x));
		if (g_is_lddw(&x) && i + 1 < n) {   /* the second slot is data */
			if (ar[i].npost)
				goto fail;
			out[at] = x;
			out[at + 1] = in[++i];
			continue;
		}
		if ((cls == BPF_JMP || cls == BPF_JMP32) && op != BPF_EXIT &&
		    (op != BPF_CALL || x.src_reg == BPF_PSEUDO_CALL)) {
			int by_imm = op == BPF_CALL || (cls == BPF_JMP32 && op == BPF_JA);
			long t = (long)i + 1 + (by_imm ? x.imm : x.off);
			if (t >= 0 && (size_t)t <= n) {
				long nrel = (long)map[t] - (long)(at + 1);
				if (by_imm)
					x.imm = (int32_t)nrel;
				else if (nrel < INT16_MIN || nrel > INT16_MAX)
					goto fail;
				else
					x.off = (int16_t)nrel;
			}
		}
		out[at] = x;
	}
	free(map);
	free(ar);
	*outn = j;
	return out;
fail:
	free(map);
	free(ar);
	free(out);
	return NULL;
}

/* `r0 >>= 32` before each exit of the main function (the instructions before
 * the first pseudo-call target): the second kernel run gives r0's top half. */
static void around_hi(const struct bpf_insn *in, size_t n, size_t i, size_t main_end,
		      void *arg, struct around *a)
{
	(void)n;
	(void)arg;
	if (in[i].code == (BPF_JMP | BPF_EXIT) && i < main_end)
		a->pre[a->npre++] = ALU64_K(BPF_RSH, 0, 32);
}

static struct bpf_insn *variant_hi(const struct bpf_insn *in, size_t n, size_t *outn)
{
	return rewrite(in, n, around_hi, NULL, outn);
}

/* Instructions that are no-ops by the ISA but change what the kernel
 * verifier sees, to tell kernel bugs from bpfvm bugs (see diff_prog):
 * `w0 = w0` after a 32-bit cmpxchg (r0 is zero-extended already), and before
 * a fetching atomic on the stack `*(scratch) = rX; rX = 0; lock *(slot) |= rX;
 * rX = *(scratch)`, which leaves memory and registers as they were but makes
 * the slot opaque to the verifier. *(int *)arg is the scratch slot offset. */
static void around_noop(const struct bpf_insn *in, size_t n, size_t i, size_t main_end,
			void *arg, struct around *a)
{
	const struct bpf_insn *x = &in[i];
	int16_t scratch = (int16_t)*(int *)arg;
	(void)n;
	(void)main_end;
	if (i && g_is_lddw(&in[i - 1]))
		return;
	if (x->code != (BPF_STX | BPF_ATOMIC | BPF_W) && x->code != (BPF_STX | BPF_ATOMIC | BPF_DW))
		return;
	if (x->code == (BPF_STX | BPF_ATOMIC | BPF_W) && x->imm == BPF_CMPXCHG)
		a->post[a->npost++] = ALU32_X(BPF_MOV, 0, 0);
	if ((x->imm & BPF_FETCH) && x->dst_reg == BPF_REG_10) {
		int rx = 6;
		while (rx == x->src_reg)
			rx++;
		a->pre[a->npre++] = STX(BPF_DW, 10, rx, scratch);
		a->pre[a->npre++] = MOV64_K(rx, 0);
		a->pre[a->npre++] = ATOMIC(BPF_SIZE(x->code), 10, rx, x->off, BPF_OR);
		a->pre[a->npre++] = LDX(BPF_DW, rx, 10, scratch);
	}
}

/* The rewrite above with a scratch slot below every r10-based access, or
 * NULL when there is no room (or nothing to rewrite). */
static struct bpf_insn *variant_noop(const struct bpf_insn *in, size_t n, size_t *outn)
{
	int low = 0, touched = 0;
	for (size_t i = 0; i < n; i++) {
		uint8_t cls = BPF_CLASS(in[i].code);
		if ((cls == BPF_STX || cls == BPF_ST) && in[i].dst_reg == BPF_REG_10 && in[i].off < low)
			low = in[i].off;
		if (cls == BPF_LDX && in[i].src_reg == BPF_REG_10 && in[i].off < low)
			low = in[i].off;
		if (cls == BPF_STX && BPF_MODE(in[i].code) == BPF_ATOMIC)
			touched = 1;
	}
	int scratch = (low & ~7) - 8;
	if (!touched || scratch < -BPFVM_STACK_SIZE)
		return NULL;
	return rewrite(in, n, around_noop, &scratch, outn);
}

/* ---- bpfvm ---------------------------------------------------------------- */

/* Checked-mode instruction budget: far above what any program here executes
 * in the kernel, low enough that a bpfvm loop that fails to end stops soon. */
#define VM_BUDGET (1ull << 26)

static int vrun(struct bpfvm_prog *prog, const struct kin *in, uint64_t *r0,
		struct bpfvm_fault *f)
{
	struct __sk_buff skb;
	struct bpfvm_region reg;
	struct bpfvm_run_opts o;
	fill_ctx(&skb, in);
	reg.addr = &skb;
	reg.len = sizeof(skb);
	reg.writable = 0;
	memset(&o, 0, sizeof(o));
	memset(f, 0, sizeof(*f));
	o.sz = sizeof(o);
	o.r1 = (uintptr_t)&skb;
	o.regions = &reg;
	o.nr_regions = 1;
	o.fault = f;
	o.budget = VM_BUDGET;
	o.pkt = pkt_data + PKT_SKIP;
	o.pkt_len = sizeof(pkt_data) - PKT_SKIP;
	*r0 = 0;
	return bpfvm_prog_run(prog, &o, r0);
}

/* ---- one program on both sides ------------------------------------------ */

struct loaded {
	int kfd[2];                     /* kernel: as written, and r0 >> 32 */
	struct bpfvm_prog *vp[2];       /* bpfvm: checked, trusted */
};

static void release(struct loaded *L)
{
	for (int i = 0; i < 2; i++) {
		if (L->kfd[i] >= 0)
			close(L->kfd[i]);
		bpfvm_prog_free(L->vp[i]);
	}
}

/* 0: loaded; -1: kernel refused (klog has the reason); -2: bpfvm refused
 * (msg has the reason). */
static int prepare(const struct bpf_insn *p, size_t n, struct loaded *L,
		   int want_log, char *msg, size_t msgsz)
{
	size_t hn = 0;
	struct bpf_insn *hi = variant_hi(p, n, &hn);
	L->kfd[0] = L->kfd[1] = -1;
	L->vp[0] = L->vp[1] = NULL;
	msg[0] = 0;
	klog[0] = 0;
	if (!hi) {
		snprintf(msg, msgsz, "cannot build the r0>>32 variant (out of memory, "
			 "or a jump offset no longer fits in 16 bits)");
		return -1;
	}
	L->kfd[0] = kload(p, n, 0);
	if (L->kfd[0] >= 0)
		L->kfd[1] = kload(hi, hn, 0);
	if (L->kfd[0] < 0 || L->kfd[1] < 0) {
		int err = L->kfd[0] < 0 ? L->kfd[0] : L->kfd[1];
		snprintf(msg, msgsz, "BPF_PROG_LOAD%s: %s", L->kfd[0] < 0 ? "" :
			 " (r0>>32 variant)", strerror(-err));
		if (want_log) {
			int fd = L->kfd[0] < 0 ? kload(p, n, 1) : kload(hi, hn, 1);
			if (fd >= 0)
				close(fd);
		}
		free(hi);
		release(L);
		return -1;
	}
	free(hi);
	for (int i = 0; i < 2; i++) {
		char log[256] = "";
		int err = bpfvm_prog_load(vm, p, n, i ? BPFVM_PROG_TRUSTED : 0,
					  &L->vp[i], log, sizeof(log));
		if (err) {
			snprintf(msg, msgsz, "bpfvm_prog_load(%s): %s: %s",
				 i ? "trusted" : "checked", strerror(-err), log);
			release(L);
			return -2;
		}
	}
	return 0;
}

struct result {
	int krc; uint64_t k;
	int vrc[2]; uint64_t v[2]; char fault[2][160];
	int trusted_ran;
};

static void eval(struct loaded *L, const struct kin *in, struct result *r)
{
	uint32_t lo = 0, hi = 0;
	memset(r, 0, sizeof(*r));
	r->krc = krun(L->kfd[0], in, &lo);
	if (!r->krc)
		r->krc = krun(L->kfd[1], in, &hi);
	r->k = (uint64_t)hi << 32 | lo;
	for (int i = 0; i < 2; i++) {
		struct bpfvm_fault f;
		/* Trusted mode has no budget: run it only once checked mode has
		 * agreed with the kernel, so that a bpfvm loop which does not
		 * end cannot hang the test. */
		if (i == 1 && (r->krc || r->vrc[0] || r->v[0] != r->k))
			break;
		r->vrc[i] = vrun(L->vp[i], in, &r->v[i], &f);
		if (r->vrc[i])
			snprintf(r->fault[i], sizeof(r->fault[i]), "%s", f.msg);
		r->trusted_ran = i == 1;
	}
}

static int differs(const struct result *r)
{
	return r->krc || r->vrc[0] || r->v[0] != r->k || !r->trusted_ran ||
	       r->vrc[1] || r->v[1] != r->k;
}

static void print_result(const struct kin *in, const struct result *r)
{
	fprintf(stderr, "    input a=0x%" PRIx64 " b=0x%" PRIx64 " c=0x%x:", in->a, in->b, in->c);
	if (r->krc)
		fprintf(stderr, " kernel test_run failed: %s", strerror(-r->krc));
	else
		fprintf(stderr, " kernel 0x%" PRIx64, r->k);
	for (int i = 0; i < 2; i++) {
		const char *m = i ? "trusted" : "checked";
		if (i && !r->trusted_ran)
			fprintf(stderr, ", bpfvm(trusted) not run");
		else if (r->vrc[i])
			fprintf(stderr, ", bpfvm(%s) error %d (%s)", m, r->vrc[i], r->fault[i]);
		else
			fprintf(stderr, ", bpfvm(%s) 0x%" PRIx64, m, r->v[i]);
	}
	fputc('\n', stderr);
}

static int is_nop(const struct bpf_insn *i)
{
	return i->code == (BPF_JMP | BPF_JA) && !i->off && !i->imm && !i->dst_reg && !i->src_reg;
}

/* Index, raw bytes and disassembly of each instruction (nops skipped if
 * asked; the disassembler is bpfvm's own, the raw bytes are what counts). */
static void dump_prog(const struct bpf_insn *p, size_t n, int skip_nops)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char b[8];
		char text[128];
		if (skip_nops && is_nop(&p[i]))
			continue;
		int slots = bpfvm_disasm_insn(p, n, i, BPFVM_SYNTAX_KERNEL, text, sizeof(text));
		memcpy(b, &p[i], 8);
		fprintf(stderr, "    %4zu: %02x %02x %02x %02x %02x %02x %02x %02x  %s\n", i, b[0],
			b[1], b[2], b[3], b[4], b[5], b[6], b[7], text);
		if (slots == 2) {
			i++;
			memcpy(b, &p[i], 8);
			fprintf(stderr, "    %4zu: %02x %02x %02x %02x %02x %02x %02x %02x\n", i,
				b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]);
		}
	}
}

static void print_klog(void)
{
	size_t len = strlen(klog);
	fprintf(stderr, "    verifier log (tail):\n%s\n", len > 4000 ? klog + len - 4000 : klog);
}

/* Whether the program still loads on both sides and differs on `in`. */
static int still_differs(const struct bpf_insn *p, size_t n, const struct kin *in)
{
	struct loaded L;
	struct result r;
	char msg[512];
	if (prepare(p, n, &L, 0, msg, sizeof(msg)))
		return 0;
	eval(&L, in, &r);
	release(&L);
	return differs(&r);
}

/* Replace instructions by `ja +0` for as long as the mismatch remains.
 * 8-byte stores to the stack (the generator initialises each frame's area
 * with them) and everything before the first store (inputs, the overwrite of
 * the ctx pointer in r1, register set-up) stay: as root the verifier accepts
 * reads of uninitialised stack and pointers in r0, whose values differ
 * between the kernel and bpfvm for reasons that are not bugs. */
#define MINIMISE_SECONDS 20

static int keep_store(const struct bpf_insn *i)
{
	uint8_t cls = BPF_CLASS(i->code);
	return (cls == BPF_ST || cls == BPF_STX) && BPF_MODE(i->code) == BPF_MEM &&
	       BPF_SIZE(i->code) == BPF_DW && i->dst_reg == BPF_REG_10;
}

static void minimise(const struct bpf_insn *p, size_t n, const struct kin *in)
{
	struct bpf_insn *w = malloc(n * sizeof(*w));
	size_t first_store = n;
	if (!w)
		return;
	memcpy(w, p, n * sizeof(*w));
	for (size_t i = 0; i < n && first_store == n; i++)
		if (BPF_CLASS(p[i].code) == BPF_ST || BPF_CLASS(p[i].code) == BPF_STX)
			first_store = i;
	time_t stop = time(NULL) + MINIMISE_SECONDS;
	for (int changed = 1, pass = 0; changed && pass < 4; pass++) {
		changed = 0;
		for (size_t i = first_store; i < n && time(NULL) < stop; i++) {
			size_t span = g_is_lddw(&w[i]) && i + 1 < n ? 2 : 1;
			struct bpf_insn save[2] = { w[i], span == 2 ? w[i + 1] : w[i] };
			if (is_nop(&w[i]) || keep_store(&w[i])) {
				i += span - 1;
				continue;
			}
			for (size_t k = 0; k < span; k++)
				w[i + k] = NOP_INSN();
			if (still_differs(w, n, in)) {
				changed = 1;
			} else {
				for (size_t k = 0; k < span; k++)
					w[i + k] = save[k];
			}
			i += span - 1;
		}
	}
	struct loaded L;
	struct result r;
	char msg[512];
	fprintf(stderr, "  minimised (ja +0 nops omitted, indices as above):\n");
	dump_prog(w, n, 1);
	if (!prepare(w, n, &L, 0, msg, sizeof(msg))) {
		eval(&L, in, &r);
		print_result(in, &r);
		release(&L);
	}
	if (getenv("BPFVM_ORACLE_VLOG")) {
		/* The verifier's own account ("from X to Y: safe" marks a pruned
		 * path): tells a kernel-side cause from a bpfvm one. */
		union bpf_attr a;
		memset(&a, 0, sizeof(a));
		klog[0] = 0;
		a.prog_type = BPF_PROG_TYPE_SOCKET_FILTER;
		a.insns = (uintptr_t)w;
		a.insn_cnt = (uint32_t)n;
		a.license = (uintptr_t)"GPL";
		a.log_buf = (uintptr_t)klog;
		a.log_size = sizeof(klog);
		a.log_level = 2;
		long fd = sys_bpf(BPF_PROG_LOAD, &a);
		if (fd >= 0)
			close((int)fd);
		fprintf(stderr, "  verifier log (level 2) of the minimised program:\n%s\n", klog);
	}
	free(w);
}

/* Kernel only: r0 of program p on input in, via the two variants. */
static int kernel_eval(const struct bpf_insn *p, size_t n, const struct kin *in, uint64_t *r0)
{
	size_t hn;
	struct bpf_insn *hi = variant_hi(p, n, &hn);
	uint32_t lo = 0, top = 0;
	int fd[2] = { -1, -1 }, err = -ENOMEM;
	if (hi && (fd[0] = kload(p, n, 0)) >= 0 && (fd[1] = kload(hi, hn, 0)) >= 0 &&
	    !(err = krun(fd[0], in, &lo)))
		err = krun(fd[1], in, &top);
	else if (hi)
		err = -EINVAL;
	for (int i = 0; i < 2; i++)
		if (fd[i] >= 0)
			close(fd[i]);
	free(hi);
	*r0 = (uint64_t)top << 32 | lo;
	return err;
}

/* Whether the kernel contradicts itself on this mismatch: an ISA-equivalent
 * rewrite of the program (variant_noop) makes the kernel return bpfvm's
 * value instead of its own first answer. Two known 6.18 verifier bugs do
 * this (tests/oracle/README.md); anything else stays a failure. */
static int kernel_contradicts(const struct bpf_insn *p, size_t n, const struct kin *in,
			      const struct result *r)
{
	size_t nn;
	uint64_t k2;
	struct bpf_insn *q;
	if (r->krc || r->vrc[0] || (r->trusted_ran && (r->vrc[1] || r->v[1] != r->v[0])))
		return 0;
	q = variant_noop(p, n, &nn);
	if (!q)
		return 0;
	int ok = !kernel_eval(q, nn, in, &k2) && k2 != r->k && k2 == r->v[0];
	free(q);
	return ok;
}

/* Compare one program on nin inputs: one CHECK. */
static void diff_prog(const char *what, const struct bpf_insn *p, size_t n,
		      const struct kin *in, size_t nin, int minimise_ok)
{
	struct loaded L;
	char msg[512];
	int rc = prepare(p, n, &L, 1, msg, sizeof(msg));
	cur->progs++;
	if (rc) {
		cur->bad++;
		fprintf(stderr, "%s [%s]: %s; program:\n", what, cur->name, msg);
		dump_prog(p, n, 0);
		if (rc == -1)
			print_klog();
		CHECK_MSG(0, "%s: %s", what, rc == -1 ? "kernel verifier rejected a test program"
						      : "bpfvm refused a program the kernel accepts");
		return;
	}
	size_t bad = 0, kbug = 0, first = 0;
	for (size_t i = 0; i < nin; i++) {
		struct result r;
		eval(&L, &in[i], &r);
		cur->runs++;
		if (!differs(&r))
			continue;
		if (kernel_contradicts(p, n, &in[i], &r)) {
			if (!kbug++)
				fprintf(stderr, "%s [%s]: input a=0x%" PRIx64 " b=0x%" PRIx64
					" c=0x%x: kernel 0x%" PRIx64 ", but 0x%" PRIx64 " (as bpfvm) "
					"for an ISA-equivalent rewrite\n", what, cur->name, in[i].a,
					in[i].b, in[i].c, r.k, r.v[0]);
			continue;
		}
		if (!bad++) {
			first = i;
			fprintf(stderr, "MISMATCH %s [%s]; program:\n", what, cur->name);
			dump_prog(p, n, 0);
		}
		if (bad <= 6)
			print_result(&in[i], &r);
	}
	release(&L);
	if (bad) {
		cur->bad++;
		fprintf(stderr, "  %zu of %zu inputs differ\n", bad, nin);
		if (minimise_ok && minimise_left > 0) {
			minimise_left--;
			minimise(p, n, &in[first]);
		}
	} else if (kbug) {
		/* The oracle is wrong here, so nothing was compared: a visible
		 * skip, not a pass. */
		cur->skipped++;
		cur->kbugs++;
		SKIP("%s: kernel verifier bug on %zu of %zu inputs (the kernel contradicts "
		     "itself; see tests/oracle/README.md)", what, kbug, nin);
		return;
	}
	CHECK_MSG(bad == 0, "%s: %zu of %zu inputs differ between kernel and bpfvm", what, bad, nin);
}

static void diff_pb(const char *what, struct pb *p, const struct kin *in, size_t nin)
{
	if (pb_finish(p)) {
		CHECK_MSG(0, "%s: program builder failed", what);
		return;
	}
	diff_prog(what, p->insn, (size_t)p->n, in, nin, 0);
}

static void skip_v4(const char *what)
{
	cur->skipped++;
	SKIP("%s: kernel does not accept ISA v4 instructions", what);
}

/* ---- inputs --------------------------------------------------------------- */

static struct kin in_pairs[G_NEDGE64 * G_NEDGE64];   /* every (a, b) of g_edge64 */
static struct kin in_single[G_NEDGE64];              /* every a, b and c derived */
static const size_t n_pairs = G_NEDGE64 * G_NEDGE64, n_single = G_NEDGE64;

static void make_inputs(void)
{
	size_t k = 0;
	for (size_t i = 0; i < sizeof(pkt_data); i++)
		pkt_data[i] = (unsigned char)(i * 0x3b + 0x81);
	for (size_t i = 0; i < G_NEDGE64; i++) {
		for (size_t j = 0; j < G_NEDGE64; j++, k++) {
			in_pairs[k].a = g_edge64[i];
			in_pairs[k].b = g_edge64[j];
			in_pairs[k].c = (uint32_t)(g_edge64[i] * 0x9e3779b1u ^ g_edge64[j]);
		}
		in_single[i].a = g_edge64[i];
		in_single[i].b = g_edge64[(i * 7 + 3) % G_NEDGE64];
		in_single[i].c = (uint32_t)(g_edge64[i] >> 16);
	}
}

/* ---- ALU -------------------------------------------------------------------- */

static const struct alu_op { uint8_t op; int16_t off; const char *name; } alu_ops[] = {
	{ BPF_ADD, 0, "add" }, { BPF_SUB, 0, "sub" }, { BPF_MUL, 0, "mul" },
	{ BPF_DIV, 0, "div" }, { BPF_OR, 0, "or" }, { BPF_AND, 0, "and" },
	{ BPF_LSH, 0, "lsh" }, { BPF_RSH, 0, "rsh" }, { BPF_MOD, 0, "mod" },
	{ BPF_XOR, 0, "xor" }, { BPF_MOV, 0, "mov" }, { BPF_ARSH, 0, "arsh" },
	{ BPF_DIV, G_SDIV_OFF, "sdiv" }, { BPF_MOD, G_SDIV_OFF, "smod" },
};
#define N_ALU_OPS (sizeof(alu_ops) / sizeof(alu_ops[0]))

/* r2 = a, r3 = b, r4 = c; `insn`; r0 = r2; exit */
static void one_insn(const char *what, struct bpf_insn insn, const struct kin *in, size_t nin)
{
	struct pb p;
	pb_init(&p);
	pb_inputs(&p);
	pb_emit(&p, insn);
	pb_emit(&p, MOV64_X(0, 2));
	pb_emit(&p, EXIT_INSN());
	diff_pb(what, &p, in, nin);
	pb_free(&p);
}

static void cat_alu_x(void)
{
	char what[96];
	for (int w = 0; w < 2; w++) {
		uint8_t cls = w ? BPF_ALU64 : BPF_ALU;
		for (size_t o = 0; o < N_ALU_OPS; o++) {
			const struct alu_op *a = &alu_ops[o];
			if (a->off && !have_v4) {
				skip_v4(a->name);
				continue;
			}
			snprintf(what, sizeof(what), "%s %s r2, r3", w ? "alu64" : "alu32", a->name);
			one_insn(what, mk(cls | a->op | BPF_X, 2, 3, a->off, 0), in_pairs, n_pairs);
			snprintf(what, sizeof(what), "%s %s r2, r2", w ? "alu64" : "alu32", a->name);
			one_insn(what, mk(cls | a->op | BPF_X, 2, 2, a->off, 0), in_single, n_single);
		}
	}
}

static void cat_alu_k(void)
{
	static const int32_t sh32[] = { 0, 1, 7, 8, 15, 16, 31 };
	static const int32_t sh64[] = { 0, 1, 7, 8, 15, 16, 31, 32, 33, 48, 63 };
	char what[96];
	for (int w = 0; w < 2; w++) {
		uint8_t cls = w ? BPF_ALU64 : BPF_ALU;
		for (size_t o = 0; o < N_ALU_OPS; o++) {
			const struct alu_op *a = &alu_ops[o];
			int shift = a->op == BPF_LSH || a->op == BPF_RSH || a->op == BPF_ARSH;
			const int32_t *imms = shift ? (w ? sh64 : sh32) : g_edge32;
			size_t nimm = shift ? (w ? sizeof(sh64) : sizeof(sh32)) / sizeof(int32_t) : G_NEDGE32;
			if (a->off && !have_v4) {
				skip_v4(a->name);
				continue;
			}
			for (size_t i = 0; i < nimm; i++) {
				/* The verifier refuses a constant divisor of 0. */
				if ((a->op == BPF_DIV || a->op == BPF_MOD) && imms[i] == 0)
					continue;
				snprintf(what, sizeof(what), "%s %s r2, %d", w ? "alu64" : "alu32",
					 a->name, imms[i]);
				one_insn(what, mk(cls | a->op | BPF_K, 2, 0, a->off, imms[i]),
					 in_single, n_single);
			}
		}
	}
}

static void cat_alu_misc(void)
{
	static const struct { uint8_t code; int16_t off; int32_t imm; int v4; const char *name; } t[] = {
		{ BPF_ALU | BPF_NEG, 0, 0, 0, "neg32" },
		{ BPF_ALU64 | BPF_NEG, 0, 0, 0, "neg64" },
		{ BPF_ALU | BPF_MOV | BPF_X, 8, 0, 1, "movsx32 8" },
		{ BPF_ALU | BPF_MOV | BPF_X, 16, 0, 1, "movsx32 16" },
		{ BPF_ALU64 | BPF_MOV | BPF_X, 8, 0, 1, "movsx64 8" },
		{ BPF_ALU64 | BPF_MOV | BPF_X, 16, 0, 1, "movsx64 16" },
		{ BPF_ALU64 | BPF_MOV | BPF_X, 32, 0, 1, "movsx64 32" },
		{ BPF_ALU | BPF_END | BPF_TO_LE, 0, 16, 0, "le16" },
		{ BPF_ALU | BPF_END | BPF_TO_LE, 0, 32, 0, "le32" },
		{ BPF_ALU | BPF_END | BPF_TO_LE, 0, 64, 0, "le64" },
		{ BPF_ALU | BPF_END | BPF_TO_BE, 0, 16, 0, "be16" },
		{ BPF_ALU | BPF_END | BPF_TO_BE, 0, 32, 0, "be32" },
		{ BPF_ALU | BPF_END | BPF_TO_BE, 0, 64, 0, "be64" },
		{ BPF_ALU64 | BPF_END | BPF_TO_LE, 0, 16, 1, "bswap16" },
		{ BPF_ALU64 | BPF_END | BPF_TO_LE, 0, 32, 1, "bswap32" },
		{ BPF_ALU64 | BPF_END | BPF_TO_LE, 0, 64, 1, "bswap64" },
	};
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		if (t[i].v4 && !have_v4) {
			skip_v4(t[i].name);
			continue;
		}
		/* movsx reads r3 into r2; the others work on r2 in place */
		int src = BPF_OP(t[i].code) == BPF_MOV ? 3 : 0;
		one_insn(t[i].name, mk(t[i].code, 2, (uint8_t)src, t[i].off, t[i].imm),
			 in_single, n_single);
	}
}

/* ---- jumps ------------------------------------------------------------------ */

static const struct { uint8_t op; const char *name; } jmp_ops[] = {
	{ BPF_JEQ, "jeq" }, { BPF_JGT, "jgt" }, { BPF_JGE, "jge" }, { BPF_JSET, "jset" },
	{ BPF_JNE, "jne" }, { BPF_JSGT, "jsgt" }, { BPF_JSGE, "jsge" }, { BPF_JLT, "jlt" },
	{ BPF_JLE, "jle" }, { BPF_JSLT, "jslt" }, { BPF_JSLE, "jsle" },
};
#define N_JMP_OPS (sizeof(jmp_ops) / sizeof(jmp_ops[0]))

/* [lddw r2 = a; lddw r3 = b | inputs]; r0 = 1; if r2 <op> src/imm goto L;
 * r0 = 2; L: exit */
static void one_jump(const char *what, uint8_t code, int src, int32_t imm, const uint64_t *known,
		     const struct kin *in, size_t nin)
{
	struct pb p;
	int l;
	pb_init(&p);
	if (known) {
		pb_lddw(&p, 2, known[0]);
		pb_lddw(&p, 3, known[1]);
	} else {
		pb_inputs(&p);
	}
	pb_emit(&p, MOV64_K(0, 1));
	l = pb_label(&p);
	pb_jmp(&p, code, 2, src, imm, l);
	pb_emit(&p, MOV64_K(0, 2));
	pb_bind(&p, l);
	pb_emit(&p, EXIT_INSN());
	diff_pb(what, &p, in, nin);
	pb_free(&p);
}

static void cat_jmp(void)
{
	char what[96];
	for (int w = 0; w < 2; w++) {
		uint8_t cls = w ? BPF_JMP : BPF_JMP32;
		const char *cn = w ? "jmp" : "jmp32";
		for (size_t o = 0; o < N_JMP_OPS; o++) {
			uint8_t op = jmp_ops[o].op;
			snprintf(what, sizeof(what), "%s %s r2, r3", cn, jmp_ops[o].name);
			one_jump(what, cls | op | BPF_X, 3, 0, NULL, in_pairs, n_pairs);
			snprintf(what, sizeof(what), "%s %s r2, r2", cn, jmp_ops[o].name);
			one_jump(what, cls | op | BPF_X, 2, 0, NULL, in_single, n_single);
			for (size_t i = 0; i < G_NEDGE32; i++) {
				snprintf(what, sizeof(what), "%s %s r2, %d", cn, jmp_ops[o].name, g_edge32[i]);
				one_jump(what, cls | op | BPF_K, 0, g_edge32[i], NULL, in_single, n_single);
			}
		}
	}
}

/* Operands the verifier knows: it decides these branches itself. */
static void cat_jmp_known(void)
{
	static const uint64_t s[] = { 0, 1, 0xffffffffffffffffull, 0x7fffffff, 0x80000000,
		0xffffffff, 0x100000000ull, 0x8000000000000000ull, 0x100000001ull };
	const size_t ns = sizeof(s) / sizeof(s[0]);
	struct kin zero = { 0, 0, 0 };
	char what[128];
	for (int w = 0; w < 2; w++) {
		for (size_t o = 0; o < N_JMP_OPS; o++) {
			for (size_t i = 0; i < ns; i++) {
				uint64_t ab[2] = { s[i], s[(i * 4 + 1) % ns] };
				uint8_t code = (uint8_t)((w ? BPF_JMP : BPF_JMP32) | jmp_ops[o].op | BPF_X);
				snprintf(what, sizeof(what), "%s %s 0x%" PRIx64 ", 0x%" PRIx64 " (known)",
					 w ? "jmp" : "jmp32", jmp_ops[o].name, ab[0], ab[1]);
				one_jump(what, code, 3, 0, ab, &zero, 1);
			}
		}
	}
}

static void cat_lddw(void)
{
	struct kin zero = { 0, 0, 0 };
	char what[64];
	for (size_t i = 0; i < G_NEDGE64; i++) {
		struct pb p;
		int r = (int)(i % 10);
		pb_init(&p);
		pb_lddw(&p, r, g_edge64[i]);
		pb_emit(&p, MOV64_X(0, r));
		pb_emit(&p, EXIT_INSN());
		snprintf(what, sizeof(what), "lddw r%d, 0x%" PRIx64, r, g_edge64[i]);
		diff_pb(what, &p, &zero, 1);
		pb_free(&p);
	}
}

/* ---- stack memory ------------------------------------------------------------ */

static void cat_mem(void)
{
	static const int16_t base[] = { -8, -16, -512, -256 };
	static const int32_t st_imm[] = { 0, -1, 0x12345678, INT32_MIN, 0x7f, -0x80 };
	char what[96];
	int bi = 0;
	for (int s = 0; s < 4; s++) {
		int len = g_sizelen[s];
		for (int k = 0; k < 8 / len; k++, bi++) {
			int16_t b = base[bi % 4], off = (int16_t)(b + k * len);
			struct pb p;
			/* loads, zero- and sign-extending, from a slot holding a */
			for (int sx = 0; sx < 2; sx++) {
				if (sx && (len == 8 || !have_v4)) {
					if (len < 8)
						skip_v4("ldsx");
					continue;
				}
				pb_init(&p);
				pb_inputs(&p);
				pb_emit(&p, STX(BPF_DW, 10, 2, b));
				pb_emit(&p, sx ? LDXSX(g_sizes[s], 0, 10, off) : LDX(g_sizes[s], 0, 10, off));
				pb_emit(&p, EXIT_INSN());
				snprintf(what, sizeof(what), "r0 = *(%s%d *)(r10 %d)", sx ? "s" : "u",
					 len * 8, off);
				diff_pb(what, &p, in_single, n_single);
				pb_free(&p);
			}
			/* register store into a slot holding b */
			pb_init(&p);
			pb_inputs(&p);
			pb_emit(&p, STX(BPF_DW, 10, 3, b));
			pb_emit(&p, STX(g_sizes[s], 10, 2, off));
			pb_emit(&p, LDX(BPF_DW, 0, 10, b));
			pb_emit(&p, EXIT_INSN());
			snprintf(what, sizeof(what), "*(u%d *)(r10 %d) = r2", len * 8, off);
			diff_pb(what, &p, in_single, n_single);
			pb_free(&p);
			/* immediate stores */
			for (size_t i = 0; i < sizeof(st_imm) / sizeof(st_imm[0]); i++) {
				pb_init(&p);
				pb_inputs(&p);
				pb_emit(&p, STX(BPF_DW, 10, 2, b));
				pb_emit(&p, ST(g_sizes[s], 10, off, st_imm[i]));
				pb_emit(&p, LDX(BPF_DW, 0, 10, b));
				pb_emit(&p, EXIT_INSN());
				snprintf(what, sizeof(what), "*(u%d *)(r10 %d) = %d", len * 8, off, st_imm[i]);
				diff_pb(what, &p, in_single, n_single);
				pb_free(&p);
			}
		}
	}
}

/* ---- atomics ---------------------------------------------------------------- */

static void cat_atomic(void)
{
	static const struct { int32_t op; const char *name; } ops[] = {
		{ BPF_ADD, "add" }, { BPF_OR, "or" }, { BPF_AND, "and" }, { BPF_XOR, "xor" },
		{ BPF_ADD | BPF_FETCH, "fetch_add" }, { BPF_OR | BPF_FETCH, "fetch_or" },
		{ BPF_AND | BPF_FETCH, "fetch_and" }, { BPF_XOR | BPF_FETCH, "fetch_xor" },
		{ BPF_XCHG, "xchg" }, { BPF_CMPXCHG, "cmpxchg" },
	};
	static const struct { uint8_t size; int16_t off; } where[] = {
		{ BPF_W, -8 }, { BPF_W, -4 }, { BPF_DW, -8 },
	};
	static const uint64_t bs[] = { 0x0123456789abcdefull, 0xffffffffffffffffull, 1 };
	static const uint32_t cs[] = { 0, 1, 0x80000000 };
	static const char *res[] = { "memory", "r5", "r0" };
	struct kin in[G_NEDGE64 * 3];
	size_t nin = 0;
	char what[128];
	for (size_t i = 0; i < G_NEDGE64; i++)
		for (size_t j = 0; j < 3; j++, nin++) {
			in[nin].a = g_edge64[i];
			in[nin].b = bs[j];
			in[nin].c = cs[(i + j) % 3];
		}
	for (size_t o = 0; o < sizeof(ops) / sizeof(ops[0]); o++) {
		for (size_t w = 0; w < 3; w++) {
			/* cmpxchg's expected r0: a ^ (c << 32) or a ^ c */
			for (int ex = 0; ex < (ops[o].op == BPF_CMPXCHG ? 2 : 1); ex++) {
				for (int r = 0; r < 3; r++) {
					struct pb p;
					pb_init(&p);
					pb_inputs(&p);
					pb_emit(&p, STX(BPF_DW, 10, 2, -8));
					pb_emit(&p, MOV64_X(5, 3));
					pb_emit(&p, MOV64_X(0, 4));
					if (!ex)
						pb_emit(&p, ALU64_K(BPF_LSH, 0, 32));
					pb_emit(&p, ALU64_X(BPF_XOR, 0, 2));
					pb_emit(&p, ATOMIC(where[w].size, 10, 5, where[w].off, ops[o].op));
					if (r == 0)
						pb_emit(&p, LDX(BPF_DW, 0, 10, -8));
					else if (r == 1)
						pb_emit(&p, MOV64_X(0, 5));
					pb_emit(&p, EXIT_INSN());
					snprintf(what, sizeof(what), "lock %s%s (u%d *)(r10 %d), r5%s; result %s",
						 ops[o].name, where[w].size == BPF_DW ? "64" : "32",
						 where[w].size == BPF_DW ? 64 : 32, where[w].off,
						 ops[o].op == BPF_CMPXCHG ? (ex ? " (r0=a^c)" : " (r0=a^c<<32)") : "",
						 res[r]);
					diff_pb(what, &p, in, nin);
					pb_free(&p);
				}
			}
		}
	}
}

/* ---- bpf-to-bpf calls ------------------------------------------------------ */

static void fold_r6_r9(struct pb *p)
{
	for (int r = 6; r <= 9; r++) {
		pb_emit(p, ALU64_K(BPF_MUL, 0, 0x2545f491));
		pb_emit(p, ALU64_X(BPF_XOR, 0, r));
	}
}

static void cat_calls(void)
{
	struct pb p;
	int f, g, l;

	/* arguments and result */
	pb_init(&p);
	f = pb_label(&p);
	pb_inputs(&p);
	pb_emit(&p, MOV64_X(1, 2));
	pb_emit(&p, MOV64_X(2, 3));
	pb_call(&p, f);
	pb_emit(&p, ALU64_K(BPF_MUL, 0, 3));
	pb_emit(&p, EXIT_INSN());
	pb_bind(&p, f);
	pb_emit(&p, MOV64_X(0, 1));
	pb_emit(&p, ALU64_X(BPF_SUB, 0, 2));
	pb_emit(&p, EXIT_INSN());
	diff_pb("call: r0 = f(a, b) * 3", &p, in_pairs, n_pairs);
	pb_free(&p);

	/* r6-r9 survive a callee that writes its own r6-r9 */
	pb_init(&p);
	f = pb_label(&p);
	pb_inputs(&p);
	pb_emit(&p, MOV64_X(6, 2));
	pb_emit(&p, MOV64_X(7, 3));
	pb_emit(&p, MOV64_X(8, 4));
	pb_lddw(&p, 9, 0x8000000000000001ull);
	pb_emit(&p, MOV64_X(1, 3));
	pb_call(&p, f);
	fold_r6_r9(&p);
	pb_emit(&p, EXIT_INSN());
	pb_bind(&p, f);
	pb_emit(&p, MOV64_X(6, 1));
	pb_emit(&p, ALU64_K(BPF_MUL, 6, 7));
	pb_emit(&p, MOV64_K(7, -1));
	pb_emit(&p, MOV64_X(8, 1));
	pb_emit(&p, MOV64_K(9, 0));
	pb_emit(&p, MOV64_X(0, 6));
	fold_r6_r9(&p);
	pb_emit(&p, EXIT_INSN());
	diff_pb("call: callee-saved r6-r9", &p, in_single, n_single);
	pb_free(&p);

	/* each frame has its own r10 */
	pb_init(&p);
	f = pb_label(&p);
	pb_inputs(&p);
	pb_emit(&p, STX(BPF_DW, 10, 2, -8));
	pb_emit(&p, STX(BPF_DW, 10, 3, -16));
	pb_emit(&p, MOV64_X(1, 3));
	pb_call(&p, f);
	pb_emit(&p, LDX(BPF_DW, 1, 10, -8));
	pb_emit(&p, LDX(BPF_DW, 2, 10, -16));
	pb_emit(&p, ALU64_K(BPF_MUL, 0, 5));
	pb_emit(&p, ALU64_X(BPF_XOR, 0, 1));
	pb_emit(&p, ALU64_K(BPF_MUL, 0, 5));
	pb_emit(&p, ALU64_X(BPF_ADD, 0, 2));
	pb_emit(&p, EXIT_INSN());
	pb_bind(&p, f);
	pb_emit(&p, STX(BPF_DW, 10, 1, -8));
	pb_emit(&p, ALU64_K(BPF_ADD, 1, 1));
	pb_emit(&p, STX(BPF_DW, 10, 1, -16));
	pb_emit(&p, LDX(BPF_DW, 0, 10, -8));
	pb_emit(&p, LDX(BPF_DW, 1, 10, -16));
	pb_emit(&p, ALU64_K(BPF_LSH, 0, 1));
	pb_emit(&p, ALU64_X(BPF_XOR, 0, 1));
	pb_emit(&p, EXIT_INSN());
	diff_pb("call: r10 per frame", &p, in_single, n_single);
	pb_free(&p);

	/* callee writes through a pointer into the caller's stack */
	pb_init(&p);
	f = pb_label(&p);
	pb_inputs(&p);
	pb_emit(&p, STX(BPF_DW, 10, 2, -16));
	pb_emit(&p, MOV64_X(1, 10));
	pb_emit(&p, ALU64_K(BPF_ADD, 1, -16));
	pb_emit(&p, MOV64_X(2, 3));
	pb_call(&p, f);
	pb_emit(&p, LDX(BPF_DW, 1, 10, -16));
	pb_emit(&p, ALU64_K(BPF_LSH, 0, 1));
	pb_emit(&p, ALU64_X(BPF_XOR, 0, 1));
	pb_emit(&p, EXIT_INSN());
	pb_bind(&p, f);
	pb_emit(&p, LDX(BPF_DW, 0, 1, 0));
	pb_emit(&p, STX(BPF_W, 1, 2, 4));
	pb_emit(&p, EXIT_INSN());
	diff_pb("call: callee stores via pointer to caller stack", &p, in_single, n_single);
	pb_free(&p);

	/* several exits in a subprogram, used twice */
	pb_init(&p);
	f = pb_label(&p);
	pb_inputs(&p);
	pb_emit(&p, MOV64_X(7, 3));
	pb_emit(&p, MOV64_X(1, 2));
	pb_call(&p, f);
	pb_emit(&p, MOV64_X(6, 0));
	pb_emit(&p, MOV64_X(1, 7));
	pb_call(&p, f);
	pb_emit(&p, ALU64_K(BPF_LSH, 6, 7));
	pb_emit(&p, ALU64_X(BPF_XOR, 0, 6));
	pb_emit(&p, EXIT_INSN());
	pb_bind(&p, f);
	l = pb_label(&p);
	pb_jmp(&p, BPF_JMP | BPF_JSLT | BPF_K, 1, 0, 0, l);
	pb_emit(&p, MOV64_X(0, 1));
	pb_emit(&p, ALU64_K(BPF_RSH, 0, 1));
	pb_emit(&p, EXIT_INSN());
	pb_bind(&p, l);
	pb_emit(&p, ALU32_X(BPF_MOV, 0, 1));
	pb_emit(&p, ALU32_K(BPF_NEG, 0, 0));
	pb_emit(&p, EXIT_INSN());
	diff_pb("call: subprogram with two exits, called twice", &p, in_pairs, n_pairs);
	pb_free(&p);

	/* calls in a loop */
	pb_init(&p);
	f = pb_label(&p);
	l = pb_label(&p);
	pb_inputs(&p);
	pb_emit(&p, MOV64_K(6, 5));
	pb_emit(&p, MOV64_X(7, 2));
	pb_emit(&p, MOV64_X(8, 3));
	pb_bind(&p, l);
	pb_emit(&p, MOV64_X(1, 7));
	pb_emit(&p, MOV64_X(2, 6));
	pb_emit(&p, MOV64_X(3, 8));
	pb_call(&p, f);
	pb_emit(&p, ALU64_X(BPF_ADD, 7, 0));
	pb_emit(&p, ALU64_K(BPF_SUB, 6, 1));
	pb_jmp(&p, BPF_JMP | BPF_JNE | BPF_K, 6, 0, 0, l);
	pb_emit(&p, MOV64_X(0, 7));
	pb_emit(&p, EXIT_INSN());
	pb_bind(&p, f);
	pb_emit(&p, MOV64_X(0, 1));
	pb_emit(&p, ALU64_X(BPF_MUL, 0, 2));
	pb_emit(&p, ALU64_X(BPF_XOR, 0, 3));
	pb_emit(&p, EXIT_INSN());
	diff_pb("call: five calls from a loop", &p, in_pairs, n_pairs);
	pb_free(&p);

	/* a chain of 7 nested calls: 8 frames, the kernel's maximum; each frame
	 * keeps a value on its own stack and r6 across the deeper call */
	pb_init(&p);
	int fn[8];
	for (int i = 0; i < 8; i++)
		fn[i] = pb_label(&p);
	pb_inputs(&p);
	pb_emit(&p, MOV64_X(1, 2));
	pb_emit(&p, MOV64_X(2, 3));
	pb_call(&p, fn[1]);
	pb_emit(&p, EXIT_INSN());
	for (int i = 1; i < 8; i++) {
		pb_bind(&p, fn[i]);
		pb_emit(&p, STX(BPF_DW, 10, 1, -8));
		pb_emit(&p, MOV64_X(6, 2));
		pb_emit(&p, ALU64_K(BPF_XOR, 6, i));
		if (i < 7) {
			pb_emit(&p, ALU64_K(BPF_MUL, 1, 3));
			pb_emit(&p, ALU64_K(BPF_ADD, 1, i));
			pb_emit(&p, ALU64_K(BPF_ADD, 2, i));
			pb_call(&p, fn[i + 1]);
		} else {
			pb_emit(&p, MOV64_X(0, 1));
		}
		pb_emit(&p, LDX(BPF_DW, 1, 10, -8));
		pb_emit(&p, ALU64_K(BPF_MUL, 0, 0x2545f491));
		pb_emit(&p, ALU64_X(BPF_XOR, 0, 1));
		pb_emit(&p, ALU64_X(BPF_ADD, 0, 6));
		pb_emit(&p, EXIT_INSN());
	}
	diff_pb("call: 8 frames deep", &p, in_pairs, n_pairs);
	pb_free(&p);

	/* subprogram returning a 32-bit result, calling another one */
	pb_init(&p);
	f = pb_label(&p);
	g = pb_label(&p);
	pb_inputs(&p);
	pb_emit(&p, MOV64_X(1, 2));
	pb_emit(&p, MOV64_X(2, 3));
	pb_call(&p, f);
	pb_emit(&p, EXIT_INSN());
	pb_bind(&p, f);
	pb_emit(&p, MOV64_X(6, 1));
	pb_emit(&p, MOV64_X(1, 2));
	pb_call(&p, g);
	pb_emit(&p, ALU32_X(BPF_ADD, 0, 6));
	pb_emit(&p, EXIT_INSN());
	pb_bind(&p, g);
	pb_emit(&p, MOV64_X(0, 1));
	pb_emit(&p, ALU64_K(BPF_ARSH, 0, 3));
	pb_emit(&p, EXIT_INSN());
	diff_pb("call: nested, w0 result", &p, in_pairs, n_pairs);
	pb_free(&p);
}

/* ---- bounded loops and gotol ---------------------------------------------------- */

static void cat_loops(void)
{
	struct pb p;
	int l, l2, out;

	/* 200 iterations of arithmetic on unknown values */
	pb_init(&p);
	l = pb_label(&p);
	pb_inputs(&p);
	pb_emit(&p, MOV64_K(0, 0));
	pb_emit(&p, MOV64_K(1, 200));
	pb_bind(&p, l);
	pb_emit(&p, ALU64_X(BPF_ADD, 0, 1));
	pb_emit(&p, ALU64_X(BPF_MUL, 0, 2));
	pb_emit(&p, ALU64_X(BPF_XOR, 0, 3));
	pb_emit(&p, ALU64_K(BPF_SUB, 1, 1));
	pb_jmp(&p, BPF_JMP | BPF_JNE | BPF_K, 1, 0, 0, l);
	pb_emit(&p, EXIT_INSN());
	diff_pb("loop: 200 iterations", &p, in_pairs, n_pairs);
	pb_free(&p);

	/* jmp32 condition on a counter whose upper half is not zero */
	pb_init(&p);
	l = pb_label(&p);
	pb_inputs(&p);
	pb_emit(&p, MOV64_X(0, 2));
	pb_lddw(&p, 1, 0x100000003ull);
	pb_bind(&p, l);
	pb_emit(&p, ALU64_K(BPF_MUL, 0, 0x2545f491));
	pb_emit(&p, ALU64_X(BPF_ADD, 0, 1));
	pb_emit(&p, ALU64_K(BPF_SUB, 1, 1));
	pb_jmp(&p, BPF_JMP32 | BPF_JNE | BPF_K, 1, 0, 0, l);
	pb_emit(&p, ALU64_X(BPF_XOR, 0, 1));
	pb_emit(&p, EXIT_INSN());
	diff_pb("loop: jmp32 counter with upper bits", &p, in_single, n_single);
	pb_free(&p);

	/* nested loops (4 x 3) accumulating in a stack slot */
	pb_init(&p);
	l = pb_label(&p);
	l2 = pb_label(&p);
	pb_inputs(&p);
	pb_emit(&p, STX(BPF_DW, 10, 2, -8));
	pb_emit(&p, MOV64_K(6, 4));
	pb_bind(&p, l);
	pb_emit(&p, ALU32_K(BPF_MOV, 7, 3));
	pb_bind(&p, l2);
	pb_emit(&p, LDX(BPF_DW, 1, 10, -8));
	pb_emit(&p, ALU64_X(BPF_ADD, 1, 3));
	pb_emit(&p, ALU64_X(BPF_LSH, 1, 7));
	pb_emit(&p, ALU64_X(BPF_XOR, 1, 6));
	pb_emit(&p, STX(BPF_DW, 10, 1, -8));
	pb_emit(&p, ALU32_K(BPF_ADD, 7, -1));
	pb_jmp(&p, BPF_JMP32 | BPF_JSGT | BPF_K, 7, 0, 0, l2);
	pb_emit(&p, ALU64_K(BPF_ADD, 6, -1));
	pb_jmp(&p, BPF_JMP | BPF_JGT | BPF_K, 6, 0, 0, l);
	pb_emit(&p, LDX(BPF_DW, 0, 10, -8));
	pb_emit(&p, EXIT_INSN());
	diff_pb("loop: nested 4 x 3 through the stack", &p, in_pairs, n_pairs);
	pb_free(&p);

	/* a pointer walking the stack: fill 8 slots, then sum them */
	pb_init(&p);
	l = pb_label(&p);
	l2 = pb_label(&p);
	pb_inputs(&p);
	pb_emit(&p, MOV64_X(1, 10));
	pb_emit(&p, ALU64_K(BPF_ADD, 1, -64));
	pb_emit(&p, MOV64_K(5, 8));
	pb_bind(&p, l);
	pb_emit(&p, STX(BPF_DW, 1, 2, 0));
	pb_emit(&p, ALU64_K(BPF_MUL, 2, 3));
	pb_emit(&p, ALU64_X(BPF_XOR, 2, 3));
	pb_emit(&p, ALU64_K(BPF_ADD, 1, 8));
	pb_emit(&p, ALU64_K(BPF_SUB, 5, 1));
	pb_jmp(&p, BPF_JMP | BPF_JNE | BPF_K, 5, 0, 0, l);
	pb_emit(&p, MOV64_K(0, 0));
	pb_emit(&p, MOV64_K(5, 8));
	pb_bind(&p, l2);
	pb_emit(&p, ALU64_K(BPF_ADD, 1, -8));
	pb_emit(&p, LDX(BPF_DW, 4, 1, 0));
	pb_emit(&p, ALU64_K(BPF_LSH, 0, 3));
	pb_emit(&p, ALU64_X(BPF_ADD, 0, 4));
	pb_emit(&p, ALU64_K(BPF_SUB, 5, 1));
	pb_jmp(&p, BPF_JMP | BPF_JNE | BPF_K, 5, 0, 0, l2);
	pb_emit(&p, EXIT_INSN());
	diff_pb("loop: pointer walking the stack", &p, in_pairs, n_pairs);
	pb_free(&p);

	/* data-dependent early exit from a 64-iteration loop */
	pb_init(&p);
	l = pb_label(&p);
	out = pb_label(&p);
	pb_inputs(&p);
	pb_emit(&p, MOV64_K(1, 64));
	pb_bind(&p, l);
	pb_jmp(&p, BPF_JMP | BPF_JEQ | BPF_K, 2, 0, 0, out);
	pb_emit(&p, ALU64_K(BPF_RSH, 2, 1));
	pb_emit(&p, ALU64_K(BPF_SUB, 1, 1));
	pb_jmp(&p, BPF_JMP | BPF_JSGT | BPF_K, 1, 0, 0, l);
	pb_bind(&p, out);
	pb_emit(&p, MOV64_X(0, 1));
	pb_emit(&p, EXIT_INSN());
	diff_pb("loop: count bits with early exit", &p, in_single, n_single);
	pb_free(&p);

	/* loop body with ldsx, atomics and movsx; back edge by gotol */
	if (!have_v4) {
		skip_v4("loop with v4 body");
		return;
	}
	pb_init(&p);
	l = pb_label(&p);
	out = pb_label(&p);
	pb_inputs(&p);
	pb_emit(&p, STX(BPF_DW, 10, 2, -8));
	pb_emit(&p, STX(BPF_DW, 10, 3, -16));
	pb_emit(&p, MOV64_K(9, 6));
	pb_emit(&p, MOV64_K(0, 0));
	pb_bind(&p, l);
	pb_emit(&p, LDXSX(BPF_B, 1, 10, -8));
	pb_emit(&p, LDXSX(BPF_H, 5, 10, -14));
	pb_emit(&p, ATOMIC(BPF_DW, 10, 1, -16, BPF_ADD | BPF_FETCH));
	pb_emit(&p, ATOMIC(BPF_W, 10, 5, -8, BPF_XOR));
	pb_emit(&p, mk(BPF_ALU64 | BPF_MOV | BPF_X, 6, 1, 16, 0));
	pb_emit(&p, ALU64_X(BPF_ADD, 0, 6));
	pb_emit(&p, ALU64_X(BPF_ADD, 0, 1));
	pb_emit(&p, ALU64_K(BPF_SUB, 9, 1));
	pb_jmp(&p, BPF_JMP | BPF_JEQ | BPF_K, 9, 0, 0, out);
	pb_gotol(&p, l);
	pb_bind(&p, out);
	pb_emit(&p, LDX(BPF_DW, 1, 10, -16));
	pb_emit(&p, ALU64_X(BPF_XOR, 0, 1));
	pb_emit(&p, LDX(BPF_DW, 1, 10, -8));
	pb_emit(&p, ALU64_X(BPF_ADD, 0, 1));
	pb_emit(&p, EXIT_INSN());
	diff_pb("loop: ldsx/atomics/movsx body, gotol back edge", &p, in_pairs, n_pairs);
	pb_free(&p);
}

static void cat_gotol(void)
{
	struct pb p;
	int l, far;
	if (!have_v4) {
		skip_v4("gotol");
		return;
	}
	/* forward gotol and ja +0 */
	pb_init(&p);
	l = pb_label(&p);
	far = pb_label(&p);
	pb_inputs(&p);
	pb_emit(&p, MOV64_X(0, 2));
	pb_emit(&p, NOP_INSN());
	pb_jmp(&p, BPF_JMP | BPF_JEQ | BPF_K, 3, 0, 0, l);
	pb_gotol(&p, far);
	pb_bind(&p, l);
	pb_emit(&p, MOV64_X(0, 3));
	pb_emit(&p, mk(BPF_JMP32 | BPF_JA, 0, 0, 0, 0));
	pb_emit(&p, ALU64_K(BPF_ADD, 0, 7));
	pb_bind(&p, far);
	pb_emit(&p, EXIT_INSN());
	diff_pb("gotol: forward, gotol +0, ja +0", &p, in_pairs, n_pairs);
	pb_free(&p);

	/* gotol over 40000 instructions, beyond a 16-bit jump offset */
	pb_init(&p);
	l = pb_label(&p);
	far = pb_label(&p);
	pb_inputs(&p);
	pb_emit(&p, MOV64_K(0, 1));
	pb_jmp(&p, BPF_JMP | BPF_JSGT | BPF_K, 2, 0, 0, l);
	pb_gotol(&p, far);
	pb_bind(&p, l);
	for (int i = 0; i < 40000; i++)
		pb_emit(&p, ALU64_K(BPF_ADD, 0, i & 1 ? 3 : -1));
	pb_bind(&p, far);
	pb_emit(&p, EXIT_INSN());
	diff_pb("gotol: over 40000 instructions", &p, in_single, n_single);
	pb_free(&p);
}

/* ---- legacy packet loads --------------------------------------------------------- */

/* r6 = ctx (the kernel requires it), r7 = a; r0 = b; ld_abs/ld_ind; r0 ^= r7.
 * An out-of-range load ends the program with r0 = 0 on both sides. */
static void one_ldpkt(const char *what, uint8_t mode, uint8_t size, int32_t imm,
		      const struct kin *in, size_t nin)
{
	struct pb p;
	pb_init(&p);
	pb_inputs(&p);
	pb_emit(&p, MOV64_X(6, 1));
	pb_emit(&p, MOV64_X(7, 2));
	pb_emit(&p, MOV64_X(0, 3));
	pb_emit(&p, mk(BPF_LD | mode | size, 0, mode == BPF_IND ? 7 : 0, 0, imm));
	pb_emit(&p, ALU64_X(BPF_XOR, 0, 7));
	pb_emit(&p, EXIT_INSN());
	diff_pb(what, &p, in, nin);
	pb_free(&p);
}

static void cat_ldpkt(void)
{
	static const int32_t abs_off[] = { 0, 1, 2, 3, 13, 45, 46, 47, 48, 49, 50, 51, 64,
		1000, -1, -4, 0x7fffffff, 0x7ffffffe, INT32_MIN };
	static const int32_t ind_imm[] = { 0, 1, -1, 13, 48, 0x7fffffff, INT32_MIN, -50 };
	static const struct { uint8_t size; const char *name; } sz[] = {
		{ BPF_B, "b" }, { BPF_H, "h" }, { BPF_W, "w" } };
	char what[96];
	for (int s = 0; s < 3; s++) {
		for (size_t i = 0; i < sizeof(abs_off) / sizeof(abs_off[0]); i++) {
			snprintf(what, sizeof(what), "ldabs%s %d", sz[s].name, abs_off[i]);
			one_ldpkt(what, BPF_ABS, sz[s].size, abs_off[i], in_single, 4);
		}
		for (size_t i = 0; i < sizeof(ind_imm) / sizeof(ind_imm[0]); i++) {
			snprintf(what, sizeof(what), "ldind%s r7 + %d", sz[s].name, ind_imm[i]);
			one_ldpkt(what, BPF_IND, sz[s].size, ind_imm[i], in_single, n_single);
		}
	}
	/* The kernel maps offsets from SKF_NET_OFF (-0x100000) and SKF_LL_OFF
	 * (-0x200000) to the network and link-layer headers; bpfvm_run_opts has
	 * one flat packet and no header offsets, so there is nothing to compare. */
	cur->skipped++;
	SKIP("ld_abs at SKF_NET_OFF/SKF_LL_OFF offsets: bpfvm_run_opts has no "
	     "network/link-layer header offsets (kernel reads the headers there)");
}

/* ---- generated programs ------------------------------------------------------------ */

static void cat_generated(void)
{
	const char *e = getenv("BPFVM_ORACLE_SEED"), *ns = getenv("BPFVM_ORACLE_SEEDS");
	uint64_t first = 0x5eed0000, count = ns ? strtoull(ns, NULL, 0) : 400;
	char what[96];
	if (e) {
		first = strtoull(e, NULL, 0);
		count = 1;
	}
	for (uint64_t s = first; s < first + count; s++) {
		struct pb p;
		struct rng r = { s ^ 0xa5a5a5a5a5a5a5a5ull };
		struct kin in[4];
		for (int i = 0; i < 4; i++) {
			in[i].a = rng_val64(&r);
			in[i].b = rng_val64(&r);
			in[i].c = (uint32_t)rng_val64(&r);
		}
		pb_init(&p);
		snprintf(what, sizeof(what), "generated seed 0x%" PRIx64 " (rerun: BPFVM_ORACLE_SEED=0x%"
			 PRIx64 ")", s, s);
		if (gen_program(&p, s, have_v4))
			CHECK_MSG(0, "%s: generator failed", what);
		else
			diff_prog(what, p.insn, (size_t)p.n, in, 4, 1);
		pb_free(&p);
	}
}

static void run_cases(void)
{
	static const char *const names[] = {
		"alu-x", "alu-k", "neg/movsx/end", "jmp", "jmp-known", "lddw", "stack",
		"atomic", "calls", "loops", "gotol", "ld_abs", "generated",
	};
	static struct cat cats[sizeof(names) / sizeof(names[0])];
	static void (*const fns[])(void) = {
		cat_alu_x, cat_alu_k, cat_alu_misc, cat_jmp, cat_jmp_known, cat_lddw,
		cat_mem, cat_atomic, cat_calls, cat_loops, cat_gotol, cat_ldpkt, cat_generated,
	};
	const char *only = getenv("BPFVM_ORACLE_ONLY");
	unsigned progs = 0, runs = 0;
	make_inputs();
	for (size_t i = 0; i < sizeof(fns) / sizeof(fns[0]); i++) {
		if (only && !strstr(only, names[i]))
			continue;
		cur = &cats[i];
		cur->name = names[i];
		fns[i]();
		printf("kernel-diff %-14s %5u programs %7u runs %3u bad %2u skipped"
		       " (%u kernel bugs)\n", cats[i].name, cats[i].progs, cats[i].runs,
		       cats[i].bad, cats[i].skipped, cats[i].kbugs);
		progs += cats[i].progs;
		runs += cats[i].runs;
	}
	printf("kernel-diff total          %5u programs %7u runs\n", progs, runs);
}

/* ---- main ------------------------------------------------------------------ */

/* Trivial program through load + test_run + cb[]; on failure says why. */
static int probe_kernel(char *why, size_t whysz)
{
	struct bpf_insn p[] = { LDX(BPF_DW, 0, 1, G_CB_A), ALU64_K(BPF_XOR, 0, 0x5a), EXIT_INSN() };
	struct kin in = { 0x1234567811223344ull, 0, 0 };
	uint32_t ret = 0;
	int fd = kload(p, 3, 0), err;
	if (fd < 0) {
		snprintf(why, whysz, "bpf(BPF_PROG_LOAD) of a socket filter failed: %s", strerror(-fd));
		return -1;
	}
	err = krun(fd, &in, &ret);
	close(fd);
	if (err) {
		snprintf(why, whysz, "bpf(BPF_PROG_TEST_RUN) failed: %s", strerror(-err));
		return -1;
	}
	if (ret != (0x11223344u ^ 0x5a)) {
		snprintf(why, whysz, "test_run does not pass __sk_buff->cb[] (got 0x%x)", ret);
		return -1;
	}
	/* sdiv, movsx, ldsx, bswap, gotol in one program. */
	struct bpf_insn v4[] = {
		MOV64_K(0, -100), mk(BPF_ALU64 | BPF_DIV | BPF_K, 0, 0, G_SDIV_OFF, 7),
		mk(BPF_ALU64 | BPF_MOV | BPF_X, 1, 0, 8, 0), STX(BPF_DW, 10, 1, -8),
		LDXSX(BPF_B, 2, 10, -8), ALU64_K(BPF_END | BPF_TO_LE, 2, 16),
		mk(BPF_JMP32 | BPF_JA, 0, 0, 0, 0), MOV64_X(0, 2), EXIT_INSN(),
	};
	fd = kload(v4, sizeof(v4) / sizeof(v4[0]), 0);
	have_v4 = fd >= 0;
	if (fd >= 0)
		close(fd);
	return 0;
}

int main(void)
{
	const char *dis = getenv("BPFVM_ORACLE_DISABLE");
	char why[256];
	if (dis && *dis && strcmp(dis, "0")) {
		SKIP("kernel differential test disabled by BPFVM_ORACLE_DISABLE=%s", dis);
		return test_summary();
	}
	if (probe_kernel(why, sizeof(why))) {
		SKIP("no kernel oracle: %s (needs root / CAP_BPF and bpf() enabled)", why);
		return test_summary();
	}
	if (!have_v4)
		fprintf(stderr, "note: kernel rejects ISA v4 instructions; v4 cases are skipped\n");
	vm = bpfvm_new();
	CHECK(vm != NULL);
	if (!vm)
		return test_summary();
	run_cases();
	bpfvm_free(vm);
	return test_summary();
}
