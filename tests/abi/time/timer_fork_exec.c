/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* POSIX timers are not inherited by fork and are deleted by execve. */
/* abi: glibc */
#include <sys/time.h>
#include <time.h>
#include "abi.h"

int main(int argc, char **argv)
{
	struct itimerspec its = {{0, 0}, {100, 0}}, cur;
	char arg[16];
	pid_t pid;
	int id = -1;

	if (argc > 1) {
		printf("after execve: ");
		SHOW(syscall(SYS_timer_gettime, atoi(argv[1]), &cur));
		return 0;
	}
	SHOW(syscall(SYS_timer_create, CLOCK_MONOTONIC, NULL, &id));
	SHOW(syscall(SYS_timer_settime, id, 0, &its, NULL));
	pid = fork();
	if (pid == 0) {
		printf("child: ");
		SHOW(syscall(SYS_timer_gettime, id, &cur));
		_exit(0);
	}
	abi_wait_child("child", pid);
	printf("parent: ");
	SHOW(syscall(SYS_timer_gettime, id, &cur));
	pid = fork();
	if (pid == 0) {
		syscall(SYS_timer_create, CLOCK_MONOTONIC, NULL, &id);
		syscall(SYS_timer_settime, id, 0, &its, NULL);
		snprintf(arg, sizeof(arg), "%d", id);
		execl(argv[0], argv[0], arg, (char *)NULL);
		_exit(127);
	}
	abi_wait_child("exec child", pid);
	SHOW(syscall(SYS_timer_delete, id));
	return 0;
}
