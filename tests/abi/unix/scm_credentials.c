/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* SCM_CREDENTIALS: delivered with SO_PASSCRED only, the sender's own by default, explicit ones checked; a bad cmsg is EINVAL. */
/* abi: glibc */
#include "abi.h"
#include <sys/socket.h>

static void recv_creds(int s)
{
	char cbuf[CMSG_SPACE(sizeof(struct ucred))], b;
	struct iovec iov = {&b, 1};
	struct msghdr mh = {.msg_iov = &iov,
			    .msg_iovlen = 1,
			    .msg_control = cbuf,
			    .msg_controllen = sizeof(cbuf)};
	struct cmsghdr *c;
	struct ucred u;

	SHOW(recvmsg(s, &mh, 0));
	c = CMSG_FIRSTHDR(&mh);
	printf("controllen %d\n", (int)mh.msg_controllen);
	if (!c)
		return;
	memcpy(&u, CMSG_DATA(c), sizeof(u));
	printf("type %d len %d pid is mine %d uid %d gid %d\n", c->cmsg_type, (int)c->cmsg_len,
	       u.pid == getpid(), u.uid, u.gid);
}

static long send_creds(int s, struct ucred *u, size_t len)
{
	char cbuf[CMSG_SPACE(sizeof(struct ucred) + 8)] = {0};
	struct iovec iov = {"c", 1};
	struct msghdr mh = {.msg_iov = &iov,
			    .msg_iovlen = 1,
			    .msg_control = cbuf,
			    .msg_controllen = CMSG_SPACE(len)};
	struct cmsghdr *c = CMSG_FIRSTHDR(&mh);

	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_CREDENTIALS;
	c->cmsg_len = CMSG_LEN(len);
	memcpy(CMSG_DATA(c), u, sizeof(*u));
	return sendmsg(s, &mh, 0);
}

int main(void)
{
	struct ucred u = {.pid = getpid(), .uid = 0, .gid = 0};
	int sv[2], on = 1;

	SHOW(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv));
	SHOW(write(sv[0], "a", 1));
	recv_creds(sv[1]);
	SHOW(setsockopt(sv[1], SOL_SOCKET, SO_PASSCRED, &on, sizeof(on)));
	SHOW(write(sv[0], "b", 1));
	recv_creds(sv[1]);
	SHOW(send_creds(sv[0], &u, sizeof(u)));
	recv_creds(sv[1]);
	SHOW(send_creds(sv[0], &u, sizeof(u) + 4));
	SHOW(send_creds(sv[0], &u, sizeof(u) - 4));
	return 0;
}
