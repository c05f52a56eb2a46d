/* SPDX-License-Identifier: MIT */
/*
 * cmd_filter.c - `bpfvm filter EXPR FILE [-w OUT] [--count]`: compiles a
 * pcap filter expression with libpcap (we do not write our own expression
 * compiler), checks the classic program with bpfvm's kernel-rules checker
 * and runs it with bpfvm's classic interpreter on every packet of a pcap
 * or pcapng file, counting (and optionally writing) the matches.
 *
 * This file does not include cmds.h: libpcap's struct bpf_insn (classic)
 * and <linux/bpf.h>'s struct bpf_insn (eBPF) share a name.
 */
#include <pcap/pcap.h>
#include <stdio.h>
#include <string.h>

#include "bpfvm/cbpf.h"

enum { F_OK = 0, F_FAIL = 1, F_USAGE = 2 };

int cmd_filter(int argc, char **argv);

_Static_assert(sizeof(struct bpf_insn) == sizeof(struct sock_filter),
	       "libpcap's classic insn is the kernel's struct sock_filter");

static void usage(FILE *f)
{
	fprintf(f, "Usage: bpfvm filter EXPR FILE.pcap [-w OUT.pcap] [--count]\n"
		   "  Compile EXPR with libpcap for FILE's link type, run it with bpfvm's\n"
		   "  classic BPF interpreter on every packet and print how many matched.\n"
		   "  -w OUT    write the matching packets to OUT (pcap)\n"
		   "  --count   print only the number\n");
}

/* Where the network header starts for the link types we know (SKF_NET_OFF). */
static uint32_t net_offset(int dlt)
{
	switch (dlt) {
	case DLT_EN10MB:    return 14;
	case DLT_LINUX_SLL: return 16;
	case DLT_NULL:      return 4;
	case DLT_PPP:       return 4;
	default:            return 0;
	}
}

int cmd_filter(int argc, char **argv)
{
	const char *expr = NULL, *file = NULL, *out = NULL;
	int count_only = 0, nargs = 0;
	char errbuf[PCAP_ERRBUF_SIZE];
	char cerr[256];

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			usage(stdout);
			return F_OK;
		} else if (!strcmp(argv[i], "--count")) {
			count_only = 1;
		} else if (!strcmp(argv[i], "-w")) {
			if (++i >= argc) {
				usage(stderr);
				return F_USAGE;
			}
			out = argv[i];
		} else if (argv[i][0] == '-' && argv[i][1] && nargs < 2 &&
			   strcmp(argv[i], "--")) {
			fprintf(stderr, "bpfvm filter: unknown option '%s'\n", argv[i]);
			usage(stderr);
			return F_USAGE;
		} else if (nargs == 0) {
			expr = argv[i], nargs++;
		} else if (nargs == 1) {
			file = argv[i], nargs++;
		} else {
			usage(stderr);
			return F_USAGE;
		}
	}
	if (nargs != 2) {
		usage(stderr);
		return F_USAGE;
	}

	pcap_t *p = pcap_open_offline(file, errbuf);
	if (!p) {
		fprintf(stderr, "bpfvm filter: %s\n", errbuf);
		return F_FAIL;
	}
	struct bpf_program bp;
	if (pcap_compile(p, &bp, expr, 1, PCAP_NETMASK_UNKNOWN) < 0) {
		fprintf(stderr, "bpfvm filter: %s\n", pcap_geterr(p));
		pcap_close(p);
		return F_FAIL;
	}
	const struct sock_filter *prog = (const struct sock_filter *)bp.bf_insns;
	size_t len = bp.bf_len;
	if (bpfvm_cbpf_check(prog, len, BPFVM_CBPF_SOCKET_FILTER, cerr, sizeof(cerr))) {
		fprintf(stderr, "bpfvm filter: libpcap's program rejected: %s\n", cerr);
		pcap_freecode(&bp);
		pcap_close(p);
		return F_FAIL;
	}
	pcap_dumper_t *d = NULL;
	if (out && !(d = pcap_dump_open(p, out))) {
		fprintf(stderr, "bpfvm filter: %s\n", pcap_geterr(p));
		pcap_freecode(&bp);
		pcap_close(p);
		return F_FAIL;
	}

	struct bpfvm_cbpf_ctx ctx;
	memset(&ctx, 0, sizeof(ctx));
	ctx.net_off = net_offset(pcap_datalink(p));
	struct pcap_pkthdr *h;
	const u_char *data;
	unsigned long matched = 0, npkts = 0;
	int rc, ret = F_OK;
	while ((rc = pcap_next_ex(p, &h, &data)) == 1) {
		npkts++;
		ctx.data = data;
		ctx.len = h->caplen;
		ctx.wire_len = h->len; /* what libpcap's bpf_filter() calls wirelen */
		if (bpfvm_cbpf_run(prog, len, &ctx)) {
			matched++;
			if (d)
				pcap_dump((u_char *)d, h, data);
		}
	}
	if (rc == PCAP_ERROR) {
		/* the packets read before the damage still count */
		FILE *fp = pcap_file(p);
		long off = fp ? ftell(fp) : -1;
		fprintf(stderr, "bpfvm filter: %s: %s (near byte offset %ld, after %lu packets, %lu matched)\n",
			file, pcap_geterr(p), off, npkts, matched);
		ret = F_FAIL;
	}
	if (count_only)
		printf("%lu\n", matched);
	else
		printf("%lu packets matched\n", matched);
	if (d)
		pcap_dump_close(d);
	pcap_freecode(&bp);
	pcap_close(p);
	return ret;
}
