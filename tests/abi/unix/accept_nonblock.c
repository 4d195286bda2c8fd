/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Non-blocking accept (EAGAIN), accept4's flags, the backlog (EAGAIN for a non-blocking connect past it), data sent before accept. */
/* abi: glibc */
#include "abi.h"
#include <sys/socket.h>
#include <sys/un.h>

int main(void)
{
	struct sockaddr_un a = {.sun_family = AF_UNIX, .sun_path = "\0kevlar-abi-backlog"};
	socklen_t alen = sizeof(sa_family_t) + 1 + 18;
	int l = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0), c[4], s, i;
	char buf[8] = "";

	SHOW(bind(l, (struct sockaddr *)&a, alen));
	SHOW(listen(l, 0));
	SHOW(accept(l, NULL, NULL));
	for (i = 0; i < 3; i++) {
		c[i] = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0);
		SHOW(connect(c[i], (struct sockaddr *)&a, alen));
	}
	SHOW(write(c[0], "early", 5));
	s = SHOW_OK(accept4(l, NULL, NULL, SOCK_CLOEXEC | SOCK_NONBLOCK));
	printf("FD_CLOEXEC %d O_NONBLOCK %d\n", fcntl(s, F_GETFD),
	       !!(fcntl(s, F_GETFL) & O_NONBLOCK));
	SHOW(read(s, buf, sizeof(buf)));
	SHOW(read(s, buf, sizeof(buf)));
	SHOW(connect(c[1], (struct sockaddr *)&a, alen));
	s = SHOW_OK(accept(l, NULL, NULL));
	printf("FD_CLOEXEC %d O_NONBLOCK %d\n", fcntl(s, F_GETFD),
	       !!(fcntl(s, F_GETFL) & O_NONBLOCK));
	SHOW(accept(l, NULL, NULL));
	SHOW(close(l));
	SHOW(read(c[0], buf, sizeof(buf)));
	return 0;
}
