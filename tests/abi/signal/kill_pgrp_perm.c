/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* kill of a process group as uid 1000: 0 if any member was signalled, EPERM if none could be. */
/* abi: glibc */
#include "abi.h"

#include <grp.h>

static int ready[2];

static pid_t member(pid_t pgid, uid_t uid)
{
	pid_t pid = fork();
	char c;

	if (pid == 0) {
		setpgid(0, pgid);
		if (uid && setresuid(uid, uid, uid))
			_exit(99);
		write(ready[1], "x", 1);
		for (;;)
			pause();
	}
	setpgid(pid, pgid);    /* both sides, so it is done before anyone signals */
	read(ready[0], &c, 1); /* and its uid taken */
	return pid;
}

int main(void)
{
	pid_t a, b, c, user;

	pipe(ready);
	a = member(0, 0);
	b = member(a, 1000);
	c = member(0, 0);
	user = fork();
	if (user == 0) {
		if (setgroups(0, NULL) || setresgid(1000, 1000, 1000) ||
		    setresuid(1000, 1000, 1000))
			_exit(99);
		SHOW(kill(-a, 0));
		SHOW(kill(-c, 0));
		SHOW(kill(-c, SIGTERM));
		SHOW(kill(-a, SIGTERM));
		_exit(0);
	}
	abi_wait_child("uid 1000", user);
	abi_wait_child("its group's uid 1000 member", b);
	SHOW(kill(a, 0));
	SHOW(kill(c, 0));
	kill(a, SIGKILL);
	kill(c, SIGKILL);
	abi_wait_child("root member", a);
	abi_wait_child("root's own group", c);
	return 0;
}
