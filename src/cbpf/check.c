/* SPDX-License-Identifier: MIT */
/*
 * check.c - the kernel's classic BPF checker: bpf_check_classic() and
 * check_load_and_stores() from net/core/filter.c, then, for seccomp
 * filters, seccomp_check_filter() from kernel/seccomp.c (the kernel runs
 * them in that order). The kernel only answers -EINVAL; we add a message
 * naming the instruction so that users can fix their program.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "bpfvm/cbpf.h"
#include "cbpf/cbpf_int.h"

static int reject(char *err, size_t errsz, const char *fmt, ...)
{
	if (err && errsz) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(err, errsz, fmt, ap);
		va_end(ap);
	}
	return -EINVAL;
}

/* The per-instruction operand rules (bpf_check_classic's switch). */
static int check_operands(const struct sock_filter *prog, size_t len, size_t pc,
			  char *err, size_t errsz)
{
	const struct sock_filter *f = &prog[pc];
	const struct cbpf_op *op = &cbpf_ops[f->code];

	switch ((enum cbpf_rule)op->rule) {
	case CBPF_R_NONE:
		return 0;
	case CBPF_R_MEM:
		if (f->k >= BPF_MEMWORDS)
			return reject(err, errsz, "insn %zu: %s: scratch slot %u out of range (0..%d)",
				      pc, op->name, f->k, BPF_MEMWORDS - 1);
		return 0;
	case CBPF_R_DIVK:
		if (f->k == 0)
			return reject(err, errsz, "insn %zu: %s: division by zero", pc, op->name);
		return 0;
	case CBPF_R_SHIFTK:
		if (f->k >= 32)
			return reject(err, errsz, "insn %zu: %s: shift by %u (must be < 32)",
				      pc, op->name, f->k);
		return 0;
	case CBPF_R_JA:
		/* k is 32 bits: compare without pc + 1 + k overflowing */
		if (f->k >= len - pc - 1)
			return reject(err, errsz, "insn %zu: ja: jump out of range (target %zu, %zu insns)",
				      pc, pc + 1 + (size_t)f->k, len);
		return 0;
	case CBPF_R_JCOND:
		if (pc + 1 + f->jt >= len || pc + 1 + f->jf >= len)
			return reject(err, errsz, "insn %zu: %s: jump out of range (jt %zu, jf %zu, %zu insns)",
				      pc, op->name, pc + 1 + f->jt, pc + 1 + f->jf, len);
		return 0;
	case CBPF_R_ABS:
		if (f->k >= (uint32_t)SKF_AD_OFF && !cbpf_is_anc(f->k))
			return reject(err, errsz, "insn %zu: %s: unknown ancillary load SKF_AD_OFF%+d",
				      pc, op->name, (int)(f->k - (uint32_t)SKF_AD_OFF));
		return 0;
	}
	return 0;
}

/*
 * check_load_and_stores(): a scratch slot must be written on every path
 * before it is read. Jumps only go forward, so one pass in program order
 * suffices: masks[t] collects the slots valid on every edge into t.
 */
static int check_scratch(const struct sock_filter *prog, size_t len,
			 char *err, size_t errsz)
{
	uint16_t masks[BPF_MAXINSNS];
	uint16_t valid = 0;

	memset(masks, 0xff, len * sizeof(masks[0]));
	for (size_t pc = 0; pc < len; pc++) {
		const struct sock_filter *f = &prog[pc];

		valid &= masks[pc];
		switch (f->code) {
		case BPF_ST:
		case BPF_STX:
			valid |= (uint16_t)(1u << f->k);
			break;
		case BPF_LD | BPF_MEM:
		case BPF_LDX | BPF_MEM:
			if (!(valid & (1u << f->k)))
				return reject(err, errsz,
					      "insn %zu: %s: reads scratch slot M[%u] before it is written",
					      pc, cbpf_ops[f->code].name, f->k);
			break;
		case BPF_JMP | BPF_JA:
			masks[pc + 1 + f->k] &= valid;
			valid = 0xffff; /* nothing falls through */
			break;
		default:
			if (cbpf_ops[f->code].rule == CBPF_R_JCOND) {
				masks[pc + 1 + f->jt] &= valid;
				masks[pc + 1 + f->jf] &= valid;
				valid = 0xffff;
			}
			break;
		}
	}
	return 0;
}

/* seccomp_check_filter(): the restricted opcode set and seccomp_data bounds. */
static int check_seccomp(const struct sock_filter *prog, size_t len,
			 char *err, size_t errsz)
{
	for (size_t pc = 0; pc < len; pc++) {
		const struct sock_filter *f = &prog[pc];
		const struct cbpf_op *op = &cbpf_ops[f->code];

		switch ((enum cbpf_seccomp)op->seccomp) {
		case CBPF_SC_OK:
			break;
		case CBPF_SC_DATA:
			if (f->k >= CBPF_SECCOMP_DATA_SIZE || (f->k & 3))
				return reject(err, errsz,
					      "insn %zu: ld [%u]: seccomp loads must be aligned 32-bit words inside struct seccomp_data (0..%d)",
					      pc, f->k, CBPF_SECCOMP_DATA_SIZE - 4);
			break;
		case CBPF_SC_NO:
			return reject(err, errsz, "insn %zu: %s (code 0x%02x) is not allowed in seccomp filters",
				      pc, op->name, f->code);
		}
	}
	return 0;
}

int bpfvm_cbpf_check(const struct sock_filter *prog, size_t len,
		     enum bpfvm_cbpf_flavor flavor, char *err, size_t errsz)
{
	int ret;

	if (err && errsz)
		err[0] = '\0';
	if (len == 0 || len > BPF_MAXINSNS)
		return reject(err, errsz, "program length %zu is not in 1..%d", len, BPF_MAXINSNS);
	if (!prog)
		return reject(err, errsz, "no program");
	if (flavor != BPFVM_CBPF_SOCKET_FILTER && flavor != BPFVM_CBPF_SECCOMP)
		return reject(err, errsz, "unknown classic BPF flavor %d", (int)flavor);

	for (size_t pc = 0; pc < len; pc++) {
		uint16_t code = prog[pc].code;

		if (code >= 256 || !cbpf_ops[code].valid)
			return reject(err, errsz, "insn %zu: unknown opcode 0x%04x", pc, code);
		ret = check_operands(prog, len, pc, err, errsz);
		if (ret)
			return ret;
	}
	if (!cbpf_ops[prog[len - 1].code].is_ret)
		return reject(err, errsz, "insn %zu: last instruction must be a ret (is %s)",
			      len - 1, cbpf_ops[prog[len - 1].code].name);
	ret = check_scratch(prog, len, err, errsz);
	if (ret)
		return ret;
	if (flavor == BPFVM_CBPF_SECCOMP)
		return check_seccomp(prog, len, err, errsz);
	return 0;
}
