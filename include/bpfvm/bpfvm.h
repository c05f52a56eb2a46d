/* SPDX-License-Identifier: MIT */
/*
 * bpfvm.h - the public API of libbpfvm: a userspace implementation of the
 * Linux eBPF virtual machine.
 *
 * An instance (struct bpfvm) owns helpers and programs; several instances can
 * live in one process. A program is loaded once (structurally validated and
 * pre-decoded) and then run many times. Instructions are the kernel's
 * struct bpf_insn from <linux/bpf.h>.
 *
 * Errors are negative errno values, as in the kernel; where a log buffer is
 * given, it receives a human-readable message naming the instruction index.
 *
 * Ownership: bpfvm_new() returns an instance the caller frees with
 * bpfvm_free(), which also frees every program still loaded in it.
 * bpfvm_prog_load() copies the instructions; the caller keeps its array.
 */
#ifndef BPFVM_BPFVM_H
#define BPFVM_BPFVM_H

#include <stddef.h>
#include <stdint.h>
#include <linux/bpf.h>

#ifdef __cplusplus
extern "C" {
#endif

#define BPFVM_VERSION_MAJOR 0
#define BPFVM_VERSION_MINOR 1
#define BPFVM_VERSION "0.1.0"

/* Kernel limits that bpfvm mirrors. */
#define BPFVM_STACK_SIZE     512      /* bytes of stack per frame (MAX_BPF_STACK) */
#define BPFVM_MAX_CALL_DEPTH 8        /* frames, as MAX_CALL_FRAMES */
#define BPFVM_MAX_INSNS      1000000  /* BPF_COMPLEXITY_LIMIT_INSNS */
#define BPFVM_MAX_HELPERS    4096     /* helper ids 0..4095 */

struct bpfvm;
struct bpfvm_prog;
struct bpfvm_run;   /* state of one running program, handed to helpers */

/* ---- instances ---------------------------------------------------------- */

struct bpfvm *bpfvm_new(void);
void bpfvm_free(struct bpfvm *vm);

/* ---- helpers -------------------------------------------------------------
 * A helper receives r1..r5 and the run it was called from; its return value
 * goes to r0. A helper may end the program early with bpfvm_run_stop().
 * Registering an id twice replaces the earlier helper (programs already
 * loaded keep the one they were loaded with).
 */
typedef uint64_t (*bpfvm_helper_fn)(uint64_t r1, uint64_t r2, uint64_t r3,
				    uint64_t r4, uint64_t r5,
				    struct bpfvm_run *run);

int bpfvm_helper_register(struct bpfvm *vm, uint32_t id, const char *name,
			  bpfvm_helper_fn fn);
/* Name of a registered helper, or NULL. */
const char *bpfvm_helper_name(const struct bpfvm *vm, uint32_t id);

/* Stop the calling program once the helper returns; the program's result
 * (r0) becomes `r0`. */
void bpfvm_run_stop(struct bpfvm_run *run, uint64_t r0);
/* The opaque pointer given in bpfvm_run_opts.user. */
void *bpfvm_run_user(const struct bpfvm_run *run);
/* Checked mode: whether [addr, addr+len) lies in memory the program may
 * read (write != 0: write). Helpers use it to validate pointer arguments. */
int bpfvm_run_mem_ok(const struct bpfvm_run *run, uint64_t addr, uint64_t len,
		     int write);

/* ---- programs ------------------------------------------------------------ */

/* Load flags. */
enum {
	/* The program has been proven safe (by a verifier): run it with no
	 * runtime memory checks and no instruction budget. Without this flag
	 * every program runs in checked mode. */
	BPFVM_PROG_TRUSTED = 1u << 0,
};

/* Load a program: validates its structure (known opcodes, valid registers,
 * jumps and calls in range, complete lddw, helpers registered, ends in
 * exit or ja) and pre-decodes it for the interpreter. On success stores the
 * program in *progp and returns 0; on error returns -errno and, when log is
 * non-NULL, writes a message such as "insn 3: invalid dst register r11". */
int bpfvm_prog_load(struct bpfvm *vm, const struct bpf_insn *insns,
		    size_t insn_cnt, unsigned int flags,
		    struct bpfvm_prog **progp, char *log, size_t log_size);
void bpfvm_prog_free(struct bpfvm_prog *prog);
size_t bpfvm_prog_insn_cnt(const struct bpfvm_prog *prog);
const struct bpf_insn *bpfvm_prog_insns(const struct bpfvm_prog *prog);

/* A memory region a program in checked mode may access. */
struct bpfvm_region {
	void *addr;
	size_t len;
	int writable;
};

/* Why a run stopped abnormally. */
enum bpfvm_fault_kind {
	BPFVM_FAULT_NONE = 0,
	BPFVM_FAULT_MEM_READ,       /* load outside every readable region */
	BPFVM_FAULT_MEM_WRITE,      /* store outside every writable region */
	BPFVM_FAULT_BUDGET,         /* instruction budget exhausted */
	BPFVM_FAULT_CALL_DEPTH,     /* more than BPFVM_MAX_CALL_DEPTH frames */
	BPFVM_FAULT_BAD_HELPER,     /* call to a helper that is not registered */
	BPFVM_FAULT_BAD_CALLX,      /* callx to an invalid target */
	BPFVM_FAULT_NO_PACKET,      /* ld_abs/ld_ind without packet data */
	BPFVM_FAULT_MISALIGNED,     /* atomic operation on a misaligned address */
};

/* After a run, kind says whether it faulted; the other fields are set only
 * when it did. */
struct bpfvm_fault {
	enum bpfvm_fault_kind kind;
	uint32_t insn;          /* index of the faulting instruction */
	uint64_t addr;          /* faulting address for memory faults */
	uint32_t size;          /* access size for memory faults */
	char msg[160];          /* "insn 12: read of 4 bytes at 0x... out of bounds" */
};

struct bpfvm_run_opts {
	size_t sz;                   /* sizeof(struct bpfvm_run_opts) */
	uint64_t r1, r2, r3, r4, r5; /* argument registers at entry */
	/* Checked mode: regions the program may touch besides its stack. */
	const struct bpfvm_region *regions;
	size_t nr_regions;
	/* Checked mode: instruction budget; 0 means the default
	 * (BPFVM_DEFAULT_BUDGET). Exhausting it is BPFVM_FAULT_BUDGET. */
	uint64_t budget;
	/* Packet for the legacy ld_abs/ld_ind instructions. */
	const void *pkt;
	uint32_t pkt_len;
	void *user;                  /* returned by bpfvm_run_user() */
	struct bpfvm_fault *fault;   /* filled when the run faults; may be NULL */
};

#define BPFVM_DEFAULT_BUDGET (1ull << 32)

/* Run a program. On normal exit stores r0 in *r0 and returns 0. On a fault
 * returns -EFAULT (memory, misaligned atomic), -E2BIG (budget), -ELOOP (call
 * depth), -ENOENT (callx to no helper), -EINVAL (ld_abs without a packet)
 * and describes it in opts->fault. Several threads may run one program at
 * once; each run has its own registers and stack.
 *
 * callx (opcode 0x8d) calls the helper whose id is in its register, as uBPF
 * and the conformance suite define it (the kernel has no callx). */
int bpfvm_prog_run(struct bpfvm_prog *prog, const struct bpfvm_run_opts *opts,
		   uint64_t *r0);

/* Convenience: r1 = mem, r2 = mem_len, mem is the one region (writable). */
int bpfvm_prog_run_mem(struct bpfvm_prog *prog, void *mem, size_t mem_len,
		       uint64_t *r0, struct bpfvm_fault *fault);

#ifdef __cplusplus
}
#endif
#endif /* BPFVM_BPFVM_H */
