/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* A listener sent to a connection it has not accepted yet, then closed, is a cycle through the embryo: collected too. */
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
	return (int)sendmsg(s, &mh, 0);
}

static int listed(const char *name)
{
	FILE *f = fopen("/proc/net/unix", "r");
	char line[512];
	int n = 0;

	while (f && fgets(line, sizeof(line), f))
		n += strstr(line, name) != NULL;
	if (f)
		fclose(f);
	return n;
}

int main(void)
{
	struct sockaddr_un sa = {.sun_family = AF_UNIX};
	int l, c, z[2], n = -1, len;

	len = snprintf(sa.sun_path + 1, 100, "gcl%d", (int)getpid());
	SHOW(l = socket(AF_UNIX, SOCK_STREAM, 0));
	SHOW(bind(l, (struct sockaddr *)&sa, 2 + 1 + len));
	SHOW(listen(l, 4));
	SHOW(c = socket(AF_UNIX, SOCK_STREAM, 0));
	SHOW(connect(c, (struct sockaddr *)&sa, 2 + 1 + len));
	SHOW(send_fd(c, l)); /* onto the embryo's queue */
	printf("listed: %d\n", listed(sa.sun_path + 1) > 0);
	SHOW(close(l));
	SHOW(close(c));
	SHOW(socketpair(AF_UNIX, SOCK_STREAM, 0, z)); /* a release: collect */
	SHOW(close(z[0]));
	SHOW(close(z[1]));
	for (int i = 0; i < 500 && (n = listed(sa.sun_path + 1)); i++)
		usleep(10000);
	printf("listed after a release: %d\n", n);
	return 0;
}
