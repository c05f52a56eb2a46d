/* SPDX-License-Identifier: MIT */
/*
 * test_cbpf_golden.c - classic BPF against two independent references:
 *  1. golden: for every expression x capture in ../shared/cbpf/expected/
 *     counts.tsv, libpcap compiles the expression for the capture's link
 *     type, bpfvm checks and runs it on every packet, and the match count
 *     must equal tcpdump's recorded count;
 *  2. differential: on the same packets, bpfvm_cbpf_run's return value
 *     must equal libpcap's own interpreter (pcap_offline_filter ->
 *     bpf_filter) for every packet.
 * One check of each kind per pair. Runs from the repo root (../shared).
 *  3. random differential: random programs the checker accepts, built from
 *     the opcodes whose semantics libpcap's bpf_filter and the kernel share,
 *     run on random packets by both interpreters. Left out, because the two
 *     references differ there on purpose: ancillary loads and negative
 *     offsets (kernel-only), shifts by X (the kernel masks X to 5 bits,
 *     libpcap yields 0 for X >= 32) and indexed loads whose X + k wraps
 *     (kernel: signed 32-bit offset; libpcap: out of bounds). To keep X
 *     small, X comes only from ldx #imm, ldx #len and ldxb msh.
 */
#include <pcap/pcap.h>
#include <stdlib.h>

#include "bpfvm/cbpf.h"
#include "test.h"

#define SHARED "../shared"

struct pkt {
	struct pcap_pkthdr h;
	u_char *data;
};

struct capture {
	char name[256];
	pcap_t *p;
	struct pkt *pkts;
	size_t n;
};

static struct capture caps[64];
static size_t ncaps;
static unsigned long packet_runs;

static struct capture *get_capture(const char *name)
{
	char path[512], errbuf[PCAP_ERRBUF_SIZE];

	for (size_t i = 0; i < ncaps; i++)
		if (!strcmp(caps[i].name, name))
			return caps[i].p ? &caps[i] : NULL;
	if (ncaps == sizeof(caps) / sizeof(caps[0]))
		return NULL;
	struct capture *c = &caps[ncaps++];
	snprintf(c->name, sizeof(c->name), "%s", name);
	snprintf(path, sizeof(path), SHARED "/pcap/%s", name);
	c->p = pcap_open_offline(path, errbuf);
	if (!c->p) {
		fprintf(stderr, "%s\n", errbuf);
		return NULL;
	}
	struct pcap_pkthdr *h;
	const u_char *d;
	size_t cap = 0;
	while (pcap_next_ex(c->p, &h, &d) == 1) {
		if (c->n == cap) {
			cap = cap ? 2 * cap : 64;
			c->pkts = realloc(c->pkts, cap * sizeof(*c->pkts));
		}
		c->pkts[c->n].h = *h;
		c->pkts[c->n].data = malloc(h->caplen ? h->caplen : 1);
		memcpy(c->pkts[c->n].data, d, h->caplen);
		c->n++;
	}
	return c;
}

static void run_pair(const char *id, const char *expr, const char *pcapname,
		     unsigned long want, unsigned *golden_ok, unsigned *diff_ok)
{
	struct capture *c = get_capture(pcapname);
	struct bpf_program bp;
	char err[256];

	if (!c) {
		CHECK_MSG(0, "%s: cannot read %s", id, pcapname);
		return;
	}
	if (pcap_compile(c->p, &bp, expr, 1, PCAP_NETMASK_UNKNOWN) < 0) {
		CHECK_MSG(0, "%s %s: libpcap: %s", id, pcapname, pcap_geterr(c->p));
		return;
	}
	const struct sock_filter *prog = (const struct sock_filter *)bp.bf_insns;
	int rc = bpfvm_cbpf_check(prog, bp.bf_len, BPFVM_CBPF_SOCKET_FILTER, err, sizeof(err));
	CHECK_MSG(rc == 0, "%s: checker rejects libpcap's program: %s", id, err);
	if (rc) {
		pcap_freecode(&bp);
		return;
	}
	struct bpfvm_cbpf_ctx ctx;
	memset(&ctx, 0, sizeof(ctx));
	unsigned long got = 0, diffs = 0;
	for (size_t i = 0; i < c->n; i++) {
		ctx.data = c->pkts[i].data;
		ctx.len = c->pkts[i].h.caplen;
		ctx.wire_len = c->pkts[i].h.len;
		uint32_t r = bpfvm_cbpf_run(prog, bp.bf_len, &ctx);
		uint32_t ref = (uint32_t)pcap_offline_filter(&bp, &c->pkts[i].h, c->pkts[i].data);
		got += r != 0;
		packet_runs++;
		if (r != ref && diffs++ < 3)
			fprintf(stderr, "%s %s packet %zu: bpfvm %u, libpcap %u\n",
				id, pcapname, i + 1, r, ref);
	}
	CHECK_MSG(got == want, "%s '%s' %s: %lu matched, tcpdump %lu", id, expr, pcapname, got, want);
	CHECK_MSG(diffs == 0, "%s '%s' %s: %lu packets differ from libpcap", id, expr, pcapname, diffs);
	*golden_ok += got == want;
	*diff_ok += diffs == 0;
	pcap_freecode(&bp);
}

static uint64_t rng = 0x2545f4914f6cdd1dull;
static uint32_t rnd(void)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return (uint32_t)((rng * 0x2545f4914f6cdd1dull) >> 32);
}

/* Interesting constants more often than uniform ones. */
static uint32_t rnd_k(void)
{
	static const uint32_t ks[] = { 0, 1, 2, 4, 12, 14, 23, 31, 0x800, 0x86dd,
				       0xff, 0xffff, 0x7fffffff, 0x80000000, 0xffffffff };
	switch (rnd() % 3) {
	case 0: return ks[rnd() % (sizeof(ks) / sizeof(ks[0]))];
	case 1: return rnd() % 80;
	default: return rnd();
	}
}

static void random_differential(void)
{
	static const uint16_t alu[] = {
		BPF_ALU|BPF_ADD|BPF_K, BPF_ALU|BPF_ADD|BPF_X, BPF_ALU|BPF_SUB|BPF_K, BPF_ALU|BPF_SUB|BPF_X,
		BPF_ALU|BPF_MUL|BPF_K, BPF_ALU|BPF_MUL|BPF_X, BPF_ALU|BPF_DIV|BPF_K, BPF_ALU|BPF_DIV|BPF_X,
		BPF_ALU|BPF_MOD|BPF_K, BPF_ALU|BPF_MOD|BPF_X, BPF_ALU|BPF_AND|BPF_K, BPF_ALU|BPF_AND|BPF_X,
		BPF_ALU|BPF_OR|BPF_K, BPF_ALU|BPF_OR|BPF_X, BPF_ALU|BPF_XOR|BPF_K, BPF_ALU|BPF_XOR|BPF_X,
		BPF_ALU|BPF_LSH|BPF_K, BPF_ALU|BPF_RSH|BPF_K, BPF_ALU|BPF_NEG,
		BPF_LD|BPF_W|BPF_ABS, BPF_LD|BPF_H|BPF_ABS, BPF_LD|BPF_B|BPF_ABS,
		BPF_LD|BPF_W|BPF_IND, BPF_LD|BPF_H|BPF_IND, BPF_LD|BPF_B|BPF_IND,
		BPF_LD|BPF_W|BPF_LEN, BPF_LD|BPF_IMM, BPF_LD|BPF_MEM, BPF_LDX|BPF_W|BPF_LEN,
		BPF_LDX|BPF_B|BPF_MSH, BPF_LDX|BPF_IMM, BPF_ST, BPF_STX, BPF_MISC|BPF_TXA,
		BPF_JMP|BPF_JA, BPF_JMP|BPF_JEQ|BPF_K, BPF_JMP|BPF_JEQ|BPF_X, BPF_JMP|BPF_JGT|BPF_K,
		BPF_JMP|BPF_JGT|BPF_X, BPF_JMP|BPF_JGE|BPF_K, BPF_JMP|BPF_JGE|BPF_X,
		BPF_JMP|BPF_JSET|BPF_K, BPF_JMP|BPF_JSET|BPF_X, BPF_RET|BPF_K, BPF_RET|BPF_A,
	};
	struct bpf_insn prog[32];
	uint8_t pkt[96];
	unsigned accepted = 0, runs = 0, diffs = 0;
	char err[256];

	for (int iter = 0; iter < 3000; iter++) {
		size_t n = 2 + rnd() % 30;
		for (size_t i = 0; i < n; i++) {
			uint16_t c = alu[rnd() % (sizeof(alu) / sizeof(alu[0]))];
			size_t room = n - i - 1;
			prog[i].code = c;
			prog[i].k = rnd_k();
			prog[i].jt = prog[i].jf = 0;
			if (c == (BPF_LDX|BPF_IMM))
				prog[i].k = rnd() % 100;
			if (c == BPF_ST || c == BPF_STX || c == (BPF_LD|BPF_MEM))
				prog[i].k = rnd() % 4;
			if (c == (BPF_ALU|BPF_LSH|BPF_K) || c == (BPF_ALU|BPF_RSH|BPF_K))
				prog[i].k = rnd() % 32;
			if (BPF_CLASS(c) == BPF_LD && (BPF_MODE(c) == BPF_ABS || BPF_MODE(c) == BPF_IND))
				prog[i].k = rnd() % 100; /* around the packet end */
			if (c == (BPF_LDX|BPF_B|BPF_MSH))
				prog[i].k = rnd() % 100;
			if (c == (BPF_JMP|BPF_JA))
				prog[i].k = room ? rnd() % room : 0;
			else if (BPF_CLASS(c) == BPF_JMP) {
				prog[i].jt = (uint8_t)(room ? rnd() % room : 0);
				prog[i].jf = (uint8_t)(room ? rnd() % room : 0);
			}
		}
		prog[n - 1].code = (rnd() & 1) ? BPF_RET|BPF_A : BPF_RET|BPF_K;
		const struct sock_filter *sf = (const struct sock_filter *)prog;
		if (bpfvm_cbpf_check(sf, n, BPFVM_CBPF_SOCKET_FILTER, err, sizeof(err)))
			continue;
		accepted++;
		struct bpf_program bp = { (u_int)n, prog };
		for (int j = 0; j < 20; j++) {
			struct pcap_pkthdr h;
			memset(&h, 0, sizeof(h));
			h.caplen = rnd() % sizeof(pkt);
			h.len = h.caplen + (rnd() & 1 ? rnd() % 1500 : 0);
			for (size_t b = 0; b < sizeof(pkt); b++)
				pkt[b] = (uint8_t)rnd();
			struct bpfvm_cbpf_ctx ctx;
			memset(&ctx, 0, sizeof(ctx));
			ctx.data = pkt;
			ctx.len = h.caplen;
			ctx.wire_len = h.len;
			uint32_t r = bpfvm_cbpf_run(sf, n, &ctx);
			uint32_t ref = (uint32_t)pcap_offline_filter(&bp, &h, pkt);
			runs++;
			if (r != ref && diffs++ < 3)
				fprintf(stderr, "random program %d (%zu insns) packet %d: bpfvm 0x%x, libpcap 0x%x\n",
					iter, n, j, r, ref);
		}
	}
	CHECK_MSG(accepted > 300, "only %u random programs accepted", accepted);
	CHECK_MSG(diffs == 0, "%u of %u random runs differ from libpcap", diffs, runs);
	printf("random differential: %u programs accepted, %u runs, %u differ\n", accepted, runs, diffs);
}

int main(void)
{
	FILE *f;
	char line[4096];
	unsigned pairs = 0, golden_ok = 0, diff_ok = 0;

	random_differential();
	f = fopen(SHARED "/cbpf/expected/counts.tsv", "r");

	if (!f) {
		SKIP("no " SHARED "/cbpf/expected/counts.tsv (run from the repo root)");
		return test_summary();
	}
	while (fgets(line, sizeof(line), f)) {
		char *fields[5], *s = line;
		int n = 0;

		line[strcspn(line, "\r\n")] = '\0';
		while (n < 5) {
			fields[n++] = s;
			s = strchr(s, '\t');
			if (!s)
				break;
			*s++ = '\0';
		}
		if (n != 5 || !strcmp(fields[0], "id"))
			continue;
		pairs++;
		run_pair(fields[0], fields[2], fields[3], strtoul(fields[4], NULL, 10),
			 &golden_ok, &diff_ok);
	}
	fclose(f);
	CHECK_MSG(pairs == 3003, "counts.tsv has %u pairs, README says 3003", pairs);
	printf("golden: %u/%u pairs match tcpdump; differential: %u/%u pairs agree with libpcap"
	       " (%lu packet runs)\n", golden_ok, pairs, diff_ok, pairs, packet_runs);
	for (size_t i = 0; i < ncaps; i++) {
		for (size_t j = 0; j < caps[i].n; j++)
			free(caps[i].pkts[j].data);
		free(caps[i].pkts);
		if (caps[i].p)
			pcap_close(caps[i].p);
	}
	return test_summary();
}
