/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* kill(-1) as an unprivileged user: only its own uid's processes, never itself; EPERM ones do not count. */
/* abi: glibc */
#include "abi.h"

#include <grp.h>

int main(void)
{
	pid_t root_child = fork(), user;

	if (root_child == 0) {
		for (;;)
			pause();
	}
	user = fork();
	if (user == 0) {
		/* a uid nothing else on the machine runs as */
		if (setgroups(0, NULL) || setresgid(54321, 54321, 54321) ||
		    setresuid(54321, 54321, 54321))
			_exit(99);
		SHOW(kill(-1, 0));
		pid_t mine = fork();

		if (mine == 0) {
			for (;;)
				pause();
		}
		SHOW(kill(-1, SIGTERM));
		abi_wait_child("own child", mine);
		SHOW(kill(-1, SIGTERM));
		printf("the caller survived\n");
		_exit(0);
	}
	abi_wait_child("uid 54321", user);
	SHOW(kill(root_child, 0));
	kill(root_child, SIGKILL);
	abi_wait_child("root's child", root_child);
	return 0;
}
