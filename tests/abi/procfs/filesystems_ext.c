/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* /proc/filesystems lists ext2, ext3 and ext4 as block-device types (no "nodev"), tmpfs as nodev. */
/* abi: glibc */
#include "abi.h"

/* The line of /proc/filesystems naming `type`, tab shown as "\t". */
static void show(const char *type)
{
	char line[128], name[64];
	FILE *f = fopen("/proc/filesystems", "r");
	int found = 0;

	while (f && fgets(line, sizeof(line), f)) {
		char *tab = strchr(line, '\t');

		if (!tab)
			continue;
		snprintf(name, sizeof(name), "%s", tab + 1);
		name[strcspn(name, "\n")] = '\0';
		if (strcmp(name, type))
			continue;
		*tab = '\0';
		printf("%-6s [%s]\\t%s\n", type, line, name);
		found = 1;
	}
	if (!found)
		printf("%-6s missing\n", type);
	if (f)
		fclose(f);
}

int main(void)
{
	show("ext2");
	show("ext3");
	show("ext4");
	show("tmpfs");
	return 0;
}
