/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Unix sockets sent over themselves or to each other and closed are collected once another Unix socket is released. */
/* abi: glibc */
#include "scm.h"
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>

#define CYCLES 300

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
		ok &= scm_send_fd(a[1], a[0], 0) == 1; /* a[0] on its own queue */
		ok &= scm_send_fd(b[1], a[1], 0) == 1; /* a[1] and b[0] on each other's */
		ok &= scm_send_fd(a[0], b[0], 0) == 1;
		close(a[0]), close(a[1]), close(b[0]), close(b[1]);
	}
	FACT("every send worked", ok);
	ok = socketpair(AF_UNIX, SOCK_STREAM, 0, a) == 0; /* its release collects */
	close(a[0]), close(a[1]);
	for (int i = 0; i < 500 && (n = scm_listed(tag)); i++)
		usleep(10000);
	FACT("socketpair", ok);
	printf("left after a release: %d\n", n);
	return 0;
}
