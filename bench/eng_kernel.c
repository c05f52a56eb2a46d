/* SPDX-License-Identifier: MIT */
/*
 * eng_kernel.c - the "kernel" engine: loads a benchmark's kernel entry with
 * BPF_PROG_LOAD (the kernel verifies and, with bpf_jit_enable, JIT-compiles
 * it) and times it with BPF_PROG_TEST_RUN and `repeat`, reporting the
 * kernel's own average duration per run (it stops its clock while the task
 * is rescheduled). That figure includes the test-run loop's fixed cost per
 * iteration; the runner measures it with the empty program and reports it as
 * "kernel-overhead". Raw bpf(2), no libbpf.
 *
 * The hook is tc (BPF_PROG_TYPE_SCHED_CLS, same direct packet access as
 * XDP) by default: an XDP test run with repeat > 1 re-patches the XDP
 * dispatcher on every call, about 2 ms, and the runner makes one call per
 * input per repetition (247 inputs x 7 passes x 13 rows would take a
 * minute). -K xdp selects XDP anyway.
 */
#include "engine.h"

#include <errno.h>
#include <linux/bpf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

int kernel_use_xdp;

struct kprog {
	int fd;
};

static long sys_bpf(int cmd, union bpf_attr *attr)
{
	return syscall(__NR_bpf, cmd, attr, sizeof(*attr));
}

static int prog_load(const struct bpf_insn *insns, size_t cnt, char *log,
		     size_t log_size)
{
	union bpf_attr a;

	memset(&a, 0, sizeof(a));
	a.prog_type = kernel_use_xdp ? BPF_PROG_TYPE_XDP : BPF_PROG_TYPE_SCHED_CLS;
	a.insns = (uint64_t)(uintptr_t)insns;
	a.insn_cnt = (uint32_t)cnt;
	a.license = (uint64_t)(uintptr_t)"GPL";
	if (log) {
		a.log_buf = (uint64_t)(uintptr_t)log;
		a.log_size = (uint32_t)log_size;
		a.log_level = 1;
		log[0] = 0;
	}
	return (int)sys_bpf(BPF_PROG_LOAD, &a);
}

static int test_run(int fd, struct bench_buf *b, uint32_t repeat,
		    uint32_t *retval, uint32_t *duration)
{
	union bpf_attr a;

	memset(&a, 0, sizeof(a));
	a.test.prog_fd = (uint32_t)fd;
	a.test.data_in = (uint64_t)(uintptr_t)b->data;
	a.test.data_size_in = b->len;
	a.test.repeat = repeat;
	if (sys_bpf(BPF_PROG_TEST_RUN, &a) < 0)
		return -errno;
	*retval = a.test.retval;
	*duration = a.test.duration;
	return 0;
}

static int kernel_init(char *why, size_t len)
{
	/* r0 = 2; exit */
	static const struct bpf_insn probe[] = {
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = 0, .imm = 2 },
		{ .code = BPF_JMP | BPF_EXIT },
	};
	struct bench_buf *b = calloc(1, sizeof(*b));
	uint32_t rv, dur;
	int fd, err;

	if (!b)
		return -ENOMEM;
	fd = prog_load(probe, 2, NULL, 0);
	if (fd < 0) {
		err = -errno;
		snprintf(why, len, "bpf(BPF_PROG_LOAD) refused: %s (needs root or "
			 "CAP_BPF+CAP_NET_ADMIN)", strerror(errno));
		free(b);
		return err;
	}
	b->len = 64;
	err = test_run(fd, b, 1, &rv, &dur);
	if (err)
		snprintf(why, len, "bpf(BPF_PROG_TEST_RUN) refused: %s", strerror(-err));
	close(fd);
	free(b);
	return err;
}

static int kernel_load(const struct bench_code *c, void **h, char *err, size_t len)
{
	struct kprog *k;
	char *log;
	int fd;

	fd = prog_load(c->kern, c->kern_cnt, NULL, 0);
	if (fd < 0) {
		int e = errno;
		size_t n;

		/* Load again with the verifier log for the message. */
		log = malloc(1 << 20);
		if (log && prog_load(c->kern, c->kern_cnt, log, 1 << 20) < 0) {
			n = strlen(log);
			snprintf(err, len, "BPF_PROG_LOAD: %s; verifier log ends: %s",
				 strerror(e), log + (n > 400 ? n - 400 : 0));
		} else {
			snprintf(err, len, "BPF_PROG_LOAD: %s", strerror(e));
		}
		free(log);
		return -e;
	}
	k = malloc(sizeof(*k));
	if (!k) {
		close(fd);
		return -ENOMEM;
	}
	k->fd = fd;
	*h = k;
	return 0;
}

static int kernel_run(void *h, struct bench_buf *b, uint64_t *r0, char *err, size_t len)
{
	struct kprog *k = h;
	uint32_t rv, dur;
	int e = test_run(k->fd, b, 1, &rv, &dur);

	if (e) {
		snprintf(err, len, "BPF_PROG_TEST_RUN: %s", strerror(-e));
		return e;
	}
	*r0 = rv;
	return 0;
}

static int kernel_measure(void *h, const struct bench_set *s, uint64_t rounds,
			  struct measurement *m, char *err, size_t len)
{
	struct kprog *k = h;
	uint64_t total = 0, sink = 0;
	struct stamp t0;
	uint32_t rv, dur;

	if (rounds > UINT32_MAX)
		rounds = UINT32_MAX;
	stamp_start(&t0);
	for (size_t i = 0; i < s->n; i++) {
		int e = test_run(k->fd, s->bufs[i], (uint32_t)rounds, &rv, &dur);

		if (e) {
			snprintf(err, len, "BPF_PROG_TEST_RUN: %s", strerror(-e));
			return e;
		}
		total += dur;	/* the kernel's mean ns per run for this input */
		sink += rv;
	}
	stamp_end(&t0, m);
	m->own_ns_per_run = (double)total / (double)s->n;
	m->sink = sink;
	return 0;
}

static void kernel_unload(void *h)
{
	struct kprog *k = h;

	close(k->fd);
	free(k);
}

const struct engine engine_kernel = {
	.name = "kernel",
	.runs_loops = 1,
	.init = kernel_init,
	.load = kernel_load,
	.run = kernel_run,
	.measure = kernel_measure,
	.unload = kernel_unload,
};
