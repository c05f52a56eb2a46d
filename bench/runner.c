/* SPDX-License-Identifier: MIT */
/*
 * runner.c - bpfvm's benchmark runner (`make bench`): runs every benchmark
 * program through every engine side by side, in one process pinned to one
 * core, checks that all engines return the same r0 as the native build for
 * every input, times each (bench, engine) pair as the best of N repetitions
 * of at least T ms each, and hands the results to report.c.
 *
 * usage: runner [options] BENCH...
 *   -p DIR   compiled programs (DIR/NAME.o, DIR/NAME-loop.o)   [out/bpf]
 *   -c DIR   pcap directory for the input set           [../../shared/pcap]
 *   -o FILE  JSON lines output, written fresh         [out/results.jsonl]
 *   -t MS    minimum time per repetition                            [200]
 *   -r N     repetitions, the best is kept                            [5]
 *   -n N     frames taken from each capture                           [8]
 *   -e LIST  engines to run, comma-separated                        [all]
 *   -K HOOK  the kernel engine's hook: tc or xdp                     [tc]
 *   -k CLOCK wall (CLOCK_MONOTONIC) or cpu (CLOCK_THREAD_CPUTIME_ID, which
 *            leaves out time the runner spent descheduled: for busy
 *            machines); the kernel engine always reports its own figure [wall]
 * Exit status: 0 when all results agree, 1 on any mismatch or engine error
 * (the 2x target is reported, not enforced). Each (bench, engine)
 * pair runs in a child process, so a crashing engine is one error cell.
 */
#include "elfprog.h"
#include "engine.h"
#include "pkts.h"
#include "report.h"

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_INPUTS 512

static const struct engine *const all_engines[] = {
	&engine_bpfvm, &engine_bpfvm_checked, &engine_dpdk_interp,
	&engine_dpdk_jit, &engine_kernel, &engine_native,
};
#define NR_ENGINES (sizeof(all_engines) / sizeof(all_engines[0]))

struct opts {
	const char *progs, *pcaps, *out, *engines;
	unsigned min_ms, reps, per_file;
	int cpu_clock;
};

static int failures;

uint64_t bench_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static uint64_t cpu_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

void stamp_start(struct stamp *t)
{
	t->cpu = cpu_now_ns();
	t->wall = bench_now_ns();
}

void stamp_end(const struct stamp *t, struct measurement *m)
{
	m->wall_ns = (double)(bench_now_ns() - t->wall);
	m->cpu_ns = (double)(cpu_now_ns() - t->cpu);
}

/* Run on one core: the last one this process may use (CPU 0 takes most
 * interrupts). The kernel's test runs execute in this thread, so they are
 * pinned as well. */
static int pin_cpu(void)
{
	cpu_set_t set;
	int cpu = -1;

	if (sched_getaffinity(0, sizeof(set), &set))
		return -1;
	for (int i = 0; i < CPU_SETSIZE; i++)
		if (CPU_ISSET(i, &set))
			cpu = i;
	if (cpu < 0)
		return -1;
	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	if (sched_setaffinity(0, sizeof(set), &set))
		return -1;
	return cpu;
}

static int read_int_file(const char *path)
{
	FILE *f = fopen(path, "r");
	int v = -1;

	if (f) {
		if (fscanf(f, "%d", &v) != 1)
			v = -1;
		fclose(f);
	}
	return v;
}

static int engine_selected(const char *list, const char *name)
{
	size_t n = strlen(name);

	if (!list)
		return 1;
	for (const char *p = list; *p;) {
		const char *e = strchr(p, ',');
		size_t len = e ? (size_t)(e - p) : strlen(p);

		if (len == n && !strncmp(p, name, n))
			return 1;
		p += len + (e ? 1 : 0);
	}
	return 0;
}

static int load_code(const struct opts *o, const char *base, int loop,
		     struct bench_code *c)
{
	char path[4096], err[512];

	memset(c, 0, sizeof(*c));
	c->base = base;
	c->loop = loop;
	snprintf(path, sizeof(path), "%s/%s%s.o", o->progs, base, loop ? "-loop" : "");
	if (elfprog_read(path, "bench", &c->insns, &c->cnt, err, sizeof(err)) ||
	    elfprog_read(path, kernel_use_xdp ? "xdp" : "tc", &c->kern, &c->kern_cnt,
			 err, sizeof(err))) {
		fprintf(stderr, "runner: %s\n", err);
		free(c->insns);
		return -1;
	}
	c->native = bench_native_lookup(base);
	if (!c->native) {
		fprintf(stderr, "runner: no native build registered for '%s'\n", base);
		free(c->insns);
		free(c->kern);
		return -1;
	}
	return 0;
}

/* Every input through the engine once; r0 must equal the native result
 * (the kernel's retval is 32 bits; the programs return 32-bit values). */
static int verify(const struct engine *e, void *h, const struct bench_code *c,
		  const struct bench_set *s, const char *row)
{
	int bad = 0;
	char err[512];

	for (size_t i = 0; i < s->n; i++) {
		uint64_t want = c->native(s->bufs[i]), got = 0;
		int rc = e->run(h, s->bufs[i], &got, err, sizeof(err));

		if (rc) {
			fprintf(stderr, "\n*** ERROR %s on %s: input %s: %s\n", e->name, row,
				s->origin[i], err);
			return -1;
		}
		if (got != want) {
			if (bad < 5)
				fprintf(stderr, "\n*** MISMATCH %s on %s: input %s: r0 = %#llx, "
					"native = %#llx\n", e->name, row, s->origin[i],
					(unsigned long long)got, (unsigned long long)want);
			bad++;
		}
	}
	if (bad)
		fprintf(stderr, "*** MISMATCH %s on %s: %d of %zu inputs differ\n",
			e->name, row, bad, s->n);
	return bad ? 1 : 0;
}

/* Find `rounds` (passes over the input set) so that one repetition takes at
 * least min_ms, then keep the best of `reps` repetitions. */
static int time_engine(const struct engine *e, void *h, const struct bench_set *s,
		       const struct opts *o, struct result *res)
{
	double target = o->min_ms * 1e6, runs, ns, t, grow;
	struct measurement m;
	uint64_t rounds = 1;
	char err[512];

	/* Scale up until one pass takes a tenth of the target; the kernel's
	 * timed part is its own figure (the rest is syscall and setup). */
	for (;;) {
		memset(&m, 0, sizeof(m));
		if (e->measure(h, s, rounds, &m, err, sizeof(err)))
			goto fail;
		t = m.own_ns_per_run > 0 ? m.own_ns_per_run * (double)rounds * (double)s->n :
		    m.wall_ns;
		if (t >= target / 10 || m.wall_ns >= 2 * target || rounds >= (1ull << 40))
			break;
		grow = t > 0 ? target / 5 / t : 16;
		rounds = (uint64_t)ceil((double)rounds * (grow < 2 ? 2 : grow > 1e4 ? 1e4 : grow));
	}
	rounds = (uint64_t)ceil((double)rounds * target / (t > 1 ? t : 1));
	runs = (double)rounds * (double)s->n;
	res->ns = INFINITY;
	for (unsigned r = 0; r < o->reps; r++) {
		memset(&m, 0, sizeof(m));
		if (e->measure(h, s, rounds, &m, err, sizeof(err)))
			goto fail;
		ns = m.own_ns_per_run > 0 ? m.own_ns_per_run :
		     (o->cpu_clock ? m.cpu_ns : m.wall_ns) / runs;
		if (ns < res->ns) {
			res->ns = ns;
			res->wall_ns = m.wall_ns / runs;
			res->cpu_ns = m.cpu_ns / runs;
			/* descheduled for more than 5% of the repetition */
			res->busy = m.own_ns_per_run <= 0 && !o->cpu_clock &&
				    m.wall_ns > 1.05 * m.cpu_ns;
		}
	}
	res->runs = rounds * s->n;
	return 0;
fail:
	fprintf(stderr, "\n*** ERROR %s: %s\n", e->name, err);
	return -1;
}

/* Load, check and time one engine on one benchmark, filling *res. */
static void run_pair(const struct engine *e, const struct bench_code *c,
		     const struct bench_set *s, const struct opts *o,
		     struct result *res)
{
	char err[1024];
	uint64_t t0;
	void *h;
	int v;

	t0 = bench_now_ns();
	if (e->load(c, &h, err, sizeof(err))) {
		fprintf(stderr, "\n*** ERROR %s cannot load %s: %s\n", e->name, c->name, err);
		res->status = RES_ERROR;
		return;
	}
	res->load_ms = (double)(bench_now_ns() - t0) / 1e6;
	v = verify(e, h, c, s, c->name);
	if (v < 0) {
		res->status = RES_ERROR;
	} else {
		if (v > 0)
			res->status = RES_MISMATCH;
		if (time_engine(e, h, s, o, res))
			res->status = RES_ERROR;
	}
	e->unload(h);
}

/* run_pair() in a child process, so that an engine that crashes (say, an
 * interpreter under development) costs one cell of the table, not the run.
 * The child inherits the CPU pinning and hands its result back in a pipe. */
static void run_pair_isolated(const struct engine *e, const struct bench_code *c,
			      const struct bench_set *s, const struct opts *o,
			      struct result *res)
{
	struct result out = *res;
	int fds[2], status = 0;
	ssize_t n = 0;
	pid_t pid;

	fflush(stdout);
	fflush(stderr);
	if (pipe(fds) || (pid = fork()) < 0) {
		fprintf(stderr, "runner: pipe/fork: %s; running %s in-process\n",
			strerror(errno), e->name);
		run_pair(e, c, s, o, res);
		return;
	}
	if (pid == 0) {
		close(fds[0]);
		run_pair(e, c, s, o, &out);
		fflush(stderr);
		_exit(write(fds[1], &out, sizeof(out)) == (ssize_t)sizeof(out) ? 0 : 1);
	}
	close(fds[1]);
	while ((n = read(fds[0], &out, sizeof(out))) < 0 && errno == EINTR)
		;
	close(fds[0]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (n == (ssize_t)sizeof(out) && WIFEXITED(status) && WEXITSTATUS(status) == 0) {
		out.engine = res->engine;	/* a pointer: same in both processes */
		*res = out;
		return;
	}
	if (WIFSIGNALED(status))
		fprintf(stderr, "\n*** ERROR %s crashed on %s: %s\n", e->name, c->name,
			strsignal(WTERMSIG(status)));
	else
		fprintf(stderr, "\n*** ERROR %s on %s: no result from the child process\n",
			e->name, c->name);
	res->status = RES_ERROR;
}

static void bench_one(const struct opts *o, struct report *rep, const char *base,
		      int loop, const struct bench_set *s)
{
	struct bench_code c;
	char row[48];

	snprintf(row, sizeof(row), "%s%s", base, loop ? "-loop" : "");
	if (rep->nr_rows == sizeof(rep->rows) / sizeof(rep->rows[0])) {
		fprintf(stderr, "runner: too many benchmarks, %s left out\n", row);
		failures++;
		return;
	}
	if (load_code(o, base, loop, &c)) {
		failures++;
		return;
	}
	c.name = row;
	snprintf(rep->rows[rep->nr_rows++], sizeof(rep->rows[0]), "%s", row);
	printf("%-12s", row);
	for (size_t i = 0; i < rep->nr_engines; i++) {
		const struct engine *e = all_engines[i];
		struct result *res;

		if (!rep->avail[i] || (loop && !e->runs_loops))
			continue;
		/* native code is the same for both variants: measured once */
		if (loop && e == &engine_native)
			continue;
		res = report_add(rep);
		snprintf(res->bench, sizeof(res->bench), "%s", row);
		res->engine = e->name;
		res->loop = loop;
		res->insns = e == &engine_kernel ? c.kern_cnt :
			     e == &engine_native ? 0 : c.cnt;
		run_pair_isolated(e, &c, s, o, res);
		failures += res->status != RES_OK;
		printf(" %s", e->name);
		fflush(stdout);
	}
	printf("\n");
	free(c.insns);
	free(c.kern);
}

static void usage(void)
{
	fprintf(stderr, "usage: runner [-p progdir] [-c pcapdir] [-o out.jsonl] [-t ms] "
		"[-r reps] [-n frames-per-capture] [-e engine,...] [-k wall|cpu] [-K tc|xdp] BENCH...\n");
	exit(2);
}

int main(int argc, char **argv)
{
	struct opts o = {
		.progs = "out/bpf", .pcaps = "../../shared/pcap",
		.out = "out/results.jsonl", .min_ms = 200, .reps = 5, .per_file = 8,
	};
	struct report rep;
	struct bench_set set;
	char err[512];
	time_t now = time(NULL);
	int c;

	while ((c = getopt(argc, argv, "p:c:o:t:r:n:e:k:K:h")) != -1) {
		switch (c) {
		case 'p': o.progs = optarg; break;
		case 'c': o.pcaps = optarg; break;
		case 'o': o.out = optarg; break;
		case 't': o.min_ms = (unsigned)atoi(optarg); break;
		case 'r': o.reps = (unsigned)atoi(optarg); break;
		case 'n': o.per_file = (unsigned)atoi(optarg); break;
		case 'e': o.engines = optarg; break;
		case 'K':
			if (strcmp(optarg, "tc") && strcmp(optarg, "xdp"))
				usage();
			kernel_use_xdp = !strcmp(optarg, "xdp");
			break;
		case 'k':
			if (strcmp(optarg, "wall") && strcmp(optarg, "cpu"))
				usage();
			o.cpu_clock = !strcmp(optarg, "cpu");
			break;
		default: usage();
		}
	}
	if (optind >= argc || !o.min_ms || !o.reps || !o.per_file)
		usage();

	memset(&rep, 0, sizeof(rep));
	rep.kernel_overhead = -1;
	rep.min_ms = o.min_ms;
	rep.clock = o.cpu_clock ? "cpu" : "wall";
	rep.kernel_hook = kernel_use_xdp ? "xdp" : "tc";
	if (getloadavg(&rep.load_avg, 1) != 1)
		rep.load_avg = -1;
	rep.reps = (int)o.reps;
	rep.jit_enable = read_int_file("/proc/sys/net/core/bpf_jit_enable");
	strftime(rep.timestamp, sizeof(rep.timestamp), "%Y-%m-%dT%H:%M:%SZ", gmtime(&now));
	rep.cpu = pin_cpu();
	if (rep.cpu < 0)
		fprintf(stderr, "runner: warning: cannot pin to one CPU: %s\n", strerror(errno));

	if (pkts_load(o.pcaps, o.per_file, MAX_INPUTS, &set, &rep.files, err, sizeof(err))) {
		fprintf(stderr, "runner: input set: %s\n", err);
		return 1;
	}
	rep.inputs = set.n;

	for (size_t i = 0; i < NR_ENGINES; i++) {
		const struct engine *e = all_engines[i];

		rep.engines[rep.nr_engines] = e->name;
		if (engine_selected(o.engines, e->name)) {
			if (e->init(err, sizeof(err)) == 0)
				rep.avail[rep.nr_engines] = 1;
			else
				printf("skipping %s: %s\n", e->name, err);
		}
		rep.nr_engines++;
	}

	printf("measuring (%zu inputs, CPU %d, best of %u x >= %u ms):\n",
	       set.n, rep.cpu, o.reps, o.min_ms);
	for (int i = optind; i < argc; i++) {
		bench_one(&o, &rep, argv[i], 0, &set);
		/* the loop build differs only where there are loops */
		if (strcmp(argv[i], "empty"))
			bench_one(&o, &rep, argv[i], 1, &set);
	}
	{
		const struct result *k = report_find(&rep, "empty", "kernel");

		if (k && k->status == RES_OK)
			rep.kernel_overhead = k->ns;
	}

	report_table(&rep);
	report_target(&rep);
	if (report_json(&rep, o.out))
		failures++;
	else
		printf("\nresults: %s\n", o.out);
	pkts_free(&set);
	free(rep.res);
	if (failures) {
		fprintf(stderr, "\n*** %d error(s): see the messages marked *** above\n", failures);
		return 1;
	}
	return 0;
}
