/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* kill: signal 0 probes, ESRCH once reaped, EINVAL bad signals, ignored signals do nothing. */
#include "abi.h"

int main(void)
{
	pid_t pid = fork();

	if (pid == 0) {
		for (;;)
			pause();
	}
	SHOW(kill(pid, 0));
	SHOW(kill(pid, 65));
	SHOW(kill(pid, -1));
	SHOW(kill(pid, SIGKILL));
	abi_wait_child("child", pid);
	SHOW(kill(pid, 0));
	SHOW(kill(pid, SIGTERM));
	SHOW(kill(0x3fffffff, 0));
	signal(SIGUSR2, SIG_IGN);
	SHOW(kill(getpid(), SIGUSR2));
	SHOW(kill(getpid(), 0));
	printf("survived an ignored SIGUSR2\n");
	return 0;
}
