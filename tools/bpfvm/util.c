/* SPDX-License-Identifier: MIT */
/*
 * util.c - helpers the CLI commands share (declared in cmds.h): reading a
 * file or stdin, loading a program from raw instructions or assembly, and
 * parsing hex byte strings.
 *
 * load_program_file() decides between raw and text like this:
 *   1. an ELF file is refused (the ELF loader is a separate command);
 *   2. extension .s, .asm or .txt: assembly text;
 *   3. extension .bin, .raw or .o: raw little-endian struct bpf_insn
 *      (the size must be a multiple of 8);
 *   4. anything else, including stdin ("-"): raw when the size is a
 *      non-zero multiple of 8 and the bytes are not text (a NUL or another
 *      control character than tab, CR, LF, FF, VT); assembly otherwise.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bpfvm/asm.h"
#include "cmds.h"
#include "core/hex.h"

char *read_file(const char *path, size_t *lenp)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	size_t len = 0, cap = 4096;
	char *buf;

	if (!f) {
		fprintf(stderr, "bpfvm: %s: %s\n", path, strerror(errno));
		return NULL;
	}
	buf = malloc(cap);
	errno = 0;
	while (buf) {
		size_t n = fread(buf + len, 1, cap - len - 1, f);

		len += n;
		if (n == 0)
			break;
		if (len + 1 == cap) {
			char *nb = cap > ((size_t)1 << 40) ? NULL : realloc(buf, cap * 2);

			if (!nb) {
				free(buf);
				buf = NULL;
				errno = ENOMEM;
				break;
			}
			buf = nb;
			cap *= 2;
		}
	}
	if (buf && ferror(f)) { /* e.g. EISDIR from fread */
		free(buf);
		buf = NULL;
		if (!errno)
			errno = EIO;
	}
	if (!buf)
		fprintf(stderr, "bpfvm: %s: %s\n", path, strerror(errno ? errno : ENOMEM));
	if (f != stdin)
		fclose(f);
	if (!buf)
		return NULL;
	buf[len] = 0;
	if (lenp)
		*lenp = len;
	return buf;
}

static const char *extension(const char *path)
{
	const char *slash = strrchr(path, '/'), *dot = strrchr(path, '.');

	return dot && (!slash || dot > slash) && dot[1] ? dot : "";
}

static int looks_like_text(const char *p, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)p[i];

		if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' &&
		    c != '\v')
			return 0;
		if (c == 0x7f)
			return 0;
	}
	return 1;
}

int load_program_file(const char *path, struct bpf_insn **insnsp, size_t *cntp)
{
	const char *ext = extension(path);
	size_t len = 0;
	char *data = read_file(path, &len);
	int raw;

	*insnsp = NULL;
	*cntp = 0;
	if (!data)
		return -1;
	if (len >= 4 && !memcmp(data, "\x7f" "ELF", 4)) {
		fprintf(stderr, "bpfvm: %s: is an ELF object; give raw instructions "
			"or assembly\n", path);
		free(data);
		return -1;
	}
	if (!strcmp(ext, ".s") || !strcmp(ext, ".asm") || !strcmp(ext, ".txt"))
		raw = 0;
	else if (!strcmp(ext, ".bin") || !strcmp(ext, ".raw") || !strcmp(ext, ".o"))
		raw = 1;
	else
		raw = len && len % 8 == 0 && !looks_like_text(data, len);
	if (raw) {
		const unsigned char *b = (const unsigned char *)data;
		struct bpf_insn *insns;

		if (len % 8) {
			fprintf(stderr, "bpfvm: %s: size %zu is not a multiple of 8 "
				"(raw instructions)\n", path, len);
			free(data);
			return -1;
		}
		insns = calloc(len / 8 ? len / 8 : 1, sizeof(*insns));
		if (!insns) {
			fprintf(stderr, "bpfvm: %s: out of memory\n", path);
			free(data);
			return -1;
		}
		/* Decode little-endian bytes field by field, so that the result
		 * does not depend on the host's bit-field layout. */
		for (size_t i = 0; i < len / 8; i++, b += 8) {
			insns[i].code = b[0];
			insns[i].dst_reg = b[1] & 0xf;
			insns[i].src_reg = b[1] >> 4;
			insns[i].off = (int16_t)(uint16_t)(b[2] | b[3] << 8);
			insns[i].imm = (int32_t)((uint32_t)b[4] | (uint32_t)b[5] << 8 |
						 (uint32_t)b[6] << 16 | (uint32_t)b[7] << 24);
		}
		*insnsp = insns;
		*cntp = len / 8;
	} else {
		char err[512];

		if (memchr(data, 0, len)) {
			fprintf(stderr, "bpfvm: %s: binary data, but not raw instructions "
				"(size %zu is not a multiple of 8)\n", path, len);
			free(data);
			return -1;
		}
		if (bpfvm_asm(data, path, insnsp, cntp, err, sizeof(err))) {
			fprintf(stderr, "%s\n", err);
			free(data);
			return -1;
		}
	}
	free(data);
	return 0;
}

int parse_hex_bytes(const char *text, uint8_t **bufp, size_t *lenp,
		    char *err, size_t errsz)
{
	if (bpf_hex_parse(text, bufp, lenp, err, errsz))
		return -1;
	if (!*bufp) {
		*bufp = malloc(1);
		if (!*bufp) {
			snprintf(err, errsz, "out of memory");
			return -1;
		}
	}
	return 0;
}

int parse_count(const char *s, uint64_t *v)
{
	char *end;

	errno = 0;
	*v = strtoull(s, &end, 0);
	return (errno || *end || !*s || s[0] == '-' || *v == 0) ? -1 : 0;
}
