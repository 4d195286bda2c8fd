/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* MSG_PEEK leaves data queued (across writes), MSG_WAITALL waits for the whole request, MSG_DONTWAIT never blocks. */
/* abi: glibc */
#include "abi.h"
#include <sys/socket.h>

int main(void)
{
	char buf[16] = "";
	int sv[2];
	pid_t pid;

	SHOW(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	SHOW(recv(sv[1], buf, sizeof(buf), MSG_DONTWAIT));
	SHOW(write(sv[0], "abc", 3));
	SHOW(write(sv[0], "def", 3));
	SHOW(recv(sv[1], buf, 2, MSG_PEEK));
	SHOW(recv(sv[1], buf, sizeof(buf), MSG_PEEK));
	printf("peeked '%.6s'\n", buf);
	SHOW(recv(sv[1], buf, 4, 0));
	SHOW(recv(sv[1], buf, sizeof(buf), 0));
	pid = fork();
	if (pid == 0) {
		for (int i = 0; i < 4; i++) {
			usleep(10000);
			write(sv[0], "xy", 2);
		}
		_exit(0);
	}
	SHOW(recv(sv[1], buf, 8, MSG_WAITALL));
	printf("got '%.8s'\n", buf);
	abi_wait_child("writer", pid);
	SHOW(write(sv[0], "zz", 2));
	SHOW(shutdown(sv[0], SHUT_WR));
	SHOW(recv(sv[1], buf, 8, MSG_WAITALL));
	SHOW(recv(sv[1], buf, 8, MSG_WAITALL));
	return 0;
}
