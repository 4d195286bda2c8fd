/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Kernel symbol table, for backtraces.  tools/gen-ksyms.py builds it from
 * the first link pass (see Makefile); layout: count, sorted addresses,
 * name offsets, NUL-terminated names.
 */
#include <klib/types.h>
#include "core.h"

/* ksyms_table[0] = count, then the sorted addresses */
extern const uint64_t ksyms_table[];

const char *ksym_lookup(uintptr_t addr, uintptr_t *offset)
{
	const uint64_t count = ksyms_table[0];
	const uint64_t *addrs = &ksyms_table[1];
	const uint32_t *name_off = (const uint32_t *)&addrs[count];
	const char *names = (const char *)&name_off[count];
	uint64_t lo = 0, hi = count;

	if (!count || addr < addrs[0])
		return NULL;
	while (hi - lo > 1) { /* last entry with addr[i] <= addr */
		uint64_t mid = (lo + hi) / 2;

		if (addrs[mid] <= addr)
			lo = mid;
		else
			hi = mid;
	}
	*offset = addr - addrs[lo];
	return names + name_off[lo];
}
