/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Kernel symbol table, for backtraces.  tools/gen-ksyms.py builds it from
 * the first link pass (see Makefile); layout: count, sorted addresses,
 * name offsets, NUL-terminated names.
 */
#include <klib/types.h>
#include "core.h"

struct ksyms {
	uint64_t count;
	uint64_t addr[];
};
extern const struct ksyms ksyms_table;

const char *ksym_lookup(uintptr_t addr, uintptr_t *offset)
{
	const struct ksyms *t = &ksyms_table;
	const uint32_t *name_off = (const uint32_t *)&t->addr[t->count];
	const char *names = (const char *)&name_off[t->count];
	uint64_t lo = 0, hi = t->count;

	if (!t->count || addr < t->addr[0])
		return NULL;
	while (hi - lo > 1) { /* last entry with addr[i] <= addr */
		uint64_t mid = (lo + hi) / 2;

		if (t->addr[mid] <= addr)
			lo = mid;
		else
			hi = mid;
	}
	*offset = addr - t->addr[lo];
	return names + name_off[lo];
}
