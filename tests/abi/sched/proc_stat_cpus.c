/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* /proc/stat has a cpuN line per online CPU whose columns add up to the cpu line; /proc/cpuinfo one processor each. */
/* abi: glibc */
#include "abi.h"

#include <string.h>

int main(void)
{
	long online = sysconf(_SC_NPROCESSORS_ONLN);
	unsigned long long tot[10] = {0}, sum[10] = {0}, v[10];
	char line[512];
	int lines = 0, procs = 0, next = 0, inorder = 1, ten = 1;
	FILE *f = fopen("/proc/stat", "r");

	while (f && fgets(line, sizeof(line), f)) {
		int cpu, n;

		if (!strncmp(line, "cpu ", 4)) {
			n = sscanf(line + 4, "%llu %llu %llu %llu %llu %llu %llu %llu %llu %llu",
				   &tot[0], &tot[1], &tot[2], &tot[3], &tot[4], &tot[5], &tot[6],
				   &tot[7], &tot[8], &tot[9]);
			ten &= n == 10;
		} else if (sscanf(line, "cpu%d", &cpu) == 1) {
			n = sscanf(strchr(line, ' '),
				   "%llu %llu %llu %llu %llu %llu %llu %llu %llu %llu", &v[0],
				   &v[1], &v[2], &v[3], &v[4], &v[5], &v[6], &v[7], &v[8], &v[9]);
			ten &= n == 10;
			inorder &= cpu == next++;
			for (int i = 0; i < 10; i++)
				sum[i] += v[i];
			lines++;
		}
	}
	fclose(f);
	FACT("one cpuN line per online CPU", lines == online);
	FACT("numbered 0..N-1", inorder);
	FACT("ten columns each", ten);
	/* read at one instant: the totals are the sums (Linux: up to a tick per CPU) */
	FACT("user, system, idle add up", sum[0] + online >= tot[0] && sum[0] <= tot[0] + online &&
						  sum[2] + online >= tot[2] &&
						  sum[3] <= tot[3] + online);
	f = fopen("/proc/cpuinfo", "r");
	while (f && fgets(line, sizeof(line), f))
		procs += !strncmp(line, "processor\t:", 11);
	fclose(f);
	FACT("one processor entry per online CPU", procs == online);
	return 0;
}
