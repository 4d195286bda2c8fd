/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* SO_RCVTIMEO and SO_SNDTIMEO: a blocking recv or send that waits past the timeout fails with EAGAIN. */
/* abi: glibc */
#include "abi.h"
#include <sys/socket.h>
#include <sys/time.h>

int main(void)
{
	struct timeval tv = {0, 50000};
	static char big[65536];
	int sv[2], v = 4096, n = 0;
	char b;

	SHOW(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	SHOW(setsockopt(sv[0], SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)));
	SHOW(recv(sv[0], &b, 1, 0));
	SHOW(read(sv[0], &b, 1));
	SHOW(setsockopt(sv[0], SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv)));
	SHOW(setsockopt(sv[0], SOL_SOCKET, SO_SNDBUF, &v, sizeof(v)));
	while (send(sv[0], big, sizeof(big), 0) > 0 && n < 1000)
		n++;
	printf("send failed with %s after some sends: %d\n", abi_errname(errno), n < 1000);
	return 0;
}
