/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* /proc/self/smaps_rollup: one [rollup] line, then Linux's totals in order. */
#include "abi.h"

int main(void)
{
	static char buf[8192];
	char *line = buf, *first;
	char name[64];
	unsigned long kb;
	int fd = open("/proc/self/smaps_rollup", O_RDONLY);

	SHOW_OK(fd);
	abi_read_all(fd, buf, sizeof(buf));
	close(fd);
	first = strchr(buf, '\n');
	if (first)
		*first++ = '\0';
	FACT("first line names [rollup]", strstr(buf, " [rollup]") != NULL);
	FACT("first line is ---p", strstr(buf, " ---p 00000000 00:00 0 ") != NULL);
	line = first;
	while (line && *line) {
		char *next = strchr(line, '\n');

		if (next)
			*next++ = '\0';
		if (sscanf(line, "%63s %lu kB", name, &kb) == 2)
			printf("%s kB\n", name);
		else
			printf("odd line: %s\n", line);
		line = next;
	}
	return 0;
}
