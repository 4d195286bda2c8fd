/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Interval timers are not inherited by fork (the child starts disarmed) and survive execve. */
/* abi: glibc */
#include <sys/time.h>
#include "abi.h"

static void show(const char *who)
{
	struct itimerval r, v;

	getitimer(ITIMER_REAL, &r);
	getitimer(ITIMER_VIRTUAL, &v);
	printf("%s: real %s, virtual %s\n", who, r.it_value.tv_sec >= 50 ? "armed" : "off",
	       v.it_value.tv_sec >= 50 ? "armed" : "off");
}

int main(int argc, char **argv)
{
	struct itimerval it = {{0, 0}, {100, 0}};
	pid_t pid;

	if (argc > 1) {
		show("after execve");
		return 0;
	}
	SHOW(setitimer(ITIMER_REAL, &it, NULL));
	SHOW(setitimer(ITIMER_VIRTUAL, &it, NULL));
	show("parent");
	pid = fork();
	if (pid == 0) {
		show("child");
		_exit(0);
	}
	abi_wait_child("child", pid);
	pid = fork();
	if (pid == 0) {
		setitimer(ITIMER_REAL, &it, NULL);
		setitimer(ITIMER_VIRTUAL, &it, NULL);
		execl(argv[0], argv[0], "again", (char *)NULL);
		_exit(127);
	}
	abi_wait_child("exec child", pid);
	return 0;
}
