/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* kill(-pgid) signals every member of the group; kill(0) signals the caller's own group. */
#include "abi.h"

static pid_t spawn(pid_t pgid)
{
	pid_t pid = fork();

	if (pid == 0) {
		setpgid(0, pgid);
		for (;;)
			pause();
	}
	setpgid(pid, pgid ? pgid : pid);
	return pid;
}

int main(void)
{
	pid_t a, b, c, d;

	a = spawn(0);
	b = spawn(a);
	c = spawn(0);
	SHOW(kill(-a, SIGTERM));
	abi_wait_child("a (group a)", a);
	abi_wait_child("b (group a)", b);
	SHOW(kill(c, 0));
	SHOW(kill(-c, SIGINT));
	abi_wait_child("c (group c)", c);
	SHOW(kill(-c, 0));
	signal(SIGUSR1, SIG_IGN);
	d = fork();
	if (d == 0) {
		for (;;)
			pause();
	}
	SHOW(kill(0, SIGUSR1));
	SHOW(kill(d, SIGKILL));
	abi_wait_child("d (own group, ignoring)", d);
	return 0;
}
