/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* setsid: EPERM for a group leader; a child gets a new session and group named by its pid. */
#include "abi.h"

static int child(void *arg)
{
	pid_t me = getpid();

	(void)arg;
	FACT("child: in the parent's session", getsid(0) == getsid(getppid()));
	FACT("child: setsid() returns its pid", setsid() == me);
	FACT("child: getsid(0) == pid", getsid(0) == me);
	FACT("child: getpgrp() == pid", getpgrp() == me);
	SHOW(setsid());
	SHOW(setpgid(0, getpgid(getppid())));
	return 0;
}

int main(void)
{
	FACT("test runs as a session leader", getsid(0) == getpid());
	SHOW(setsid());
	abi_run_child("child", child, NULL);
	SHOW(getsid(0x3fffffff));
	return 0;
}
