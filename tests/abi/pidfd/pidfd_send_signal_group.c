/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* pidfd_send_signal flags: PIDFD_SIGNAL_PROCESS_GROUP reaches the whole group, THREAD the leader. */
/* abi: glibc */
#include "abi.h"
#include <sys/syscall.h>

#define SIGNAL_THREAD	     1
#define SIGNAL_THREAD_GROUP  2
#define SIGNAL_PROCESS_GROUP 4

int main(void)
{
	int p[2], go[2], fd;
	char c;
	pid_t a;

	pipe(p);
	pipe(go);
	a = fork();
	if (a == 0) { /* a group leader ignoring SIGTERM, and a member that does not */
		pid_t b;

		setpgid(0, 0);
		signal(SIGTERM, SIG_IGN);
		b = fork();
		if (b == 0) {
			signal(SIGTERM, SIG_DFL);
			write(p[1], "x", 1);
			pause();
			_exit(0);
		}
		/* after the caller's line, or the two print in either order */
		read(go[0], &c, 1);
		abi_wait_child("member", b);
		_exit(0);
	}
	read(p[0], &c, 1);
	SHOW(fd = syscall(SYS_pidfd_open, a, 0));
	SHOW(syscall(SYS_pidfd_send_signal, fd, 0, NULL, SIGNAL_THREAD));
	SHOW(syscall(SYS_pidfd_send_signal, fd, 0, NULL, SIGNAL_THREAD_GROUP));
	SHOW(syscall(SYS_pidfd_send_signal, fd, SIGTERM, NULL, SIGNAL_PROCESS_GROUP));
	write(go[1], "x", 1);
	abi_wait_child("leader", a);
	return 0;
}
