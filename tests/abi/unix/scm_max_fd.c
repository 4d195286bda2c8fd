/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* SCM_RIGHTS carries at most SCM_MAX_FD (253) descriptors per message, counted over every SCM_RIGHTS header: EINVAL past it. */
/* abi: glibc */
#include "abi.h"
#include <sys/socket.h>

static char cbuf[2 * CMSG_SPACE(256 * sizeof(int))];

/* One message with SCM_RIGHTS headers of n1 and n2 (0: none) descriptors. */
static int send_fds(int s, int n1, int n2)
{
	struct iovec iov = {"m", 1};
	struct msghdr mh = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = cbuf};
	struct cmsghdr *c;
	int counts[2] = {n1, n2};

	memset(cbuf, 0, sizeof(cbuf));
	mh.msg_controllen = CMSG_SPACE(n1 * sizeof(int)) + (n2 ? CMSG_SPACE(n2 * sizeof(int)) : 0);
	c = CMSG_FIRSTHDR(&mh);
	for (int k = 0; k < 2 && counts[k]; k++, c = CMSG_NXTHDR(&mh, c)) {
		c->cmsg_level = SOL_SOCKET;
		c->cmsg_type = SCM_RIGHTS;
		c->cmsg_len = CMSG_LEN(counts[k] * sizeof(int)); /* every fd 0 */
	}
	return (int)syscall(SYS_sendmsg, s, &mh, MSG_DONTWAIT); /* musl's copies at most 1 KiB */
}

int main(void)
{
	int d[2], s[2];
	char b[4];

	SHOW(socketpair(AF_UNIX, SOCK_DGRAM, 0, d));
	SHOW(socketpair(AF_UNIX, SOCK_STREAM, 0, s));
	SHOW(send_fds(d[0], 253, 0));
	SHOW(send_fds(d[0], 254, 0));
	SHOW(send_fds(d[0], 200, 53));
	SHOW(send_fds(d[0], 200, 54));
	SHOW(send_fds(s[0], 253, 0));
	SHOW(send_fds(s[0], 254, 0));
	SHOW(send_fds(s[0], 1, 253));
	SHOW(recv(d[1], b, sizeof(b), MSG_DONTWAIT));
	SHOW(recv(d[1], b, sizeof(b), MSG_DONTWAIT));
	SHOW(recv(d[1], b, sizeof(b), MSG_DONTWAIT));
	return 0;
}
