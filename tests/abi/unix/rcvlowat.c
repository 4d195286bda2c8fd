/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* SO_RCVLOWAT on a Unix stream socket: a blocking read waits for that many bytes, a non-blocking one takes what there is; poll ignores it. */
/* abi: glibc */
#include "abi.h"
#include <poll.h>
#include <sys/socket.h>

int main(void)
{
	int sv[2], lowat = 5;
	char buf[100];
	struct pollfd p;
	pid_t pid;

	SHOW(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	SHOW(setsockopt(sv[0], SOL_SOCKET, SO_RCVLOWAT, &lowat, sizeof(lowat)));
	SHOW(write(sv[1], "abc", 3));
	p = (struct pollfd){.fd = sv[0], .events = POLLIN};
	SHOW(poll(&p, 1, 0));
	printf("revents %#x\n", p.revents);
	SHOW(recv(sv[0], buf, sizeof(buf), MSG_DONTWAIT));
	/* a blocking read returns once five bytes are there, not at the first */
	pid = fork();
	if (pid == 0) {
		write(sv[1], "de", 2);
		usleep(100000);
		write(sv[1], "fgh", 3);
		_exit(0);
	}
	SHOW(recv(sv[0], buf, sizeof(buf), 0));
	abi_wait_child("writer", pid);
	/* a buffer shorter than the low mark is filled, no more */
	SHOW(write(sv[1], "ij", 2));
	SHOW(recv(sv[0], buf, 2, 0));
	/* the end of the stream ends the wait */
	SHOW(write(sv[1], "k", 1));
	SHOW(shutdown(sv[1], SHUT_WR));
	SHOW(recv(sv[0], buf, sizeof(buf), 0));
	SHOW(recv(sv[0], buf, sizeof(buf), 0));
	return 0;
}
