/* SPDX-License-Identifier: MIT */
/*
 * eng_bpfvm.c - the "bpfvm-interp" and "bpfvm-interp-checked" engines:
 * libbpfvm's interpreter through its public API. bpfvm-interp loads with
 * BPFVM_PROG_TRUSTED (a verified program: no runtime memory checks, no
 * instruction budget), the mode the speed target is about;
 * bpfvm-interp-checked loads without it, so every access is checked against
 * the one region bpfvm_prog_run_mem() declares (the bench_buf). Built only
 * when the Makefile finds an interpreter in libbpfvm.a (HAVE_BPFVM);
 * otherwise both engines report themselves unavailable.
 */
#include "engine.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if HAVE_BPFVM
#include <bpfvm/bpfvm.h>

struct vprog {
	struct bpfvm *vm;
	struct bpfvm_prog *prog;
};

static int bpfvm_init(char *why, size_t len)
{
	struct bpfvm *vm = bpfvm_new();

	if (!vm) {
		snprintf(why, len, "bpfvm_new failed");
		return -ENOMEM;
	}
	bpfvm_free(vm);
	return 0;
}

static int load_flags(const struct bench_code *c, unsigned int flags, void **h,
		      char *err, size_t len)
{
	struct vprog *v = calloc(1, sizeof(*v));
	char log[256] = "";
	int e;

	if (!v)
		return -ENOMEM;
	v->vm = bpfvm_new();
	if (!v->vm) {
		free(v);
		return -ENOMEM;
	}
	e = bpfvm_prog_load(v->vm, c->insns, c->cnt, flags, &v->prog, log, sizeof(log));
	if (e) {
		snprintf(err, len, "bpfvm_prog_load: %s: %s", strerror(-e), log);
		bpfvm_free(v->vm);
		free(v);
		return e;
	}
	*h = v;
	return 0;
}

static int trusted_load(const struct bench_code *c, void **h, char *err, size_t len)
{
	return load_flags(c, BPFVM_PROG_TRUSTED, h, err, len);
}

static int checked_load(const struct bench_code *c, void **h, char *err, size_t len)
{
	return load_flags(c, 0, h, err, len);
}

static int bpfvm_run(void *h, struct bench_buf *b, uint64_t *r0, char *err, size_t len)
{
	struct vprog *v = h;
	struct bpfvm_fault f;
	int e;

	memset(&f, 0, sizeof(f));
	e = bpfvm_prog_run_mem(v->prog, b, sizeof(*b), r0, &f);
	if (e)
		snprintf(err, len, "bpfvm_prog_run_mem: %s: %s", strerror(-e), f.msg);
	return e;
}

static int bpfvm_measure(void *h, const struct bench_set *s, uint64_t rounds,
			 struct measurement *m, char *err, size_t len)
{
	struct vprog *v = h;
	struct bpfvm_prog *prog = v->prog;
	uint64_t r0 = 0;
	int bad = 0;

	BENCH_TIMED_LOOP(s, rounds, m,
			 (bad |= bpfvm_prog_run_mem(prog, buf, sizeof(struct bench_buf),
						    &r0, NULL), r0));
	if (bad) {
		snprintf(err, len, "bpfvm_prog_run_mem failed during the timed loop");
		return -EFAULT;
	}
	return 0;
}

static void bpfvm_unload(void *h)
{
	struct vprog *v = h;

	bpfvm_free(v->vm);	/* frees the program too */
	free(v);
}

#else /* !HAVE_BPFVM */

static int bpfvm_init(char *why, size_t len)
{
	snprintf(why, len, "libbpfvm.a has no interpreter yet (src/interp); "
		 "rebuild it and run again");
	return -ENOSYS;
}

#define trusted_load NULL
#define checked_load NULL
#define bpfvm_run NULL
#define bpfvm_measure NULL
#define bpfvm_unload NULL

#endif

const struct engine engine_bpfvm = {
	.name = "bpfvm-interp",
	.runs_loops = 1,
	.init = bpfvm_init,
	.load = trusted_load,
	.run = bpfvm_run,
	.measure = bpfvm_measure,
	.unload = bpfvm_unload,
};

const struct engine engine_bpfvm_checked = {
	.name = "bpfvm-interp-checked",
	.runs_loops = 1,
	.init = bpfvm_init,
	.load = checked_load,
	.run = bpfvm_run,
	.measure = bpfvm_measure,
	.unload = bpfvm_unload,
};
