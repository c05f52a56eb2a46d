/* SPDX-License-Identifier: MIT */
/*
 * cmds.h - the bpfvm CLI's command table and shared helpers.
 *
 * Each command group lives in its own cmd_*.c file and exports one
 * `int cmd_NAME(int argc, char **argv)` (argv[0] is the command name).
 * Exit codes: 0 success, 1 the operation failed (a program faulted, a test
 * failed, input was rejected), 2 usage error.
 */
#ifndef BPFVM_TOOLS_CMDS_H
#define BPFVM_TOOLS_CMDS_H

#include <stddef.h>
#include <stdint.h>
#include <linux/bpf.h>

enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };

int cmd_asm(int argc, char **argv);
int cmd_disasm(int argc, char **argv);
int cmd_run(int argc, char **argv);
int cmd_conformance(int argc, char **argv);
int cmd_filter(int argc, char **argv);

struct bpfvm;
/* Registers the conformance suite's test helpers (ids 0-5) in vm. */
int register_test_helpers(struct bpfvm *vm);

/* Whether argv[i] is -h or --help. */
int is_help(const char *arg);

/* Read a whole file (or stdin for "-") into a NUL-terminated malloc'ed
 * buffer. Returns NULL and prints "bpfvm: FILE: reason" on error. */
char *read_file(const char *path, size_t *lenp);

/* Load a program from FILE: an ELF-free raw image (.bin/.o of raw
 * struct bpf_insn, length a multiple of 8) or assembly text (anything that
 * is not a multiple-of-8 binary, or ends in .s/.asm/.txt). Returns 0 and a
 * malloc'ed array, or prints the error and returns -1. */
int load_program_file(const char *path, struct bpf_insn **insnsp, size_t *cntp);

/* Parse a positive count (decimal or 0x hex) as the --repeat and --budget
 * options take it. Returns 0, or -1 for anything else (negative, zero,
 * trailing garbage, overflow). */
int parse_count(const char *s, uint64_t *v);

/* Parse hex bytes ("01 02 0a", "01020a", may span lines) into a malloc'ed
 * buffer. Returns 0, or -1 with a message naming the bad character. */
int parse_hex_bytes(const char *text, uint8_t **bufp, size_t *lenp,
		    char *err, size_t errsz);

#endif
