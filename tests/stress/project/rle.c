/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Run-length encoding: "aaab" becomes "3a1b"; returns the length. */
#include <stdio.h>
#include "proj.h"

size_t rle_encode(const char *in, char *out)
{
	size_t o = 0;

	while (*in) {
		char c = *in;
		int n = 0;
		while (*in == c) {
			in++;
			n++;
		}
		o += sprintf(out + o, "%d%c", n, c);
	}
	out[o] = '\0';
	return o;
}
