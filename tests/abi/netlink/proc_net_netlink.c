/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* /proc/net/netlink: the header, and a line for each bound socket with its port, groups and inode. */
/* abi: glibc */
#include <sys/stat.h>
#include "nl.h"

/* Print the line of the socket with inode ino (the sk column hidden). */
static void show_line(unsigned long ino)
{
	char line[256];
	FILE *f = fopen("/proc/net/netlink", "r");
	int found = 0;

	if (!f)
		return (void)printf("open: %s\n", abi_errname(errno));
	if (fgets(line, sizeof(line), f))
		printf("header: %s", line);
	while (fgets(line, sizeof(line), f)) {
		int eth;
		unsigned pid, groups, rmem, wmem, dump, locks, drops;
		unsigned long i;

		if (sscanf(line, "%*s %d %u %x %u %u %u %u %u %lu", &eth, &pid, &groups, &rmem,
			   &wmem, &dump, &locks, &drops, &i) == 9 &&
		    i == ino) {
			found = 1;
			printf("eth %d pid %s groups %#x rmem_zero %d drops %u\n", eth,
			       pid == (unsigned)getpid() ? "getpid" : "other", groups, rmem == 0,
			       drops);
		}
	}
	fclose(f);
	printf("listed: %s\n", found ? "yes" : "no");
}

int main(void)
{
	struct sockaddr_nl a = {.nl_family = AF_NETLINK, .nl_groups = 3};
	int s = nl_socket(0);
	struct stat st;

	SHOW(fstat(s, &st));
	show_line((unsigned long)st.st_ino); /* unbound: not listed */
	SHOW(bind(s, (void *)&a, sizeof(a)));
	show_line((unsigned long)st.st_ino);
	return 0;
}
