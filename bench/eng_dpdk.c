/* SPDX-License-Identifier: MIT */
/*
 * eng_dpdk.c - the "dpdk-interp" and "dpdk-jit" engines: DPDK's librte_bpf
 * (rte_bpf_load validates, rte_bpf_exec interprets, rte_bpf_get_jit gives
 * the x86-64 JIT's function). The program argument is declared as a pointer
 * to exactly one struct bench_buf, so DPDK's validator checks every access
 * against that size. librte_bpf needs no rte_eal_init(): it allocates with
 * malloc/mmap and logs to stderr. Only this file sees DPDK's headers (their
 * BPF macros clash with <linux/bpf.h>). Without libdpdk (HAVE_DPDK=0) both
 * engines report themselves unavailable.
 */
#include "engine.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if HAVE_DPDK
#include <rte_bpf.h>
#include <rte_errno.h>

struct dprog {
	struct rte_bpf *bpf;
	uint64_t (*jit)(void *);
};

static int dpdk_init(char *why, size_t len)
{
	(void)why;
	(void)len;
	return 0;
}

static int dpdk_load_common(const struct bench_code *c, int want_jit, void **h,
			    char *err, size_t len)
{
	struct rte_bpf_prm prm;
	struct rte_bpf_jit jit;
	struct dprog *d;

	memset(&prm, 0, sizeof(prm));
	/* struct bpf_insn and struct ebpf_insn have the same 8-byte layout. */
	prm.ins = (const struct ebpf_insn *)(const void *)c->insns;
	prm.nb_ins = (uint32_t)c->cnt;
	prm.prog_arg.type = RTE_BPF_ARG_PTR;
	prm.prog_arg.size = sizeof(struct bench_buf);
	d = calloc(1, sizeof(*d));
	if (!d)
		return -ENOMEM;
	d->bpf = rte_bpf_load(&prm);
	if (!d->bpf) {
		int e = rte_errno ? rte_errno : EINVAL;

		snprintf(err, len, "rte_bpf_load: %s (validator message on stderr)",
			 strerror(e));
		free(d);
		return -e;
	}
	if (want_jit) {
		memset(&jit, 0, sizeof(jit));
		if (rte_bpf_get_jit(d->bpf, &jit) != 0 || !jit.func) {
			snprintf(err, len, "rte_bpf_get_jit: no JIT code for this program");
			rte_bpf_destroy(d->bpf);
			free(d);
			return -ENOTSUP;
		}
		d->jit = jit.func;
	}
	*h = d;
	return 0;
}

static int interp_load(const struct bench_code *c, void **h, char *err, size_t len)
{
	return dpdk_load_common(c, 0, h, err, len);
}

static int jit_load(const struct bench_code *c, void **h, char *err, size_t len)
{
	return dpdk_load_common(c, 1, h, err, len);
}

static int interp_run(void *h, struct bench_buf *b, uint64_t *r0, char *err, size_t len)
{
	struct dprog *d = h;

	(void)err;
	(void)len;
	*r0 = rte_bpf_exec(d->bpf, b);
	return 0;
}

static int jit_run(void *h, struct bench_buf *b, uint64_t *r0, char *err, size_t len)
{
	struct dprog *d = h;

	(void)err;
	(void)len;
	*r0 = d->jit(b);
	return 0;
}

static int interp_measure(void *h, const struct bench_set *s, uint64_t rounds,
			  struct measurement *m, char *err, size_t len)
{
	struct dprog *d = h;
	const struct rte_bpf *bpf = d->bpf;

	(void)err;
	(void)len;
	BENCH_TIMED_LOOP(s, rounds, m, rte_bpf_exec(bpf, buf));
	return 0;
}

static int jit_measure(void *h, const struct bench_set *s, uint64_t rounds,
		       struct measurement *m, char *err, size_t len)
{
	struct dprog *d = h;
	uint64_t (*fn)(void *) = d->jit;

	(void)err;
	(void)len;
	BENCH_TIMED_LOOP(s, rounds, m, fn(buf));
	return 0;
}

static void dpdk_unload(void *h)
{
	struct dprog *d = h;

	rte_bpf_destroy(d->bpf);
	free(d);
}

#else /* !HAVE_DPDK */

static int dpdk_init(char *why, size_t len)
{
	snprintf(why, len, "built without libdpdk (pkg-config libdpdk not found)");
	return -ENOSYS;
}

#define interp_load NULL
#define jit_load NULL
#define interp_run NULL
#define jit_run NULL
#define interp_measure NULL
#define jit_measure NULL
#define dpdk_unload NULL

#endif

const struct engine engine_dpdk_interp = {
	.name = "dpdk-interp",
	.init = dpdk_init,
	.load = interp_load,
	.run = interp_run,
	.measure = interp_measure,
	.unload = dpdk_unload,
};

const struct engine engine_dpdk_jit = {
	.name = "dpdk-jit",
	.init = dpdk_init,
	.load = jit_load,
	.run = jit_run,
	.measure = jit_measure,
	.unload = dpdk_unload,
};
