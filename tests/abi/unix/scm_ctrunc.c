/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* SCM_RIGHTS with too little control room: the fds that fit, MSG_CTRUNC, the rest closed, or no room at all. */
/* abi: glibc */
#include "abi.h"
#include <sys/socket.h>

static int fds[300];

static long send_n(int s, int n)
{
	static char cbuf[CMSG_SPACE(300 * sizeof(int))];
	struct iovec iov = {"m", 1};
	struct msghdr mh = {.msg_iov = &iov,
			    .msg_iovlen = 1,
			    .msg_control = cbuf,
			    .msg_controllen = CMSG_SPACE(n * sizeof(int))};
	struct cmsghdr *c = CMSG_FIRSTHDR(&mh);

	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(n * sizeof(int));
	memcpy(CMSG_DATA(c), fds, n * sizeof(int));
	return sendmsg(s, &mh, 0);
}

static void recv_room(int s, size_t room)
{
	char cbuf[64], b;
	struct iovec iov = {&b, 1};
	struct msghdr mh = {.msg_iov = &iov,
			    .msg_iovlen = 1,
			    .msg_control = room ? cbuf : NULL,
			    .msg_controllen = room};
	struct cmsghdr *c;

	SHOW(recvmsg(s, &mh, 0));
	c = CMSG_FIRSTHDR(&mh);
	printf("controllen %d MSG_CTRUNC %d", (int)mh.msg_controllen,
	       !!(mh.msg_flags & MSG_CTRUNC));
	if (c)
		printf(" cmsg_len %d", (int)c->cmsg_len);
	printf("\n");
}

int main(void)
{
	int sv[2], i, before;

	SHOW(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	for (i = 0; i < 300; i++)
		fds[i] = 0;
	before = dup(0);
	close(before);
	SHOW(send_n(sv[0], 3));
	recv_room(sv[1], CMSG_SPACE(sizeof(int)) + 4);
	SHOW(send_n(sv[0], 3));
	recv_room(sv[1], CMSG_SPACE(sizeof(int)));
	SHOW(fcntl(before, F_GETFD) >= 0);
	SHOW(fcntl(before + 1, F_GETFD) >= 0);
	SHOW(fcntl(before + 2, F_GETFD));
	SHOW(fcntl(before + 3, F_GETFD));
	SHOW(fcntl(before + 4, F_GETFD));
	SHOW(send_n(sv[0], 2));
	recv_room(sv[1], 0);
	SHOW(send_n(sv[0], 2));
	recv_room(sv[1], 8);
	SHOW(send_n(sv[0], 20));
	recv_room(sv[1], 0);
	return 0;
}
