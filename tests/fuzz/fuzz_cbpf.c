/* SPDX-License-Identifier: MIT */
/*
 * fuzz_cbpf.c - libFuzzer target for the classic BPF checker and
 * interpreter. Input: byte 0 selects the flavor (bit 0: seccomp) and
 * bits 1..7 the packet length (0..127); bytes 1..4 seed the net offset
 * and metadata; then the packet bytes; the rest is struct sock_filter[].
 * Every program goes through bpfvm_cbpf_check(); accepted ones run on the
 * packet (classic BPF jumps only forward, so a run ends). The checker must
 * answer 0 or -EINVAL with a message naming an instruction; crashing,
 * hanging or reading outside the buffers (ASan) is a bug.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bpfvm/cbpf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bpfvm_cbpf_ctx ctx;
	char err[256];
	uint64_t rs;

	if (size < 5)
		return 0;
	int seccomp = data[0] & 1;
	size_t plen = data[0] >> 1;
	if (seccomp)
		plen = 64;
	data++, size--;
	uint32_t seed;
	memcpy(&seed, data, 4);
	data += 4, size -= 4;
	if (plen > size)
		plen = size;
	/* own copies so ASan sees exact bounds */
	uint8_t *pkt = malloc(plen ? plen : 1);
	memcpy(pkt, data, plen);
	data += plen, size -= plen;
	size_t n = size / sizeof(struct sock_filter);
	struct sock_filter *prog = malloc((n ? n : 1) * sizeof(*prog));
	memcpy(prog, data, n * sizeof(*prog));

	enum bpfvm_cbpf_flavor fl = seccomp ? BPFVM_CBPF_SECCOMP : BPFVM_CBPF_SOCKET_FILTER;
	int rc = bpfvm_cbpf_check(prog, n, fl, err, sizeof(err));
	if (rc != 0 && (rc != -EINVAL || !err[0]))
		abort();
	memset(&ctx, 0, sizeof(ctx));
	ctx.data = pkt;
	ctx.len = (uint32_t)plen;
	ctx.wire_len = seed >> 16;
	ctx.net_off = seed & 0xff;
	ctx.flavor = fl;
	ctx.no_dev = (seed >> 8) & 1;
	rs = seed;
	ctx.rand_state = &rs;
	ctx.protocol = (uint16_t)seed;
	/* accepted programs are what matters; rejected ones run too, since
	 * bpfvm_cbpf_run promises not to crash on unchecked input */
	(void)bpfvm_cbpf_run(prog, n, &ctx);
	free(prog);
	free(pkt);
	return 0;
}
