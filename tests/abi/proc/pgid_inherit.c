/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* fork inherits session and process group; getsid/getpgid of others; ESRCH once reaped. */
#include "abi.h"

int main(void)
{
	pid_t sid = getsid(0), pgid = getpgrp();
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
		FACT("child: same session", getsid(0) == sid);
		FACT("child: same group", getpgrp() == pgid);
		FACT("child: not a group leader", getpgrp() != getpid());
		_exit(0);
	}
	close(p[0]);
	FACT("getsid(child) == getsid(0)", getsid(pid) == sid);
	FACT("getpgid(child) == getpgrp()", getpgid(pid) == pgid);
	close(p[1]);
	abi_wait_child("child", pid);
	SHOW(getsid(pid));
	SHOW(getpgid(pid));
	return 0;
}
