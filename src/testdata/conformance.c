/* SPDX-License-Identifier: MIT */
/*
 * conformance.c - reader of conformance test-data files (see the header).
 * A line holding "--" starts a section; '#' starts a comment except inside
 * the "-- asm" body, where the assembler handles comments itself.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/hex.h"
#include "testdata/conformance.h"

enum section { SEC_NONE, SEC_ASM, SEC_RAW, SEC_MEM, SEC_RESULT, SEC_ERROR,
	       SEC_IGNORED };

/* Appends n bytes to a growing NUL-terminated string. */
static int append(char **s, size_t *len, const char *p, size_t n)
{
	char *t = realloc(*s, *len + n + 2);

	if (!t)
		return -ENOMEM;
	memcpy(t + *len, p, n);
	*len += n;
	t[*len] = '\0';
	*s = t;
	return 0;
}

static char *read_linked(const char *path, const char *name, char *err,
			 size_t errsz, size_t lineno)
{
	char full[4096];
	const char *slash = path ? strrchr(path, '/') : NULL;
	FILE *f;
	char *buf = NULL;
	size_t len = 0, n;
	char chunk[4096];

	if (!path) {
		snprintf(err, errsz, "line %zu: file link '@ %s' needs a data file path",
			 lineno, name);
		return NULL;
	}
	if (slash)
		snprintf(full, sizeof(full), "%.*s/%s", (int)(slash - path), path, name);
	else
		snprintf(full, sizeof(full), "%s", name);
	f = fopen(full, "r");
	if (!f) {
		snprintf(err, errsz, "line %zu: cannot open linked file %s", lineno, full);
		return NULL;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		if (append(&buf, &len, chunk, n)) {
			free(buf);
			buf = NULL;
			break;
		}
	fclose(f);
	if (!buf)
		buf = calloc(1, 1);
	return buf;
}

static int parse_u64(const char *s, uint64_t *v)
{
	char *end;

	while (*s == ' ' || *s == '\t')
		s++;
	if (!*s)
		return -1;
	errno = 0;
	if (*s == '-')
		*v = (uint64_t)strtoll(s, &end, 0);
	else
		*v = strtoull(s, &end, 0);
	while (*end == ' ' || *end == '\t' || *end == '\r')
		end++;
	return errno || *end ? -1 : 0;
}

static enum section section_of(const char *name, struct bpf_testdata *td)
{
	if (!strncmp(name, "asm", 3))
		return SEC_ASM;
	if (!strcmp(name, "raw"))
		return SEC_RAW;
	if (!strncmp(name, "mem", 3))
		return SEC_MEM;
	if (!strcmp(name, "result"))
		return SEC_RESULT;
	if (!strncmp(name, "error", 5)) {
		td->expect_error = 1;
		return SEC_ERROR;
	}
	if (!strcmp(name, "no jit"))
		td->no_jit = 1;
	if (!strcmp(name, "reload") || !strcmp(name, "unload"))
		td->needs_reload = 1;
	return SEC_IGNORED;
}

int bpf_testdata_parse(const char *text, const char *path,
		       struct bpf_testdata *td, char *err, size_t errsz)
{
	enum section sec = SEC_NONE;
	char *mem_text = NULL, *err_text = NULL;
	size_t asm_len = 0, mem_len = 0, err_len = 0, lineno = 0;
	const char *p = text;
	int ret = 0;

	memset(td, 0, sizeof(*td));
	while (*p && !ret) {
		const char *eol = strchr(p, '\n');
		size_t n = eol ? (size_t)(eol - p) : strlen(p);
		char line[1024];
		char *sep, *hash;

		lineno++;
		if (n >= sizeof(line)) {
			snprintf(err, errsz, "line %zu: line too long", lineno);
			ret = -EINVAL;
			break;
		}
		memcpy(line, p, n);
		line[n] = '\0';
		p = eol ? eol + 1 : p + n;

		sep = strstr(line, "--");
		hash = strchr(line, '#');
		if (sep && (!hash || sep < hash)) {
			char *name = sep + 2, *at;

			while (*name == ' ')
				name++;
			name[strcspn(name, "\r")] = '\0';
			sec = section_of(name, td);
			at = strchr(name, '@');
			if (at && (sec == SEC_ASM || sec == SEC_MEM)) {
				char *file = at + 1, *body;

				while (*file == ' ')
					file++;
				file[strcspn(file, " \t\r")] = '\0';
				body = read_linked(path, file, err, errsz, lineno);
				if (!body) {
					ret = -ENOENT;
					break;
				}
				if (sec == SEC_ASM)
					ret = append(&td->asm_text, &asm_len, body, strlen(body));
				else
					ret = append(&mem_text, &mem_len, body, strlen(body));
				free(body);
				sec = SEC_IGNORED;
			}
			continue;
		}
		if (sec == SEC_ASM) {
			ret = append(&td->asm_text, &asm_len, line, n);
			if (!ret)
				ret = append(&td->asm_text, &asm_len, "\n", 1);
			continue;
		}
		if (hash)
			*hash = '\0';
		if (strspn(line, " \t\r") == strlen(line))
			continue;
		switch (sec) {
		case SEC_RAW: {
			uint64_t v, *r;

			if (parse_u64(line, &v)) {
				snprintf(err, errsz, "line %zu: invalid raw instruction '%s'",
					 lineno, line);
				ret = -EINVAL;
				break;
			}
			r = realloc(td->raw, (td->nr_raw + 1) * sizeof(*r));
			if (!r) {
				ret = -ENOMEM;
				break;
			}
			td->raw = r;
			r[td->nr_raw++] = v;
			break;
		}
		case SEC_MEM:
			ret = append(&mem_text, &mem_len, line, strlen(line));
			if (!ret)
				ret = append(&mem_text, &mem_len, "\n", 1);
			break;
		case SEC_RESULT:
			if (td->has_result || parse_u64(line, &td->result)) {
				snprintf(err, errsz, "line %zu: invalid result '%s'",
					 lineno, line);
				ret = -EINVAL;
			}
			td->has_result = 1;
			break;
		case SEC_ERROR:
			ret = append(&err_text, &err_len, line, strlen(line));
			break;
		case SEC_NONE:
			snprintf(err, errsz, "line %zu: text outside any section", lineno);
			ret = -EINVAL;
			break;
		default:
			break;
		}
	}
	if (!ret && mem_text) {
		td->has_mem = 1;
		ret = bpf_hex_parse(mem_text, &td->mem, &td->mem_len, err, errsz);
		if (td->mem_len == 0) {
			free(td->mem);
			td->mem = NULL;
		}
	}
	free(mem_text);
	td->error_text = err_text;
	if (!ret && !td->asm_text && !td->raw) {
		snprintf(err, errsz, "no program (neither '-- asm' nor '-- raw')");
		ret = -EINVAL;
	}
	/* With both "-- asm" and "-- raw" and nothing else, the file tests the
	 * assembler: asm must assemble to raw (uBPF's alu.data and kin). */
	if (!ret && !td->has_result && !td->expect_error && !(td->asm_text && td->raw)) {
		snprintf(err, errsz, "no expectation (neither '-- result' nor '-- error')");
		ret = -EINVAL;
	}
	if (ret)
		bpf_testdata_free(td);
	return ret;
}

void bpf_testdata_free(struct bpf_testdata *td)
{
	free(td->asm_text);
	free(td->raw);
	free(td->mem);
	free(td->error_text);
	memset(td, 0, sizeof(*td));
}
