/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* qsort of pseudo-random numbers, summarised as a position-weighted sum. */
#include <stdlib.h>
#include "proj.h"

static int cmp(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return (x > y) - (x < y);
}

uint64_t sort_checksum(unsigned n)
{
	uint32_t *v = malloc(n * sizeof(*v)), seed = 12345;
	uint64_t sum = 0;

	if (!v)
		return 0;
	for (unsigned i = 0; i < n; i++) {
		seed = seed * 1103515245u + 12345u;
		v[i] = seed >> 8;
	}
	qsort(v, n, sizeof(*v), cmp);
	for (unsigned i = 0; i < n; i++)
		sum += (uint64_t)v[i] * (i + 1);
	free(v);
	return sum;
}
