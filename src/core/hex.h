/* SPDX-License-Identifier: MIT */
/*
 * hex.h - parsing of hex byte dumps ("01 02 0a", "01020a", hexdump-style
 * lines with an "offset:" prefix), shared by the CLI and the test-data
 * reader.
 */
#ifndef BPFVM_CORE_HEX_H
#define BPFVM_CORE_HEX_H

#include <stddef.h>
#include <stdint.h>

/* Parses text into a malloc'ed buffer (*bufp may be NULL when empty).
 * Whitespace separates nothing in particular: digits pair up in order. A
 * word ending in ':' at the start of a line is an offset and is skipped.
 * Returns 0, or -EINVAL with "line L: ..." in err (odd digit count, a
 * non-hex character). */
int bpf_hex_parse(const char *text, uint8_t **bufp, size_t *lenp, char *err,
		  size_t errsz);

#endif
