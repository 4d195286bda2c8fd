/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* [vvar] cannot be written or made writable; [vdso] cannot be written in place. */
/* abi: glibc */
#include <sys/auxv.h>
#include <sys/mman.h>
#include "abi.h"

/* The [name] line's range from /proc/self/maps. */
static int find(const char *name, unsigned long *start, unsigned long *end)
{
	char line[512];
	int found = 0;
	FILE *f = fopen("/proc/self/maps", "r");

	while (f && fgets(line, sizeof(line), f))
		if (strstr(line, name) && sscanf(line, "%lx-%lx", start, end) == 2)
			found = 1;
	if (f)
		fclose(f);
	return found;
}

int main(void)
{
	unsigned long vs, ve, ds, de;

	CHECK(find("[vvar]", &vs, &ve) && find("[vdso]", &ds, &de));
	SHOW(mprotect((void *)vs, ve - vs, PROT_READ | PROT_WRITE));
	abi_probe("write [vvar]", (volatile char *)vs, 1);
	abi_probe("write [vdso]", (volatile char *)ds, 1);
	abi_probe("read [vdso]", (volatile char *)ds, 0);
	FACT("[vdso] still at AT_SYSINFO_EHDR", ds == getauxval(AT_SYSINFO_EHDR));
	return 0;
}
