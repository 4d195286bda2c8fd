/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* eventfd: a blocked read ends with EINTR when a handler runs. */
/* abi: glibc */
#include "abi.h"
#include <stdint.h>
#include <sys/eventfd.h>

static void on_alarm(int sig)
{
	(void)sig;
}

int main(void)
{
	struct sigaction sa = {.sa_handler = on_alarm};
	uint64_t v;
	int fd = eventfd(0, 0);

	sigaction(SIGALRM, &sa, NULL);
	alarm(1);
	SHOW(read(fd, &v, 8));
	sa.sa_flags = SA_RESTART;
	sigaction(SIGALRM, &sa, NULL);
	pid_t pid = fork();

	if (pid == 0) {
		usleep(1500000);
		v = 9;
		write(fd, &v, 8);
		_exit(0);
	}
	alarm(1);
	SHOW(read(fd, &v, 8)); /* restarted after the handler */
	printf("value %llu\n", (unsigned long long)v);
	abi_wait_child("child", pid);
	return 0;
}
