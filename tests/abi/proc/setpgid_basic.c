/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* setpgid/getpgid: a child joins or creates groups; ESRCH, EINVAL and EPERM cases. */
#include "abi.h"

int main(void)
{
	int p[2];
	pid_t pid;
	char c;

	if (pipe(p) != 0)
		return 1;
	pid = fork();
	if (pid == 0) {
		close(p[1]);
		if (read(p[0], &c, 1) < 0)
			_exit(1);
		_exit(0);
	}
	close(p[0]);
	FACT("child starts in our group", getpgid(pid) == getpgrp());
	SHOW(setpgid(pid, pid));
	FACT("child leads its own group", getpgid(pid) == pid);
	SHOW(setpgid(pid, getpgrp()));
	FACT("child back in our group", getpgid(pid) == getpgrp());
	SHOW(setpgid(pid, -1));
	SHOW(setpgid(0x3fffffff, 0));
	SHOW(getpgid(0x3fffffff));
	SHOW(setpgid(getppid(), 0));
	SHOW(setpgid(0, 0));
	FACT("getpgid(0) == getpgrp()", getpgid(0) == getpgrp());
	close(p[1]);
	abi_wait_child("child", pid);
	return 0;
}
