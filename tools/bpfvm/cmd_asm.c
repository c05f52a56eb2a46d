/* SPDX-License-Identifier: MIT */
/*
 * cmd_asm.c - `bpfvm asm` (text -> raw instructions) and `bpfvm disasm`
 * (raw instructions or text -> text in one of the three syntaxes), thin
 * wrappers around bpfvm_asm() and bpfvm_disasm_insn().
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bpfvm/asm.h"
#include "cmds.h"

static void asm_usage(FILE *f)
{
	fprintf(f,
		"Usage: bpfvm asm FILE [-o OUT] [--hex]\n\n"
		"Assembles FILE (\"-\" = stdin) into raw eBPF instructions: 8 bytes per\n"
		"slot, little-endian struct bpf_insn, lddw taking two slots.\n\n"
		"The text may mix, line by line, the three syntaxes of `bpfvm disasm`:\n"
		"  kernel    r0 = *(u32 *)(r1 +4)   if r1 > 0x5 goto pc+3   r1 = 0x1234\n"
		"  llvm      r0 = *(u32 *)(r1 + 4)  if r1 > 5 goto +3       r1 = 4660 ll\n"
		"  mnemonic  ldxw %%r0, [%%r1+4]       jgt %%r1, 5, +3          lddw %%r1, 0x1234\n"
		"plus labels (`name:`, usable as any jump or call target; `exit` names\n"
		"the first exit unless defined), comments (`#`, `;`, `//`) and blank\n"
		"lines. Output of `llvm-objdump -d -z` and `bpftool prog dump xlated\n"
		"[opcodes]` can be pasted in: instruction indexes, opcode bytes and\n"
		"header lines are skipped. In the C-like syntaxes `rN = 0x..` (hex) is\n"
		"the kernel's lddw, `rN = 12` (decimal) a mov of a 32-bit immediate.\n\n"
		"Options:\n"
		"  -o OUT      output file (\"-\" = stdout); default: FILE with its\n"
		"              extension replaced by .bin (stdout when FILE is \"-\")\n"
		"  --hex       write one slot per line as 0x%%016x (the `-- raw` format\n"
		"              of the conformance data), to OUT or else stdout\n"
		"  -h, --help  this text\n\n"
		"Errors are printed as FILE:LINE:COL: error: MESSAGE.\n"
		"Exit status: 0 success, 1 assembly or I/O error, 2 usage error.\n");
}

static void disasm_usage(FILE *f)
{
	fprintf(f,
		"Usage: bpfvm disasm FILE [--syntax kernel|llvm|mnemonic]\n\n"
		"Prints the program in FILE, one instruction per line prefixed by its\n"
		"index as bpftool does (\"   0: r0 = 1\"). FILE (\"-\" = stdin) holds raw\n"
		"instructions or assembly text, told apart as `bpfvm run` does: .s,\n"
		".asm, .txt are text; .bin, .raw, .o are raw; otherwise raw when the\n"
		"size is a multiple of 8 and the content is not text.\n\n"
		"Syntaxes:\n"
		"  kernel    (default) the kernel verifier log / bpftool, without the\n"
		"            \"(b7)\" opcode: r0 = *(u32 *)(r1 +4), if r1 > 0x5 goto pc+3\n"
		"  llvm      llvm-objdump -d: r0 = *(u32 *)(r1 + 4), if r1 > 5 goto +3\n"
		"  mnemonic  the conformance data: ldxw %%r0, [%%r1+4], jgt %%r1, 5, +3\n"
		"Every line printed assembles back to the same instruction.\n\n"
		"Exit status: 0 success, 1 an invalid instruction or unreadable input\n"
		"(reported on stderr; the rest is still printed), 2 usage error.\n");
}

static char *default_out(const char *in)
{
	const char *slash = strrchr(in, '/'), *dot = strrchr(in, '.');
	size_t stem = dot && (!slash || dot > slash) && dot != (slash ? slash + 1 : in) ?
		      (size_t)(dot - in) : strlen(in);
	char *out = malloc(stem + 5);

	if (out) {
		memcpy(out, in, stem);
		memcpy(out + stem, ".bin", 5);
	}
	return out;
}

static int write_insns(FILE *f, const struct bpf_insn *insns, size_t cnt, int hex)
{
	for (size_t i = 0; i < cnt; i++) {
		const struct bpf_insn *in = &insns[i];
		uint64_t v = (uint64_t)in->code | (uint64_t)in->dst_reg << 8 |
			     (uint64_t)in->src_reg << 12 |
			     (uint64_t)(uint16_t)in->off << 16 |
			     (uint64_t)(uint32_t)in->imm << 32;

		if (hex) {
			if (fprintf(f, "0x%016" PRIx64 "\n", v) < 0)
				return -1;
		} else {
			unsigned char b[8];

			for (int k = 0; k < 8; k++)
				b[k] = (unsigned char)(v >> (8 * k));
			if (fwrite(b, 1, 8, f) != 8)
				return -1;
		}
	}
	return 0;
}

int cmd_asm(int argc, char **argv)
{
	const char *file = NULL, *out = NULL;
	char *text, *outbuf = NULL, err[512];
	struct bpf_insn *insns = NULL;
	size_t cnt = 0, len;
	int hex = 0, ret = EXIT_FAIL;
	FILE *f;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (is_help(a)) {
			asm_usage(stdout);
			return EXIT_OK;
		} else if (!strcmp(a, "-o") && i + 1 < argc) {
			out = argv[++i];
		} else if (!strcmp(a, "--hex")) {
			hex = 1;
		} else if (!strcmp(a, "-o")) {
			fprintf(stderr, "bpfvm asm: -o needs a file name\n");
			return EXIT_USAGE;
		} else if (a[0] == '-' && a[1]) {
			fprintf(stderr, "bpfvm asm: unknown option '%s'\n", a);
			asm_usage(stderr);
			return EXIT_USAGE;
		} else if (!file) {
			file = a;
		} else {
			fprintf(stderr, "bpfvm asm: more than one input file\n");
			return EXIT_USAGE;
		}
	}
	if (!file) {
		asm_usage(stderr);
		return EXIT_USAGE;
	}
	if (!out && (hex || !strcmp(file, "-")))
		out = "-";
	if (!out) {
		outbuf = default_out(file);
		if (!outbuf)
			return EXIT_FAIL;
		if (!strcmp(outbuf, file)) {
			fprintf(stderr, "bpfvm asm: output would overwrite %s; give -o\n",
				file);
			free(outbuf);
			return EXIT_USAGE;
		}
		out = outbuf;
	}
	text = read_file(file, &len);
	if (!text)
		goto done;
	if (memchr(text, 0, len)) {
		fprintf(stderr, "bpfvm asm: %s: binary data, expected assembly text\n",
			file);
		goto done;
	}
	if (bpfvm_asm(text, file, &insns, &cnt, err, sizeof(err))) {
		fprintf(stderr, "%s\n", err);
		goto done;
	}
	f = strcmp(out, "-") ? fopen(out, hex ? "w" : "wb") : stdout;
	if (!f) {
		fprintf(stderr, "bpfvm asm: %s: %s\n", out, strerror(errno));
		goto done;
	}
	if (write_insns(f, insns, cnt, hex) || fflush(f) ||
	    (f != stdout && fclose(f))) {
		fprintf(stderr, "bpfvm asm: %s: write error\n", out);
		if (f != stdout)
			fclose(f);
		goto done;
	}
	ret = EXIT_OK;
done:
	free(text);
	free(insns);
	free(outbuf);
	return ret;
}

int cmd_disasm(int argc, char **argv)
{
	const char *file = NULL;
	enum bpfvm_syntax sx = BPFVM_SYNTAX_KERNEL;
	struct bpf_insn *insns = NULL;
	size_t cnt = 0;
	int ret = EXIT_OK;
	char line[256];

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *name = NULL;

		if (is_help(a)) {
			disasm_usage(stdout);
			return EXIT_OK;
		} else if (!strcmp(a, "--syntax") && i + 1 < argc) {
			name = argv[++i];
		} else if (!strncmp(a, "--syntax=", 9)) {
			name = a + 9;
		} else if (!strcmp(a, "--syntax")) {
			fprintf(stderr, "bpfvm disasm: --syntax needs kernel, llvm or mnemonic\n");
			return EXIT_USAGE;
		} else if (a[0] == '-' && a[1]) {
			fprintf(stderr, "bpfvm disasm: unknown option '%s'\n", a);
			disasm_usage(stderr);
			return EXIT_USAGE;
		} else if (!file) {
			file = a;
		} else {
			fprintf(stderr, "bpfvm disasm: more than one input file\n");
			return EXIT_USAGE;
		}
		if (name) {
			int s = bpfvm_syntax_parse(name);

			if (s < 0) {
				fprintf(stderr, "bpfvm disasm: unknown syntax '%s' "
					"(kernel, llvm, mnemonic)\n", name);
				return EXIT_USAGE;
			}
			sx = (enum bpfvm_syntax)s;
		}
	}
	if (!file) {
		disasm_usage(stderr);
		return EXIT_USAGE;
	}
	if (load_program_file(file, &insns, &cnt))
		return EXIT_FAIL;
	for (size_t i = 0; i < cnt;) {
		int n = bpfvm_disasm_insn(insns, cnt, i, sx, line, sizeof(line));

		if (n < 0) {
			fflush(stdout);
			fprintf(stderr, "bpfvm disasm: %s: insn %zu: %s\n", file, i, line);
			ret = EXIT_FAIL;
			i++;
			continue;
		}
		printf("%4zu: %s\n", i, line);
		i += (size_t)n;
	}
	if (fflush(stdout))
		ret = EXIT_FAIL;
	free(insns);
	return ret;
}
