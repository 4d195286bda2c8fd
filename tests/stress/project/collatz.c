/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* The start below a bound whose Collatz sequence is longest. */
#include "proj.h"

unsigned collatz_longest(unsigned below)
{
	unsigned best = 1, best_len = 0;

	for (unsigned s = 1; s < below; s++) {
		uint64_t x = s;
		unsigned len = 0;
		while (x != 1) {
			x = (x & 1) ? 3 * x + 1 : x / 2;
			len++;
		}
		if (len > best_len) {
			best_len = len;
			best = s;
		}
	}
	return best;
}
