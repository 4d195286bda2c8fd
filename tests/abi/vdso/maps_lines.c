/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* /proc/self/maps shows one [vdso] (r-xp, at AT_SYSINFO_EHDR) and a read-only [vvar] below it. */
/* abi: glibc */
#include <sys/auxv.h>
#include "abi.h"

int main(void)
{
	unsigned long at = getauxval(AT_SYSINFO_EHDR);
	unsigned long start, end, vvar_end = 0;
	int vdso = 0, vvar = 0, vdso_at = 0, vdso_rx = 0, vvar_ro = 0, vvar_below = 0;
	char line[512], perms[8];
	FILE *f = fopen("/proc/self/maps", "r");

	if (!f)
		return 1;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%lx-%lx %7s", &start, &end, perms) != 3)
			continue;
		if (strstr(line, "[vdso]")) {
			vdso++;
			vdso_at = start == at;
			vdso_rx = !strcmp(perms, "r-xp");
			vvar_below = vvar_end && vvar_end <= start;
		} else if (strstr(line, "[vvar]")) {
			vvar++;
			vvar_ro = !strcmp(perms, "r--p");
			vvar_end = end;
		}
	}
	fclose(f);
	FACT("one [vdso]", vdso == 1);
	FACT("[vdso] starts at AT_SYSINFO_EHDR", vdso_at);
	FACT("[vdso] r-xp", vdso_rx);
	FACT("one [vvar]", vvar == 1);
	FACT("[vvar] r--p", vvar_ro);
	FACT("[vvar] below [vdso]", vvar_below);
	return 0;
}
