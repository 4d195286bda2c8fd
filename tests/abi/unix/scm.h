/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Shared by the SCM_RIGHTS tests: pass one descriptor, and count a test's
 * own sockets in /proc/net/unix (their names carry a tag). */
#ifndef SCM_H
#define SCM_H

#include "abi.h"
#include <sys/socket.h>

/* sendmsg of one byte carrying fd: sendmsg's result. */
static inline int scm_send_fd(int s, int fd, int flags)
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
	return (int)sendmsg(s, &mh, flags);
}

/* Lines of /proc/net/unix that name `tag`: sockets still alive. */
static inline int scm_listed(const char *tag)
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

#endif
