/* SPDX-License-Identifier: MIT */
/*
 * fuzz_testdata.c - libFuzzer target for the conformance data reader and
 * the hex parser: any input must parse or be rejected with a message,
 * never crash, hang or leak.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/hex.h"
#include "testdata/conformance.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	struct bpf_testdata td;
	char err[256];
	uint8_t *buf;
	size_t len;

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	err[0] = '\0';
	/* No path: "@ file" links are rejected, never followed. */
	if (bpf_testdata_parse(text, NULL, &td, err, sizeof(err)) == 0) {
		if (!td.asm_text && !td.raw)
			abort(); /* the reader promised a program */
		bpf_testdata_free(&td);
	} else if (!err[0]) {
		abort(); /* every rejection carries a message */
	}
	if (bpf_hex_parse(text, &buf, &len, err, sizeof(err)) == 0)
		free(buf);
	free(text);
	return 0;
}
