/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* The number of solutions of the n-queens problem, by backtracking. */
#include "proj.h"

static unsigned place(unsigned n, unsigned row, unsigned cols, unsigned d1, unsigned d2)
{
	unsigned count = 0;

	if (row == n)
		return 1;
	for (unsigned c = 0; c < n; c++) {
		unsigned a = 1u << c, b = 1u << (row + c), e = 1u << (row + n - c);
		if ((cols & a) || (d1 & b) || (d2 & e))
			continue;
		count += place(n, row + 1, cols | a, d1 | b, d2 | e);
	}
	return count;
}

unsigned queens(unsigned n)
{
	return place(n, 0, 0, 0, 0);
}
