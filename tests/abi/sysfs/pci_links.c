/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* /sys/bus/pci/devices holds one symlink per PCI function, named 0000:BB:DD.F, into /sys/devices/pci0000:00/... */
/* abi: glibc */
#include "abi.h"

#include <dirent.h>

#define DEVS "/sys/bus/pci/devices/"

int main(void)
{
	DIR *d = opendir(DEVS);
	int n = 0, links = 0, named = 0, targets = 0, dirs = 0;
	struct dirent *e;

	if (!d) {
		printf("opendir: %s\n", abi_errname(errno));
		return 1;
	}
	while ((e = readdir(d)) != NULL) {
		char path[300], target[300];
		unsigned seg, bus, dev, fn;
		char tail;
		struct stat st;
		ssize_t len;

		if (e->d_name[0] == '.')
			continue;
		n++;
		links += e->d_type == DT_LNK;
		named +=
			sscanf(e->d_name, "%4x:%2x:%2x.%1u%c", &seg, &bus, &dev, &fn, &tail) == 4 &&
			strlen(e->d_name) == 12 && dev < 32 && fn < 8;
		snprintf(path, sizeof(path), DEVS "%s", e->d_name);
		len = readlink(path, target, sizeof(target) - 1);
		if (len > 0) {
			target[len] = 0;
			targets += !strncmp(target, "../../../devices/pci0000:", 25) &&
				   !strcmp(target + len - 12, e->d_name) && target[len - 13] == '/';
		}
		dirs += stat(path, &st) == 0 && S_ISDIR(st.st_mode);
	}
	closedir(d);
	FACT("some PCI functions", n > 0);
	FACT("every entry a symlink (DT_LNK)", links == n);
	FACT("named 0000:BB:DD.F", named == n);
	FACT("targets below ../../../devices/pci0000:XX", targets == n);
	FACT("each leads to a directory", dirs == n);
	SHOW(access(DEVS "0000:00:00.0/vendor", R_OK));
	SHOW(open(DEVS "0000:00:00.8", O_RDONLY));
	SHOW(open(DEVS "0000:00:20.0", O_RDONLY));
	SHOW(open(DEVS "0000:00:00.0x", O_RDONLY));
	SHOW(open(DEVS "0000:00:00.0/nonexistent", O_RDONLY));
	SHOW(symlink("x", DEVS "0000:00:1f.7"));
	SHOW(unlink(DEVS "0000:00:00.0"));
	SHOW(open(DEVS "0000:00:00.0/vendor", O_WRONLY));
	return 0;
}
