/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* /sys/devices/system/cpu/{online,possible,present,offline,kernel_max}: Linux's cpulist format, matching sysconf. */
/* abi: glibc */
#include "abi.h"

#include <ctype.h>

static char text[256];

/* The file's contents into `text`: its length, or -1. */
static ssize_t slurp(const char *name)
{
	char path[128];
	int fd;
	ssize_t n;

	snprintf(path, sizeof(path), "/sys/devices/system/cpu/%s", name);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	n = read(fd, text, sizeof(text) - 1);
	close(fd);
	text[n > 0 ? n : 0] = '\0';
	return n;
}

/* CPUs in a cpulist ("0-3,5\n"), or -1 when it is not one. */
static long count(const char *s)
{
	long n = 0, a, b;
	char *end;

	while (*s != '\n') {
		if (!isdigit((unsigned char)*s))
			return -1;
		a = b = strtol(s, &end, 10);
		if (*end == '-')
			b = strtol(end + 1, &end, 10);
		if (b < a || (*end != ',' && *end != '\n'))
			return -1;
		n += b - a + 1;
		s = *end == ',' ? end + 1 : end;
	}
	return s[1] == '\0' ? n : -1;
}

int main(void)
{
	long onln = sysconf(_SC_NPROCESSORS_ONLN), conf = sysconf(_SC_NPROCESSORS_CONF);

	FACT("online readable", slurp("online") > 0);
	FACT("online starts at cpu 0", text[0] == '0');
	FACT("online count matches sysconf(_SC_NPROCESSORS_ONLN)", count(text) == onln);
	FACT("possible readable", slurp("possible") > 0);
	FACT("possible count matches sysconf(_SC_NPROCESSORS_CONF)", count(text) == conf);
	FACT("present readable", slurp("present") > 0);
	FACT("present count at least online", count(text) >= onln);
	FACT("offline is an empty line", slurp("offline") == 1 && text[0] == '\n');
	slurp("kernel_max");
	FACT("kernel_max covers the possible CPUs", atol(text) >= conf - 1);
	slurp("online");
	{
		int fd = open("/sys/devices/system/cpu/online", O_RDONLY);
		char tail[64] = "";
		ssize_t n = pread(fd, tail, sizeof(tail) - 1, 2);

		FACT("pread at offset 2 reads the rest",
		     n == (ssize_t)strlen(text) - 2 && !strcmp(tail, text + 2));
		SHOW(pread(fd, tail, sizeof(tail), 4096));
		close(fd);
	}
	return 0;
}
