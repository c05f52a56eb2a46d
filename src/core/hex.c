/* SPDX-License-Identifier: MIT */
/*
 * hex.c - hex byte dump parsing (see hex.h).
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/hex.h"

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

int bpf_hex_parse(const char *text, uint8_t **bufp, size_t *lenp, char *err,
		  size_t errsz)
{
	size_t cap = strlen(text) / 2 + 1, n = 0, line = 1;
	uint8_t *buf = malloc(cap);
	int hi = -1, line_start = 1;
	const char *p = text;

	if (!buf)
		return -ENOMEM;
	while (*p) {
		if (line_start) {
			/* "0000:" / "0x10:" offset prefix of hexdump-style lines */
			const char *q = p;

			while (*q == ' ' || *q == '\t')
				q++;
			const char *w = q;
			while (*w && !isspace((unsigned char)*w) && *w != ':')
				w++;
			if (*w == ':' && w > q)
				p = w + 1;
			line_start = 0;
			continue;
		}
		if (*p == '\n') {
			line++;
			line_start = 1;
			p++;
			continue;
		}
		if (isspace((unsigned char)*p) || *p == ',') {
			p++;
			continue;
		}
		if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X') && hi < 0 &&
		    hexval((unsigned char)p[2]) >= 0) {
			p += 2; /* "0x41" style bytes */
			continue;
		}
		int v = hexval((unsigned char)*p);
		if (v < 0) {
			snprintf(err, errsz, "line %zu: invalid hex character '%c'",
				 line, isprint((unsigned char)*p) ? *p : '?');
			free(buf);
			return -EINVAL;
		}
		if (hi < 0) {
			hi = v;
		} else {
			buf[n++] = (uint8_t)(hi << 4 | v);
			hi = -1;
		}
		p++;
	}
	if (hi >= 0) {
		snprintf(err, errsz, "line %zu: odd number of hex digits", line);
		free(buf);
		return -EINVAL;
	}
	*bufp = buf;
	*lenp = n;
	return 0;
}
