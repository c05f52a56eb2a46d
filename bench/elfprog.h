/* SPDX-License-Identifier: MIT */
/*
 * elfprog.h - a minimal reader that takes one program section out of a clang
 * BPF object. Enough for the benchmark programs, which use no maps, global
 * data or calls; the real ELF loader is src/loader/.
 */
#ifndef BENCH_ELFPROG_H
#define BENCH_ELFPROG_H

#include <stddef.h>
#include <linux/bpf.h>

/* Read section `sec` of the ELF object `path`. On success stores a malloc'd
 * copy of its instructions in *insns (caller frees) and their count in *cnt
 * and returns 0; on error returns -errno with a message in err. A section
 * with relocations is refused: the benchmarks must be self-contained. */
int elfprog_read(const char *path, const char *sec, struct bpf_insn **insns,
		 size_t *cnt, char *err, size_t errlen);

#endif
