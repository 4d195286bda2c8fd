/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Four processes make and drop socket cycles at once, each release collecting; every cycle is collected in the end. */
/* abi: glibc */
#include "abi.h"
#include <sys/socket.h>
#include <sys/un.h>

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
	return (int)sendmsg(s, &mh, MSG_DONTWAIT);
}

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

static void worker(const char *tag, int w)
{
	for (int i = 0; i < 150; i++) {
		struct sockaddr_un sa = {.sun_family = AF_UNIX};
		int len = snprintf(sa.sun_path + 1, 100, "%s%d-%d", tag, w, i), a[2], b[2];

		if (socketpair(AF_UNIX, SOCK_STREAM, 0, a) || socketpair(AF_UNIX, SOCK_DGRAM, 0, b))
			_exit(1);
		bind(a[0], (struct sockaddr *)&sa, 2 + 1 + len);
		send_fd(a[1], a[0]); /* a[0] on its own queue */
		send_fd(b[1], a[1]); /* a[1] on b[0]'s, b[0] on a[1]'s */
		send_fd(a[0], b[0]);
		if (i % 3 == 0 && send(b[1], "x", 1, MSG_DONTWAIT) != 1) /* b[0] unread */
			_exit(2);
		close(a[0]), close(a[1]), close(b[0]), close(b[1]);
	}
	_exit(0);
}

int main(void)
{
	char tag[32];
	pid_t pid[4];
	int n = -1, z[2];

	snprintf(tag, sizeof(tag), "gcs%d-", (int)getpid());
	for (int w = 0; w < 4; w++)
		if ((pid[w] = fork()) == 0)
			worker(tag, w);
	for (int w = 0; w < 4; w++)
		abi_wait_child("worker", pid[w]);
	SHOW(socketpair(AF_UNIX, SOCK_STREAM, 0, z)); /* a release: collect */
	SHOW(close(z[0]));
	SHOW(close(z[1]));
	for (int i = 0; i < 500 && (n = listed(tag)); i++)
		usleep(10000);
	printf("left: %d\n", n);
	return 0;
}
