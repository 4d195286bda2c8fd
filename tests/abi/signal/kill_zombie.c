/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* kill finds a zombie until it is reaped (by pid and by group), and checks permission on it. */
/* abi: glibc */
#include "abi.h"

#include <grp.h>

int main(void)
{
	siginfo_t si;
	pid_t z = fork(), user;

	if (z == 0) {
		setpgid(0, 0);
		_exit(3);
	}
	setpgid(z, z);
	waitid(P_PID, z, &si, WEXITED | WNOWAIT); /* a zombie now */
	SHOW(kill(z, 0));
	SHOW(kill(z, SIGKILL));
	SHOW(kill(-z, SIGTERM));
	SHOW(syscall(SYS_tgkill, z, z, 0));
	user = fork();
	if (user == 0) {
		if (setgroups(0, NULL) || setresgid(1000, 1000, 1000) ||
		    setresuid(1000, 1000, 1000))
			_exit(99);
		SHOW(kill(z, 0));
		SHOW(kill(-z, SIGTERM));
		_exit(0);
	}
	abi_wait_child("uid 1000", user);
	abi_wait_child("zombie", z);
	SHOW(kill(z, 0));
	SHOW(kill(-z, 0));
	return 0;
}
