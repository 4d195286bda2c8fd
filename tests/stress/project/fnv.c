/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* The 64-bit FNV-1a hash of a string. */
#include "proj.h"

uint64_t fnv1a(const char *s)
{
	uint64_t h = 14695981039346656037ull;

	while (*s) {
		h ^= (unsigned char)*s++;
		h *= 1099511628211ull;
	}
	return h;
}
