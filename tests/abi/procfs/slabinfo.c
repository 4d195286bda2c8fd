/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* /proc/slabinfo: root-only, version 2.1 header, then rows of 14 fields. */
#include "abi.h"

#include <sys/stat.h>

int main(void)
{
	static char buf[1 << 18];
	char name[64], *line, *next;
	unsigned long v[8];
	int fd, bad = 0, rows = 0, k64 = 0;
	struct stat st;

	SHOW(stat("/proc/slabinfo", &st));
	printf("mode %o\n", (unsigned)st.st_mode);
	fd = open("/proc/slabinfo", O_RDONLY);
	SHOW_OK(fd);
	abi_read_all(fd, buf, sizeof(buf));
	close(fd);
	line = strchr(buf, '\n');
	if (line)
		*line++ = '\0';
	printf("%s\n", buf);
	next = line ? strchr(line, '\n') : NULL;
	if (next)
		*next++ = '\0';
	printf("%s\n", line ? line : "(none)");
	for (line = next; line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		rows++;
		if (sscanf(line,
			   "%63s %lu %lu %lu %lu %lu : tunables %*u %*u %*u : slabdata %lu %lu %lu",
			   name, &v[0], &v[1], &v[2], &v[3], &v[4], &v[5], &v[6], &v[7]) != 9 ||
		    v[0] > v[1])
			bad++;
		else if (!strcmp(name, "kmalloc-64") && v[2] == 64 && v[1] > 0)
			k64 = 1;
	}
	FACT("has rows", rows > 0);
	FACT("every row parses", bad == 0);
	FACT("kmalloc-64 in use, objects of 64 bytes", k64);
	return 0;
}
