/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* fdinfo of a Unix socket: scm_fds counts the descriptors in flight to it (kept by MSG_PEEK). */
/* abi: glibc */
#include "fdinfo.h"
#include <sys/socket.h>

static int send_fds(int s, int n)
{
	char cbuf[CMSG_SPACE(4 * sizeof(int))] = {0};
	int fds[4] = {0, 1, 2, 0};
	struct iovec iov = {"x", 1};
	struct msghdr m = {.msg_iov = &iov,
			   .msg_iovlen = 1,
			   .msg_control = cbuf,
			   .msg_controllen = CMSG_SPACE(n * sizeof(int))};
	struct cmsghdr *c = CMSG_FIRSTHDR(&m);

	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(n * sizeof(int));
	memcpy(CMSG_DATA(c), fds, n * sizeof(int));
	return (int)sendmsg(s, &m, 0);
}

static int recv_fds(int s, int flags)
{
	char cbuf[CMSG_SPACE(4 * sizeof(int))], b;
	struct iovec iov = {&b, 1};
	struct msghdr m = {.msg_iov = &iov,
			   .msg_iovlen = 1,
			   .msg_control = cbuf,
			   .msg_controllen = sizeof(cbuf)};

	return (int)recvmsg(s, &m, flags);
}

int main(void)
{
	int sv[2], dg[2], l;

	SHOW(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	fdinfo_print(sv[1], NULL);
	SHOW(send_fds(sv[0], 3));
	SHOW(send_fds(sv[0], 1));
	fdinfo_print(sv[1], "pos:|flags:|mnt_id:|ino:");
	fdinfo_print(sv[0], "pos:|flags:|mnt_id:|ino:");
	SHOW(recv_fds(sv[1], MSG_PEEK));
	fdinfo_print(sv[1], "pos:|flags:|mnt_id:|ino:");
	SHOW(recv_fds(sv[1], 0));
	fdinfo_print(sv[1], "pos:|flags:|mnt_id:|ino:");
	SHOW(socketpair(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0, dg));
	SHOW(send_fds(dg[1], 2));
	fdinfo_print(dg[0], NULL);
	SHOW(l = socket(AF_UNIX, SOCK_STREAM, 0));
	fdinfo_print(l, "pos:|flags:|mnt_id:|ino:");
	SHOW(listen(l, 1));
	fdinfo_print(l, "pos:|flags:|mnt_id:|ino:");
	return 0;
}
