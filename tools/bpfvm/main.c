/* SPDX-License-Identifier: MIT */
/*
 * main.c - entry point of the `bpfvm` command-line tool: dispatches the
 * first argument to a command group (bpftool-like verbs).
 */
#include <stdio.h>
#include <string.h>

#include "bpfvm/bpfvm.h"
#include "cmds.h"

static const struct {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *summary;
} commands[] = {
	{ "asm",         cmd_asm,         "assemble text into raw eBPF instructions" },
	{ "disasm",      cmd_disasm,      "disassemble eBPF instructions" },
	{ "run",         cmd_run,         "run a program in the interpreter" },
	{ "conformance", cmd_conformance, "run conformance test data files" },
	{ "filter",      cmd_filter,      "run a pcap filter expression on a capture file" },
};

static void usage(FILE *f)
{
	fprintf(f, "Usage: bpfvm COMMAND [ARGS...]\n"
		   "       bpfvm COMMAND --help\n\n"
		   "bpfvm " BPFVM_VERSION " - the Linux BPF subsystem in userspace.\n\n"
		   "Commands:\n");
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(f, "  %-12s %s\n", commands[i].name, commands[i].summary);
	fprintf(f, "\nExit status: 0 success, 1 failure, 2 usage error.\n");
}

int is_help(const char *arg)
{
	return !strcmp(arg, "-h") || !strcmp(arg, "--help");
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (is_help(argv[1]) || !strcmp(argv[1], "help")) {
		usage(stdout);
		return EXIT_OK;
	}
	if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "version")) {
		printf("bpfvm %s\n", BPFVM_VERSION);
		return EXIT_OK;
	}
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(argv[1], commands[i].name))
			return commands[i].fn(argc - 1, argv + 1);
	fprintf(stderr, "bpfvm: unknown command '%s' (see bpfvm --help)\n", argv[1]);
	return EXIT_USAGE;
}
