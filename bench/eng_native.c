/* SPDX-License-Identifier: MIT */
/*
 * eng_native.c - the "native" engine: each benchmark's logic compiled by
 * clang -O2 for the host (out/native/NAME.o), called through a function
 * pointer so that it cannot be inlined into the timing loop. Its results are
 * also the reference every other engine is checked against. The host builds
 * register themselves from constructors (bench_native_register).
 */
#include "engine.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#define MAX_NATIVE 64

static struct {
	const char *name;
	bench_native_fn fn;
} natives[MAX_NATIVE];
static size_t nr_natives;

void bench_native_register(const char *name, bench_native_fn fn)
{
	if (nr_natives < MAX_NATIVE) {
		natives[nr_natives].name = name;
		natives[nr_natives].fn = fn;
		nr_natives++;
	}
}

bench_native_fn bench_native_lookup(const char *name)
{
	for (size_t i = 0; i < nr_natives; i++)
		if (!strcmp(natives[i].name, name))
			return natives[i].fn;
	return NULL;
}

static int native_init(char *why, size_t len)
{
	(void)why;
	(void)len;
	return 0;
}

static int native_load(const struct bench_code *c, void **h, char *err, size_t len)
{
	if (!c->native) {
		snprintf(err, len, "no host build of '%s'", c->base);
		return -ENOENT;
	}
	*h = (void *)c->native;
	return 0;
}

static int native_run(void *h, struct bench_buf *b, uint64_t *r0, char *err, size_t len)
{
	bench_native_fn fn = (bench_native_fn)h;

	(void)err;
	(void)len;
	*r0 = fn(b);
	return 0;
}

static int native_measure(void *h, const struct bench_set *s, uint64_t rounds,
			  struct measurement *m, char *err, size_t len)
{
	bench_native_fn volatile fnv = (bench_native_fn)h;
	bench_native_fn fn = fnv;	/* opaque to the optimiser */

	(void)err;
	(void)len;
	BENCH_TIMED_LOOP(s, rounds, m, fn(buf));
	return 0;
}

static void native_unload(void *h)
{
	(void)h;
}

const struct engine engine_native = {
	.name = "native",
	.runs_loops = 1,
	.init = native_init,
	.load = native_load,
	.run = native_run,
	.measure = native_measure,
	.unload = native_unload,
};
