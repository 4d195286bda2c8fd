/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* readdir of /sys/devices/system/cpu lists cpu0..cpuN-1, one per configured CPU, beside the list files. */
/* abi: glibc */
#include "abi.h"

#include <dirent.h>

int main(void)
{
	DIR *d = opendir("/sys/devices/system/cpu");
	long conf = sysconf(_SC_NPROCESSORS_CONF), cpus = 0, highest = -1;
	int files = 0, dots = 0, dirs = 1;
	struct dirent *e;

	if (!d) {
		printf("opendir: %s\n", abi_errname(errno));
		return 1;
	}
	while ((e = readdir(d)) != NULL) {
		char *end;
		long n;

		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			dots++;
		if (!strcmp(e->d_name, "online") || !strcmp(e->d_name, "possible") ||
		    !strcmp(e->d_name, "present") || !strcmp(e->d_name, "offline") ||
		    !strcmp(e->d_name, "kernel_max"))
			files += e->d_type == DT_REG;
		if (strncmp(e->d_name, "cpu", 3) || e->d_name[3] < '0' || e->d_name[3] > '9')
			continue;
		n = strtol(e->d_name + 3, &end, 10);
		if (*end)
			continue;
		cpus++;
		highest = n > highest ? n : highest;
		dirs &= e->d_type == DT_DIR;
	}
	closedir(d);
	printf(". and ..: %d\n", dots);
	printf("list files: %d\n", files);
	FACT("one cpuN per configured CPU", cpus == conf);
	FACT("numbered from 0 without gaps", highest == cpus - 1);
	FACT("cpuN are directories", dirs);
	SHOW(access("/sys/devices/system/cpu/cpu0/topology/core_id", R_OK));
	SHOW(access("/sys/devices/system/cpu/cpu0/topology", X_OK));
	SHOW(open("/sys/devices/system/cpu/cpu01", O_RDONLY));
	SHOW(open("/sys/devices/system/cpu/cpu4096", O_RDONLY));
	SHOW(open("/sys/devices/system/cpu/online", O_RDONLY | O_DIRECTORY));
	SHOW(open("/sys/devices/system/cpu/online/x", O_RDONLY));
	return 0;
}
