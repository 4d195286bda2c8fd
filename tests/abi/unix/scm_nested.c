/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* A socket carrying a socket carrying ... nine deep may be sent (Linux has no recursion limit now), and unpacked again. */
/* abi: glibc */
#include "scm.h"
#include <sys/socket.h>

static int recv_fd(int s)
{
	char cbuf[CMSG_SPACE(sizeof(int))], b;
	struct iovec iov = {&b, 1};
	struct msghdr mh = {.msg_iov = &iov,
			    .msg_iovlen = 1,
			    .msg_control = cbuf,
			    .msg_controllen = sizeof(cbuf)};
	struct cmsghdr *c;
	int fd = -1;

	if (recvmsg(s, &mh, MSG_DONTWAIT) != 1)
		return -1;
	c = CMSG_FIRSTHDR(&mh);
	if (c && c->cmsg_type == SCM_RIGHTS)
		memcpy(&fd, CMSG_DATA(c), sizeof(fd));
	return fd;
}

int main(void)
{
	int p[10][2], fd;

	for (int i = 0; i < 10; i++)
		QUIET_ERR(socketpair(AF_UNIX, SOCK_STREAM, 0, p[i]) ? errno : 0);
	SHOW(scm_send_fd(p[0][0], 0, 0));
	for (int i = 1; i < 10; i++) {
		printf("depth %d: ", i);
		SHOW(scm_send_fd(p[i][0], p[i - 1][1], 0));
		close(p[i - 1][1]);
	}
	fd = p[9][1];
	for (int i = 9; i >= 0; i--) {
		fd = recv_fd(fd);
		printf("unpacked level %d: %s\n", i, fd >= 0 ? "fd" : "none");
	}
	return 0;
}
