/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Unix sockets sent over themselves or to each other and closed are collected once another Unix socket is released. */
/* abi: glibc */
#include "abi.h"
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>

#define CYCLES 300

static int send_fd(int s, int fd)
{
	char cbuf[CMSG_SPACE(sizeof(int))] = {0};
	struct iovec iov = {"m", 1};
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

/* Sockets of ours still listed in /proc/net/unix. */
static int listed(const char *tag)
{
	FILE *f = fopen("/proc/net/unix", "r");
	char line[512];
	int n = 0;

	while (f && fgets(line, sizeof(line), f))
		n += strstr(line, tag) != NULL;
	if (f)
		fclose(f);
	return n;
}

int main(void)
{
	char tag[32];
	int ok = 1, a[2], b[2], n = -1; /* (b[1]'s releases may collect early ones) */

	snprintf(tag, sizeof(tag), "@gc%d-", (int)getpid());
	for (int i = 0; i < CYCLES; i++) {
		struct sockaddr_un sa = {.sun_family = AF_UNIX};
		int len = snprintf(sa.sun_path + 1, 100, "%s%d", tag + 1, i);

		ok &= socketpair(AF_UNIX, i % 2 ? SOCK_STREAM : SOCK_DGRAM, 0, a) == 0;
		ok &= socketpair(AF_UNIX, SOCK_STREAM, 0, b) == 0;
		ok &= bind(a[0], (struct sockaddr *)&sa, 3 + len - 1 + 1) == 0;
		ok &= send_fd(a[1], a[0]) == 1; /* a[0] on its own queue */
		ok &= send_fd(b[1], a[1]) == 1; /* a[1] and b[0] on each other's */
		ok &= send_fd(a[0], b[0]) == 1;
		close(a[0]), close(a[1]), close(b[0]), close(b[1]);
	}
	FACT("every send worked", ok);
	ok = socketpair(AF_UNIX, SOCK_STREAM, 0, a) == 0; /* its release collects */
	close(a[0]), close(a[1]);
	for (int i = 0; i < 500 && (n = listed(tag)); i++)
		usleep(10000);
	FACT("socketpair", ok);
	printf("left after a release: %d\n", n);
	return 0;
}
