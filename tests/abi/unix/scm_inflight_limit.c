/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* An unprivileged sender with more than RLIMIT_NOFILE descriptors in flight gets ETOOMANYREFS until some are received; root is exempt. */
/* abi: glibc */
#include "abi.h"
#include <sys/resource.h>
#include <sys/socket.h>

static int send_fds(int s, int n)
{
	int fds[5] = {0, 0, 0, 0, 0};
	char cbuf[CMSG_SPACE(sizeof(fds))] = {0};
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
	return (int)sendmsg(s, &mh, MSG_DONTWAIT);
}

static void run(int unprivileged)
{
	struct rlimit rl = {16, 16};
	char cbuf[CMSG_SPACE(5 * sizeof(int))], b;
	struct iovec iov = {&b, 1};
	struct msghdr mh = {.msg_iov = &iov,
			    .msg_iovlen = 1,
			    .msg_control = cbuf,
			    .msg_controllen = sizeof(cbuf)};
	int sv[2];

	SHOW(setrlimit(RLIMIT_NOFILE, &rl));
	if (unprivileged) {
		SHOW(setgid(54321));
		SHOW(setuid(54321)); /* a user of its own: the count is per user */
	}
	SHOW(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	for (int i = 0; i < 6; i++)
		SHOW(send_fds(sv[0], 5)); /* in flight before: 0, 5, 10, 15, 20 ... */
	SHOW(recvmsg(sv[1], &mh, 0));	  /* 5 fewer in flight (closed below) */
	SHOW(send_fds(sv[0], 1));
	SHOW(send_fds(sv[0], 1));
	SHOW(send_fds(sv[0], 1));
	SHOW(send(sv[0], "x", 1, 0)); /* no descriptors: no limit */
}

int main(void)
{
	for (int u = 0; u < 2; u++) {
		pid_t pid;

		printf("-- %s\n", u ? "uid 54321" : "root");
		pid = fork();
		if (pid == 0) {
			run(u);
			_exit(0);
		}
		abi_wait_child("child", pid);
	}
	return 0;
}
