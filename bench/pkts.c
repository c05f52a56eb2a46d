/* SPDX-License-Identifier: MIT */
/*
 * pkts.c - builds the input set from pcap files: every Ethernet capture in a
 * directory, in name order, contributes its first few frames, so that the
 * set mixes IPv4/IPv6, TCP/UDP/ICMP, VLAN/QinQ, ARP and LLDP as the shared
 * captures do. Each frame gets its own 64-byte aligned struct bench_buf.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE	/* asprintf, scandir */
#endif
#include "pkts.h"

#include <dirent.h>
#include <errno.h>
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int want_file(const struct dirent *d)
{
	size_t n = strlen(d->d_name);

	return (n > 5 && !strcmp(d->d_name + n - 5, ".pcap")) ||
	       (n > 7 && !strcmp(d->d_name + n - 7, ".pcapng"));
}

static int add_frame(struct bench_set *s, const uint8_t *data, uint32_t caplen,
		     const char *file, size_t idx)
{
	struct bench_buf *b;
	char *origin;

	b = aligned_alloc(64, (sizeof(*b) + 63) / 64 * 64);
	if (!b)
		return -ENOMEM;
	memset(b, 0, sizeof(*b));
	b->len = caplen > BENCH_PKT_MAX ? BENCH_PKT_MAX : caplen;
	memcpy(b->data, data, b->len);
	if (asprintf(&origin, "%s#%zu", file, idx) < 0) {
		free(b);
		return -ENOMEM;
	}
	s->bufs[s->n] = b;
	s->origin[s->n] = origin;
	s->n++;
	return 0;
}

int pkts_load(const char *dir, size_t per_file, size_t max, struct bench_set *s,
	      size_t *files, char *err, size_t len)
{
	char ebuf[PCAP_ERRBUF_SIZE], path[4096];
	struct dirent **names = NULL;
	int nr, ret = 0;

	memset(s, 0, sizeof(*s));
	*files = 0;
	s->bufs = calloc(max, sizeof(*s->bufs));
	s->origin = calloc(max, sizeof(*s->origin));
	if (!s->bufs || !s->origin) {
		snprintf(err, len, "out of memory");
		pkts_free(s);
		return -ENOMEM;
	}
	nr = scandir(dir, &names, want_file, alphasort);
	if (nr < 0) {
		ret = -errno;
		snprintf(err, len, "%s: %s", dir, strerror(errno));
		pkts_free(s);
		return ret;
	}
	for (int i = 0; i < nr; i++) {
		struct pcap_pkthdr *h;
		const u_char *data;
		size_t taken = 0, idx = 0;
		pcap_t *p;

		snprintf(path, sizeof(path), "%s/%s", dir, names[i]->d_name);
		p = pcap_open_offline(path, ebuf);
		if (!p)
			continue;	/* not a capture libpcap reads: skip */
		if (pcap_datalink(p) == DLT_EN10MB) {
			while (!ret && taken < per_file && s->n < max &&
			       pcap_next_ex(p, &h, &data) == 1) {
				idx++;
				if (h->caplen < 14)
					continue;
				ret = add_frame(s, data, h->caplen, names[i]->d_name, idx);
				taken++;
			}
		}
		pcap_close(p);
		if (taken)
			(*files)++;
	}
	for (int i = 0; i < nr; i++)
		free(names[i]);
	free(names);
	if (!ret && s->n == 0) {
		snprintf(err, len, "%s: no Ethernet frames in any capture", dir);
		ret = -ENOENT;
	}
	if (ret) {
		if (ret == -ENOMEM)
			snprintf(err, len, "out of memory");
		pkts_free(s);
	}
	return ret;
}

void pkts_free(struct bench_set *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free(s->bufs[i]);
		free(s->origin[i]);
	}
	free(s->bufs);
	free(s->origin);
	memset(s, 0, sizeof(*s));
}
