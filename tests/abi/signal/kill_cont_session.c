/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Kill permission: SIGCONT to any process of the caller's session is allowed, other signals are not. */
/* abi: glibc */
#include "abi.h"

#include <grp.h>

int main(void)
{
	int ready[2];
	pid_t same = fork(), other, user;
	char c;

	if (same == 0) {
		for (;;)
			pause();
	}
	pipe(ready);
	other = fork();
	if (other == 0) {
		setsid(); /* a root process in another session */
		write(ready[1], "x", 1);
		for (;;)
			pause();
	}
	read(ready[0], &c, 1);
	user = fork();
	if (user == 0) {
		if (setgroups(0, NULL) || setresgid(1000, 1000, 1000) ||
		    setresuid(1000, 1000, 1000))
			_exit(99);
		SHOW(kill(same, SIGCONT));
		SHOW(kill(same, SIGTERM));
		SHOW(kill(same, 0));
		SHOW(kill(other, SIGCONT));
		SHOW(kill(other, SIGTERM));
		SHOW(syscall(SYS_tgkill, same, same, SIGCONT));
		_exit(0);
	}
	abi_wait_child("uid 1000", user);
	kill(same, SIGKILL);
	kill(other, SIGKILL);
	abi_wait_child("same session", same);
	abi_wait_child("other session", other);
	return 0;
}
