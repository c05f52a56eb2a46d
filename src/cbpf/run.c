/* SPDX-License-Identifier: MIT */
/*
 * run.c - the classic BPF interpreter: A and X (32 bits), M[16] scratch,
 * packet loads with the kernel's negative-offset areas (SKF_NET_OFF,
 * SKF_LL_OFF) and ancillary loads (SKF_AD_*). Semantics follow what the
 * kernel runs after bpf_convert_filter(): an out-of-bounds packet load or a
 * division/modulo by X == 0 ends the program with 0; shifts by X use the
 * low 5 bits (eBPF ALU32 semantics). The checker has vetted the program;
 * cheap guards still keep an unchecked one from reading outside it.
 */
#include <string.h>

#include "bpfvm/cbpf.h"
#include "cbpf/cbpf_int.h"

/*
 * Where a packet load of size bytes at signed offset k starts in the
 * packet, as bpf_internal_load_pointer_neg_helper() resolves it, or -1 if
 * any byte lies outside [0, len).
 */
static int64_t pkt_offset(const struct bpfvm_cbpf_ctx *ctx, int32_t k, uint32_t size)
{
	int64_t off;

	if (k >= 0)
		off = k;
	else if (k >= SKF_NET_OFF)
		off = (int64_t)ctx->net_off + ((int64_t)k - SKF_NET_OFF);
	else if (k >= SKF_LL_OFF)
		off = (int64_t)k - SKF_LL_OFF;
	else
		return -1;
	if (off < 0 || off + size > ctx->len)
		return -1;
	return off;
}

/* Big-endian packet load (network order, as classic BPF defines). */
static int load_pkt(const struct bpfvm_cbpf_ctx *ctx, int32_t k, uint32_t size,
		    uint32_t *out)
{
	int64_t off = pkt_offset(ctx, k, size);
	const uint8_t *p;

	if (off < 0)
		return -1;
	p = ctx->data + off;
	if (size == 4)
		*out = (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
	else if (size == 2)
		*out = (uint32_t)p[0] << 8 | p[1];
	else
		*out = p[0];
	return 0;
}

/* Netlink attribute walk of __skb_get_nlattr(): first attribute of type
 * want in [start, start + rem); returns its packet offset or 0. */
static uint32_t nla_find_off(const struct bpfvm_cbpf_ctx *ctx, uint64_t start,
			     int64_t rem, uint32_t want)
{
	while (rem >= 4) {
		uint16_t nla_len, nla_type;

		memcpy(&nla_len, ctx->data + start, 2);     /* host order */
		memcpy(&nla_type, ctx->data + start + 2, 2);
		if (nla_len < 4 || nla_len > rem)
			break;
		/* nla_type() masks NLA_F_NESTED | NLA_F_NET_BYTEORDER */
		if ((nla_type & 0x3fff) == want)
			return (uint32_t)start;
		uint32_t step = (nla_len + 3u) & ~3u;
		start += step;
		rem -= step;
	}
	return 0;
}

static uint32_t anc_nlattr(const struct bpfvm_cbpf_ctx *ctx, uint32_t a, uint32_t x,
			   int nested)
{
	uint32_t len = ctx->len;

	if (len < 4 || a > len - 4)
		return 0;
	if (!nested)
		return nla_find_off(ctx, a, (int64_t)len - a, x);
	uint16_t nla_len;
	memcpy(&nla_len, ctx->data + a, 2);
	if (nla_len > len - a)
		return 0;
	/* nla_find_nested(): the payload after the 4-byte header */
	return nla_find_off(ctx, (uint64_t)a + 4, (int64_t)nla_len - 4, x);
}

static uint32_t next_random(const struct bpfvm_cbpf_ctx *ctx)
{
	static _Thread_local uint64_t thread_state = 0x9e3779b97f4a7c15ull;
	uint64_t *s = ctx->rand_state ? ctx->rand_state : &thread_state;
	uint64_t v = *s ? *s : 0x9e3779b97f4a7c15ull;

	v ^= v >> 12;
	v ^= v << 25;
	v ^= v >> 27;
	*s = v;
	return (uint32_t)((v * 0x2545f4914f6cdd1dull) >> 32);
}

enum { ANC_OK, ANC_EXIT_A };

/* The SKF_AD_* loads (convert_bpf_extensions()); result in *a. */
static int ancillary(const struct bpfvm_cbpf_ctx *ctx, uint32_t k, uint32_t *a, uint32_t x)
{
	switch ((int32_t)k - SKF_AD_OFF) {
	case SKF_AD_PROTOCOL:         *a = ctx->protocol; break;
	case SKF_AD_PKTTYPE:          *a = ctx->pkt_type; break;
	case SKF_AD_IFINDEX:
		if (ctx->no_dev)
			return ANC_EXIT_A; /* the kernel exits with R0 == A */
		*a = ctx->ifindex;
		break;
	case SKF_AD_HATYPE:
		if (ctx->no_dev)
			return ANC_EXIT_A;
		*a = ctx->hatype;
		break;
	case SKF_AD_NLATTR:           *a = anc_nlattr(ctx, *a, x, 0); break;
	case SKF_AD_NLATTR_NEST:      *a = anc_nlattr(ctx, *a, x, 1); break;
	case SKF_AD_MARK:             *a = ctx->mark; break;
	case SKF_AD_QUEUE:            *a = ctx->queue_mapping; break;
	case SKF_AD_RXHASH:           *a = ctx->rxhash; break;
	case SKF_AD_CPU:              *a = ctx->cpu; break;
	case SKF_AD_ALU_XOR_X:        *a ^= x; break;
	case SKF_AD_VLAN_TAG:         *a = ctx->vlan_tci; break;
	case SKF_AD_VLAN_TAG_PRESENT: *a = ctx->vlan_present ? 1 : 0; break;
	case SKF_AD_PAY_OFFSET:       *a = ctx->pay_offset; break;
	case SKF_AD_RANDOM:           *a = next_random(ctx); break;
	case SKF_AD_VLAN_TPID:        *a = ctx->vlan_tpid; break;
	default:                      *a = 0; break; /* rejected by the checker */
	}
	return ANC_OK;
}

uint32_t bpfvm_cbpf_run(const struct sock_filter *prog, size_t len,
			const struct bpfvm_cbpf_ctx *ctx)
{
	uint32_t A = 0, X = 0, M[BPF_MEMWORDS];
	uint32_t wire = ctx->wire_len ? ctx->wire_len : ctx->len;
	int seccomp = ctx->flavor == BPFVM_CBPF_SECCOMP;
	size_t pc = 0;
	uint32_t tmp;

	if (seccomp)
		wire = CBPF_SECCOMP_DATA_SIZE;
	memset(M, 0, sizeof(M));
	while (pc < len) {
		const struct sock_filter *f = &prog[pc++];
		uint32_t k = f->k;

		switch (f->code) {
		case BPF_ALU | BPF_ADD | BPF_K: A += k; break;
		case BPF_ALU | BPF_ADD | BPF_X: A += X; break;
		case BPF_ALU | BPF_SUB | BPF_K: A -= k; break;
		case BPF_ALU | BPF_SUB | BPF_X: A -= X; break;
		case BPF_ALU | BPF_MUL | BPF_K: A *= k; break;
		case BPF_ALU | BPF_MUL | BPF_X: A *= X; break;
		case BPF_ALU | BPF_DIV | BPF_K: if (!k) return 0; A /= k; break;
		case BPF_ALU | BPF_DIV | BPF_X: if (!X) return 0; A /= X; break;
		case BPF_ALU | BPF_MOD | BPF_K: if (!k) return 0; A %= k; break;
		case BPF_ALU | BPF_MOD | BPF_X: if (!X) return 0; A %= X; break;
		case BPF_ALU | BPF_AND | BPF_K: A &= k; break;
		case BPF_ALU | BPF_AND | BPF_X: A &= X; break;
		case BPF_ALU | BPF_OR  | BPF_K: A |= k; break;
		case BPF_ALU | BPF_OR  | BPF_X: A |= X; break;
		case BPF_ALU | BPF_XOR | BPF_K: A ^= k; break;
		case BPF_ALU | BPF_XOR | BPF_X: A ^= X; break;
		case BPF_ALU | BPF_LSH | BPF_K: A <<= (k & 31); break;
		case BPF_ALU | BPF_LSH | BPF_X: A <<= (X & 31); break;
		case BPF_ALU | BPF_RSH | BPF_K: A >>= (k & 31); break;
		case BPF_ALU | BPF_RSH | BPF_X: A >>= (X & 31); break;
		case BPF_ALU | BPF_NEG:         A = 0u - A; break;

		case BPF_LD | BPF_W | BPF_ABS:
			if (seccomp) {
				/* seccomp_data fields are host-order words */
				if (k > ctx->len || ctx->len - k < 4)
					return 0;
				memcpy(&A, ctx->data + k, 4);
				break;
			}
			/* fall through */
		case BPF_LD | BPF_H | BPF_ABS:
		case BPF_LD | BPF_B | BPF_ABS:
			if (cbpf_is_anc(k)) {
				if (ancillary(ctx, k, &A, X) == ANC_EXIT_A)
					return A;
				break;
			}
			if (load_pkt(ctx, (int32_t)k, 4u >> (BPF_SIZE(f->code) >> 3), &A))
				return 0;
			break;
		case BPF_LD | BPF_W | BPF_IND:
		case BPF_LD | BPF_H | BPF_IND:
		case BPF_LD | BPF_B | BPF_IND:
			/* the kernel adds in 32 bits and reads the sum as signed */
			if (load_pkt(ctx, (int32_t)(X + k), 4u >> (BPF_SIZE(f->code) >> 3), &A))
				return 0;
			break;
		case BPF_LD | BPF_W | BPF_LEN:  A = wire; break;
		case BPF_LD | BPF_IMM:          A = k; break;
		case BPF_LD | BPF_MEM:          A = M[k & (BPF_MEMWORDS - 1)]; break;
		case BPF_LDX | BPF_W | BPF_LEN: X = wire; break;
		case BPF_LDX | BPF_B | BPF_MSH:
			if (load_pkt(ctx, (int32_t)k, 1, &tmp))
				return 0;
			X = (tmp & 0xf) << 2;
			break;
		case BPF_LDX | BPF_IMM:         X = k; break;
		case BPF_LDX | BPF_MEM:         X = M[k & (BPF_MEMWORDS - 1)]; break;
		case BPF_ST:                    M[k & (BPF_MEMWORDS - 1)] = A; break;
		case BPF_STX:                   M[k & (BPF_MEMWORDS - 1)] = X; break;

		case BPF_JMP | BPF_JA:
			if (k >= len - pc)
				return 0;
			pc += k;
			break;
		case BPF_JMP | BPF_JEQ | BPF_K:  pc += (A == k) ? f->jt : f->jf; break;
		case BPF_JMP | BPF_JEQ | BPF_X:  pc += (A == X) ? f->jt : f->jf; break;
		case BPF_JMP | BPF_JGT | BPF_K:  pc += (A > k) ? f->jt : f->jf; break;
		case BPF_JMP | BPF_JGT | BPF_X:  pc += (A > X) ? f->jt : f->jf; break;
		case BPF_JMP | BPF_JGE | BPF_K:  pc += (A >= k) ? f->jt : f->jf; break;
		case BPF_JMP | BPF_JGE | BPF_X:  pc += (A >= X) ? f->jt : f->jf; break;
		case BPF_JMP | BPF_JSET | BPF_K: pc += (A & k) ? f->jt : f->jf; break;
		case BPF_JMP | BPF_JSET | BPF_X: pc += (A & X) ? f->jt : f->jf; break;

		case BPF_MISC | BPF_TAX: X = A; break;
		case BPF_MISC | BPF_TXA: A = X; break;
		case BPF_RET | BPF_K:    return k;
		case BPF_RET | BPF_A:    return A;
		default:                 return 0; /* unknown: rejected by the checker */
		}
	}
	return 0; /* fell off the end: the checker requires a final ret */
}
