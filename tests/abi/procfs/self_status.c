/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* /proc/self/status has Name, State, Pid, PPid, Uid and Gid lines that match the getters. */
#include "abi.h"

static const char *field(const char *buf, const char *name)
{
	static char val[128];
	const char *p = strstr(buf, name);
	size_t n = 0;

	if (!p)
		return "<missing>";
	p += strlen(name);
	while (*p == '\t' || *p == ' ')
		p++;
	while (p[n] && p[n] != '\n' && n < sizeof(val) - 1)
		n++;
	memcpy(val, p, n);
	val[n] = '\0';
	return val;
}

int main(void)
{
	char buf[8192], want[64];
	int fd;

	fd = open("/proc/self/status", O_RDONLY);
	abi_read_all(fd, buf, sizeof(buf));
	close(fd);
	printf("Name: %s\n", field(buf, "\nName:") == NULL ? "" : field(buf, "Name:"));
	printf("State: %s\n", field(buf, "\nState:"));
	snprintf(want, sizeof(want), "%d", (int)getpid());
	FACT("Pid matches", strcmp(field(buf, "\nPid:"), want) == 0);
	snprintf(want, sizeof(want), "%d", (int)getppid());
	FACT("PPid matches", strcmp(field(buf, "\nPPid:"), want) == 0);
	snprintf(want, sizeof(want), "%d\t%d\t%d\t%d", (int)getuid(), (int)geteuid(),
		 (int)geteuid(), (int)geteuid());
	FACT("Uid matches", strcmp(field(buf, "\nUid:"), want) == 0);
	snprintf(want, sizeof(want), "%d\t%d\t%d\t%d", (int)getgid(), (int)getegid(),
		 (int)getegid(), (int)getegid());
	FACT("Gid matches", strcmp(field(buf, "\nGid:"), want) == 0);
	return 0;
}
