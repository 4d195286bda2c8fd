/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Executing a watched program: IN_OPEN, IN_ACCESS and IN_CLOSE_NOWRITE once it has run. */
/* abi: glibc */
#include "ev.h"

int main(int argc, char **argv)
{
	int fd = inotify_init1(IN_CLOEXEC);
	pid_t pid;

	if (argc > 1)
		return 7; /* the child's run */
	SHOW(inotify_add_watch(fd, argv[0], IN_ALL_EVENTS));
	pid = fork();
	if (pid == 0) {
		execl(argv[0], argv[0], "child", (char *)NULL);
		_exit(99);
	}
	abi_wait_child("child", pid);
	ev_drain(fd);
	return 0;
}
