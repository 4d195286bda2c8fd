/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Kill permission: uid 1000 may not signal root's process (kill, tkill, tgkill, sigqueue), may signal its own. */
/* abi: glibc */
#include "abi.h"

#include <grp.h>

static pid_t sleeper(void)
{
	pid_t pid = fork();

	if (pid == 0) {
		for (;;)
			pause();
	}
	return pid;
}

int main(void)
{
	pid_t root_child = sleeper(), user, mine;
	siginfo_t si;

	user = fork();
	if (user == 0) {
		if (setgroups(0, NULL) || setresgid(1000, 1000, 1000) ||
		    setresuid(1000, 1000, 1000))
			_exit(99);
		SHOW(kill(root_child, 0));
		SHOW(kill(root_child, SIGTERM));
		SHOW(kill(root_child, SIGKILL));
		SHOW(kill(root_child, 65));
		SHOW(syscall(SYS_tkill, root_child, SIGTERM));
		SHOW(syscall(SYS_tgkill, root_child, root_child, SIGTERM));
		memset(&si, 0, sizeof(si));
		si.si_code = SI_QUEUE;
		SHOW(syscall(SYS_rt_sigqueueinfo, root_child, SIGUSR1, &si));
		SHOW(syscall(SYS_rt_tgsigqueueinfo, root_child, root_child, SIGUSR1, &si));
		mine = sleeper();
		SHOW(kill(mine, 0));
		SHOW(syscall(SYS_rt_sigqueueinfo, mine, 0, &si));
		SHOW(syscall(SYS_tgkill, mine, mine, SIGTERM));
		abi_wait_child("own child", mine);
		SHOW(kill(getpid(), 0));
		_exit(0);
	}
	abi_wait_child("uid 1000", user);
	SHOW(kill(root_child, 0));
	SHOW(kill(root_child, SIGKILL));
	abi_wait_child("root's child", root_child);
	return 0;
}
