/* SPDX-License-Identifier: MIT */
/*
 * pkts.h - the benchmark input set: real Ethernet frames read with libpcap
 * from the shared captures, one struct bench_buf each.
 */
#ifndef BENCH_PKTS_H
#define BENCH_PKTS_H

#include "engine.h"

/* Read up to `per_file` Ethernet frames (at least 14 bytes; longer than
 * BENCH_PKT_MAX truncated, as a snap length would) from every *.pcap and
 * *.pcapng file of `dir`, in name order, at most `max` in all. Returns 0 or
 * -errno with a message in err. *files receives how many captures gave
 * frames. */
int pkts_load(const char *dir, size_t per_file, size_t max, struct bench_set *s,
	      size_t *files, char *err, size_t len);
void pkts_free(struct bench_set *s);

#endif
