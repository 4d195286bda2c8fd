/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* SCM_RIGHTS: a pipe end passed over a socketpair works on the far side; MSG_CMSG_CLOEXEC; EBADF for a bad descriptor. */
/* abi: glibc */
#include "abi.h"
#include <sys/socket.h>

static int send_fds(int s, const int *fds, int n)
{
	char cbuf[CMSG_SPACE(4 * sizeof(int))] = {0};
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
	return (int)sendmsg(s, &mh, 0);
}

static int recv_fd(int s, int flags)
{
	char cbuf[CMSG_SPACE(sizeof(int))], b;
	struct iovec iov = {&b, 1};
	struct msghdr mh = {.msg_iov = &iov,
			    .msg_iovlen = 1,
			    .msg_control = cbuf,
			    .msg_controllen = sizeof(cbuf)};
	struct cmsghdr *c;
	int fd = -1;

	SHOW(recvmsg(s, &mh, flags));
	c = CMSG_FIRSTHDR(&mh);
	if (c)
		printf("cmsg level %d type %d len %d controllen %d flags %x\n", c->cmsg_level,
		       c->cmsg_type, (int)c->cmsg_len, (int)mh.msg_controllen, mh.msg_flags);
	if (c && c->cmsg_type == SCM_RIGHTS)
		memcpy(&fd, CMSG_DATA(c), sizeof(fd));
	return fd;
}

int main(void)
{
	int sv[2], p[2], fd, bad = 999;
	char buf[8] = "";

	SHOW(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv));
	SHOW(pipe(p));
	SHOW(send_fds(sv[0], &p[1], 1));
	SHOW(close(p[1]));
	fd = recv_fd(sv[1], 0);
	printf("new fd above the pipe: %d FD_CLOEXEC %d\n", fd > p[0], fcntl(fd, F_GETFD));
	SHOW(write(fd, "via", 3));
	SHOW(close(fd));
	SHOW(read(p[0], buf, sizeof(buf)));
	SHOW(read(p[0], buf, sizeof(buf)));
	SHOW(send_fds(sv[0], &p[0], 1));
	fd = recv_fd(sv[1], MSG_CMSG_CLOEXEC);
	printf("FD_CLOEXEC %d\n", fcntl(fd, F_GETFD));
	SHOW(send_fds(sv[0], &bad, 1));
	SHOW(recv(sv[1], buf, sizeof(buf), MSG_DONTWAIT));
	return 0;
}
