/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* /proc/self/stat: pid, (comm), state R, ppid, pgrp and session fields match the getters. */
#include "abi.h"

int main(void)
{
	char buf[1024], comm[64] = "", *open_paren, *close_paren;
	int fd, pid, ppid, pgrp, sid;
	char state;

	fd = open("/proc/self/stat", O_RDONLY);
	abi_read_all(fd, buf, sizeof(buf));
	close(fd);
	pid = atoi(buf);
	open_paren = strchr(buf, '(');
	close_paren = strrchr(buf, ')');
	if (!open_paren || !close_paren) {
		printf("FAIL: no (comm)\n");
		return 1;
	}
	memcpy(comm, open_paren + 1, (size_t)(close_paren - open_paren - 1));
	sscanf(close_paren + 2, "%c %d %d %d", &state, &ppid, &pgrp, &sid);
	printf("comm = \"%s\"\n", comm);
	printf("state = %c\n", state);
	FACT("pid", pid == getpid());
	FACT("ppid", ppid == getppid());
	FACT("pgrp", pgrp == getpgrp());
	FACT("session", sid == getsid(0));
	FACT("ends with a newline", buf[strlen(buf) - 1] == '\n');
	return 0;
}
