/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* The trace of A*A for an n x n integer matrix A[i][j] = (i*j + 7) % 13. */
#include "proj.h"

uint64_t matrix_trace(unsigned n)
{
	uint64_t trace = 0;

	for (unsigned i = 0; i < n; i++)
		for (unsigned k = 0; k < n; k++)
			trace += (uint64_t)((i * k + 7) % 13) * ((k * i + 7) % 13);
	return trace;
}
