/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* A socket in flight on a queue someone still holds survives a collection, with what its own queue carries. */
/* abi: glibc */
#include "abi.h"
#include <sys/socket.h>

static int send_fd(int s, int fd, const char *m)
{
	char cbuf[CMSG_SPACE(sizeof(int))] = {0};
	struct iovec iov = {(void *)m, strlen(m)};
	struct msghdr mh = {.msg_iov = &iov,
			    .msg_iovlen = 1,
			    .msg_control = cbuf,
			    .msg_controllen = sizeof(cbuf)};
	struct cmsghdr *c = CMSG_FIRSTHDR(&mh);

	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(c), &fd, sizeof(int));
	return (int)sendmsg(s, &mh, 0);
}

static int recv_fd(int s, char *buf)
{
	char cbuf[CMSG_SPACE(sizeof(int))];
	struct iovec iov = {buf, 8};
	struct msghdr mh = {.msg_iov = &iov,
			    .msg_iovlen = 1,
			    .msg_control = cbuf,
			    .msg_controllen = sizeof(cbuf)};
	struct cmsghdr *c;
	int fd = -1;

	memset(buf, 0, 9);
	if (recvmsg(s, &mh, MSG_DONTWAIT) < 0)
		return -1;
	c = CMSG_FIRSTHDR(&mh);
	if (c && c->cmsg_type == SCM_RIGHTS)
		memcpy(&fd, CMSG_DATA(c), sizeof(fd));
	return fd;
}

int main(void)
{
	int hold[2], x[2], y[2], z[2], fx, fy;
	char buf[9];

	SHOW(socketpair(AF_UNIX, SOCK_STREAM, 0, hold));
	SHOW(socketpair(AF_UNIX, SOCK_DGRAM, 0, x));
	SHOW(socketpair(AF_UNIX, SOCK_DGRAM, 0, y));
	SHOW(send_fd(x[1], x[0], "self"));  /* x[0] carries itself ... */
	SHOW(send_fd(x[1], y[0], "other")); /* ... and y[0] */
	SHOW(send_fd(hold[0], x[0], "x"));  /* hold[1]'s queue keeps x[0] */
	SHOW(close(x[0]));
	SHOW(close(y[0]));
	SHOW(socketpair(AF_UNIX, SOCK_STREAM, 0, z)); /* a release: collect */
	SHOW(close(z[0]));
	SHOW(close(z[1]));
	usleep(100000); /* Linux collects in a worker */
	fx = recv_fd(hold[1], buf);
	printf("from hold: %s, got fd %d\n", buf, fx >= 0);
	fy = recv_fd(fx, buf);
	printf("from x: %s, got fd %d\n", buf, fy >= 0);
	SHOW(close(fy));
	fy = recv_fd(fx, buf);
	printf("from x: %s, got fd %d\n", buf, fy >= 0);
	SHOW(send(y[1], "alive", 5, 0));
	SHOW(recv(fy, buf, 8, MSG_DONTWAIT));
	SHOW(send(x[1], "more", 4, 0));
	SHOW(recv(fx, buf, 8, MSG_DONTWAIT));
	return 0;
}
