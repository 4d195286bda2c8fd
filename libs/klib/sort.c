/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Heap sorts of integer arrays (klib/sort.h). */
#include <klib/sort.h>

/* One sift-down and the sort around it, for element type T. */
#define DEFINE_HEAPSORT(name, T)                                   \
	static void name##_sift(T *v, size_t root, size_t n)       \
	{                                                          \
		for (size_t c; (c = 2 * root + 1) < n; root = c) { \
			if (c + 1 < n && v[c + 1] > v[c])          \
				c++;                               \
			if (v[root] >= v[c])                       \
				return;                            \
			T t = v[root];                             \
                                                                   \
			v[root] = v[c];                            \
			v[c] = t;                                  \
		}                                                  \
	}                                                          \
	void name(T *v, size_t n)                                  \
	{                                                          \
		for (size_t k = n / 2; k-- > 0;)                   \
			name##_sift(v, k, n);                      \
		for (size_t m = n; m-- > 1;) {                     \
			T t = v[0];                                \
                                                                   \
			v[0] = v[m];                               \
			v[m] = t;                                  \
			name##_sift(v, 0, m);                      \
		}                                                  \
	}

DEFINE_HEAPSORT(sort_u32, uint32_t)
DEFINE_HEAPSORT(sort_u64, uint64_t)
