/* SPDX-License-Identifier: MIT */
/*
 * prog.c - loading programs into an instance and running them.
 *
 * Load = structural check (isa/decode.c) + resolution of what the
 * interpreter needs at hand (helper functions, handler addresses) into the
 * pre-decoded form. Run = set up registers and regions, pick the trusted
 * or checked interpreter.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/vm.h"
#include "interp/interp.h"

static int load_error(char *log, size_t log_size, int ret, const char *fmt, ...)
{
	if (log && log_size) {
		va_list ap;

		va_start(ap, fmt);
		vsnprintf(log, log_size, fmt, ap);
		va_end(ap);
	}
	return ret;
}

static void link_prog(struct bpfvm *vm, struct bpfvm_prog *prog)
{
	pthread_mutex_lock(&vm->lock);
	prog->prev = NULL;
	prog->next = vm->progs;
	if (vm->progs)
		vm->progs->prev = prog;
	vm->progs = prog;
	pthread_mutex_unlock(&vm->lock);
}

static void unlink_prog(struct bpfvm *vm, struct bpfvm_prog *prog)
{
	pthread_mutex_lock(&vm->lock);
	if (prog->prev)
		prog->prev->next = prog->next;
	else
		vm->progs = prog->next;
	if (prog->next)
		prog->next->prev = prog->prev;
	pthread_mutex_unlock(&vm->lock);
}

/* Gives each helper the program calls a slot in prog->helpers and points
 * the call's decoded imm at it. */
static int resolve_helpers(struct bpfvm_prog *prog, char *log, size_t log_size)
{
	struct bpfvm *vm = prog->vm;
	int slot_of[BPFVM_MAX_HELPERS];
	size_t n = 0;
	int ret = 0;

	memset(slot_of, -1, sizeof(slot_of));
	pthread_mutex_lock(&vm->lock);
	for (size_t i = 0; i < prog->insn_cnt; i++) {
		const struct bpf_insn *in = &prog->insns[i];
		uint32_t id = (uint32_t)in->imm;

		if (bpf_insn_is_lddw(in)) {
			i++;
			continue;
		}
		if (bpf_op_decode(in) != BPF_OP_CALL_HELPER)
			continue;
		if (id >= BPFVM_MAX_HELPERS || !vm->helpers[id].fn) {
			ret = load_error(log, log_size, -EINVAL,
					 "insn %zu: call to unknown helper #%d", i, in->imm);
			goto out;
		}
		if (slot_of[id] < 0) {
			bpfvm_helper_fn *h = realloc(prog->helpers, (n + 1) * sizeof(*h));

			if (!h) {
				ret = load_error(log, log_size, -ENOMEM, "out of memory");
				goto out;
			}
			prog->helpers = h;
			h[n] = vm->helpers[id].fn;
			slot_of[id] = (int)n++;
		}
		prog->dinsns[i].imm = slot_of[id];
	}
	prog->nr_helpers = n;
out:
	pthread_mutex_unlock(&vm->lock);
	return ret;
}

/* Operand forwarding (interp_body.h): which operands an instruction kind
 * reads. The handlers that leave their dst register's value in the
 * accumulator are those with forwarding variants that write a register,
 * and lddw; conditional jumps and stores leave it untouched. */
static int kind_reads_dst(unsigned k)
{
	return k == BPF_KIND_ALU_K || k == BPF_KIND_ALU_X || k == BPF_KIND_NEG ||
	       k == BPF_KIND_END || k == BPF_KIND_JCOND_K || k == BPF_KIND_JCOND_X ||
	       k == BPF_KIND_ST || k == BPF_KIND_STX;
}

static int kind_reads_src(unsigned k)
{
	return k == BPF_KIND_ALU_X || k == BPF_KIND_MOVSX || k == BPF_KIND_JCOND_X ||
	       k == BPF_KIND_LDX || k == BPF_KIND_STX;
}

/* Marks every slot that control reaches other than by falling through:
 * jump and call targets. */
static uint8_t *control_targets(const struct bpf_insn *insns, size_t cnt)
{
	uint8_t *t = calloc(cnt, 1);

	if (!t)
		return NULL;
	for (size_t i = 0; i < cnt; i++) {
		int64_t target;

		if (bpf_insn_is_lddw(&insns[i]))
			i++;
		else if (bpf_insn_target(&insns[i], i, &target))
			t[target] = 1; /* checked in range at load */
	}
	return t;
}

static int decode_all(struct bpfvm_prog *prog, char *log, size_t log_size)
{
	bpf_interp_labels *labels;
	uint8_t *targets = NULL;
	int acc_reg = -1;       /* register whose value the accumulator holds */

	if (prog->flags & BPFVM_PROG_TRUSTED)
		bpf_interp_run_trusted(NULL, NULL, NULL, 0, NULL, NULL, &labels);
	else
		bpf_interp_run_checked(NULL, NULL, NULL, 0, NULL, NULL, &labels);
	if (labels) {
		targets = control_targets(prog->insns, prog->insn_cnt);
		if (!targets)
			return load_error(log, log_size, -ENOMEM, "out of memory");
	}

	for (size_t i = 0; i < prog->insn_cnt; i++) {
		const struct bpf_insn *in = &prog->insns[i];
		struct bpf_dinsn *d = &prog->dinsns[i];
		enum bpf_op_id id = bpf_op_decode(in);
		unsigned kind = bpf_op_table[id].kind;

		if (labels) {
			int v = BPF_INTERP_PLAIN;

			if (targets[i])
				acc_reg = -1; /* reached by a jump: acc unknown */
			if (acc_reg >= 0) {
				if (kind_reads_dst(kind) && in->dst_reg == acc_reg &&
				    (*labels)[BPF_INTERP_FWD_DST][id])
					v = BPF_INTERP_FWD_DST;
				else if (kind_reads_src(kind) && in->src_reg == acc_reg &&
					 (*labels)[BPF_INTERP_FWD_SRC][id])
					v = BPF_INTERP_FWD_SRC;
			}
			d->label = (*labels)[v][id];
			if (kind == BPF_KIND_JCOND_K || kind == BPF_KIND_JCOND_X ||
			    kind == BPF_KIND_ST || kind == BPF_KIND_STX)
				; /* writes no register: acc passes through */
			else if ((*labels)[BPF_INTERP_FWD_DST][id] || id == BPF_OP_LDDW_IMM64)
				acc_reg = in->dst_reg;
			else
				acc_reg = -1;
		} else {
			d->op = id;
		}
		d->dst = in->dst_reg;
		d->src = in->src_reg;
		d->off = in->off;
		d->imm = in->imm;
		switch (id) {
		case BPF_OP_LDDW_IMM64:
			prog->dinsns[i + 1].imm64 = (uint64_t)(uint32_t)in->imm |
						    (uint64_t)(uint32_t)in[1].imm << 32;
			i++;
			break;
		case BPF_OP_LDDW_MAP_FD: case BPF_OP_LDDW_MAP_VALUE:
		case BPF_OP_LDDW_BTF_ID: case BPF_OP_LDDW_FUNC:
		case BPF_OP_LDDW_MAP_IDX: case BPF_OP_LDDW_MAP_IDX_VALUE:
			free(targets);
			return load_error(log, log_size, -EINVAL,
					  "insn %zu: lddw with pseudo source %u (%s) must be resolved by a loader first",
					  i, in->src_reg, bpf_op_table[id].name);
		case BPF_OP_CALL_KFUNC:
			free(targets);
			return load_error(log, log_size, -EINVAL,
					  "insn %zu: kernel function calls are not supported", i);
		default:
			break;
		}
	}
	free(targets);
	return 0;
}

int bpfvm_prog_load(struct bpfvm *vm, const struct bpf_insn *insns,
		    size_t insn_cnt, unsigned int flags,
		    struct bpfvm_prog **progp, char *log, size_t log_size)
{
	struct bpfvm_prog *prog;
	int ret;

	if (log && log_size)
		log[0] = '\0';
	if (!vm || !progp || (!insns && insn_cnt))
		return load_error(log, log_size, -EINVAL, "invalid argument");
	if (flags & ~BPFVM_PROG_TRUSTED)
		return load_error(log, log_size, -EINVAL, "unknown flags 0x%x", flags);
	ret = bpf_insns_check(insns, insn_cnt, log, log_size);
	if (ret)
		return ret;

	prog = calloc(1, sizeof(*prog));
	if (!prog)
		return load_error(log, log_size, -ENOMEM, "out of memory");
	prog->vm = vm;
	prog->flags = flags;
	prog->insn_cnt = insn_cnt;
	prog->insns = malloc(insn_cnt * sizeof(*insns));
	prog->dinsns = calloc(insn_cnt, sizeof(*prog->dinsns));
	if (!prog->insns || !prog->dinsns) {
		ret = load_error(log, log_size, -ENOMEM, "out of memory");
		goto err;
	}
	memcpy(prog->insns, insns, insn_cnt * sizeof(*insns));
	ret = decode_all(prog, log, log_size);
	if (!ret)
		ret = resolve_helpers(prog, log, log_size);
	if (ret)
		goto err;
	link_prog(vm, prog);
	*progp = prog;
	return 0;
err:
	free(prog->insns);
	free(prog->dinsns);
	free(prog->helpers);
	free(prog);
	return ret;
}

void bpfvm_prog_free(struct bpfvm_prog *prog)
{
	if (!prog)
		return;
	unlink_prog(prog->vm, prog);
	free(prog->insns);
	free(prog->dinsns);
	free(prog->helpers);
	free(prog);
}

size_t bpfvm_prog_insn_cnt(const struct bpfvm_prog *prog)
{
	return prog->insn_cnt;
}

const struct bpf_insn *bpfvm_prog_insns(const struct bpfvm_prog *prog)
{
	return prog->insns;
}

int bpfvm_prog_run(struct bpfvm_prog *prog, const struct bpfvm_run_opts *opts,
		   uint64_t *r0)
{
	static const struct bpfvm_run_opts no_opts = { .sz = sizeof(no_opts) };
	struct bpfvm_run run;
	uint64_t args[5];
	uint64_t dummy;

	if (!prog)
		return -EINVAL;
	if (!opts)
		opts = &no_opts;
	if (opts->sz && opts->sz < sizeof(*opts))
		return -EINVAL;
	if (opts->fault) {
		/* Only kind and msg: the other fields mean something only with
		 * a fault, and clearing all of them costs more than a short run. */
		opts->fault->kind = BPFVM_FAULT_NONE;
		opts->fault->msg[0] = '\0';
	}
	run.prog = prog;
	run.regions = opts->regions;
	run.nr_regions = opts->regions ? opts->nr_regions : 0;
	run.pkt = opts->pkt;
	run.pkt_len = opts->pkt_len;
	run.stopped = 0;
	run.stop_r0 = 0;
	run.user = opts->user;
	run.stack_lo = run.stack_hi = 0;
	args[0] = opts->r1; args[1] = opts->r2; args[2] = opts->r3;
	args[3] = opts->r4; args[4] = opts->r5;
	if (!r0)
		r0 = &dummy;
	if (prog->flags & BPFVM_PROG_TRUSTED)
		return bpf_interp_run_trusted(prog, &run, args, 0, opts->fault, r0, NULL);
	return bpf_interp_run_checked(prog, &run, args,
				      opts->budget ? opts->budget : BPFVM_DEFAULT_BUDGET,
				      opts->fault, r0, NULL);
}

int bpfvm_prog_run_mem(struct bpfvm_prog *prog, void *mem, size_t mem_len,
		       uint64_t *r0, struct bpfvm_fault *fault)
{
	struct bpfvm_region region = { .addr = mem, .len = mem_len, .writable = 1 };
	struct bpfvm_run_opts opts = {
		.sz = sizeof(opts),
		.r1 = (uint64_t)(uintptr_t)mem,
		.r2 = mem_len,
		.regions = mem ? &region : NULL,
		.nr_regions = mem ? 1 : 0,
		.fault = fault,
	};

	return bpfvm_prog_run(prog, &opts, r0);
}

void bpfvm_run_stop(struct bpfvm_run *run, uint64_t r0)
{
	run->stopped = 1;
	run->stop_r0 = r0;
}

void *bpfvm_run_user(const struct bpfvm_run *run)
{
	return run->user;
}

int bpfvm_run_mem_ok(const struct bpfvm_run *run, uint64_t addr, uint64_t len,
		     int write)
{
	if (run->prog->flags & BPFVM_PROG_TRUSTED)
		return 1;
	return bpf_run_mem_ok(run, addr, len, write);
}
