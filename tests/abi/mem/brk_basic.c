/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* brk grows and shrinks, new memory is zero, above the break faults, bad requests fail. */
#include "abi.h"

#include <stdint.h>

#define PAGE 4096UL

static char *sys_brk(void *p)
{
	return (char *)syscall(SYS_brk, p);
}

int main(void)
{
	char *cur = sys_brk(0), *want = cur + 64 * 1024, *above;
	size_t i, nonzero = 0;

	FACT("brk(cur + 64 KiB) returns it", sys_brk(want) == want);
	FACT("brk(0) reports it", sys_brk(0) == want);
	for (i = 0; i < 64 * 1024; i++)
		nonzero += cur[i] != 0;
	printf("nonzero bytes in the new area: %zu\n", nonzero);
	memset(cur, 'b', 64 * 1024);
	FACT("brk(cur) shrinks", sys_brk(cur) == cur);
	above = (char *)(((uintptr_t)cur + PAGE - 1) & ~(PAGE - 1)) + 2 * PAGE;
	abi_probe("read above the shrunk break", above, 0);
	FACT("brk(1) leaves the break", sys_brk((void *)1) == cur);
	FACT("brk(cur + 1 TiB) leaves the break", sys_brk(cur + (1UL << 40)) == cur);
	FACT("regrow", sys_brk(want) == want);
	printf("regrown page is zero again: %s\n", above[0] == 0 && above[100] == 0 ? "yes" : "no");
	FACT("shrink", sys_brk(cur) == cur);
	return 0;
}
