/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Named datagram sockets: sendto a path, recvfrom gives the sender's name, connect and AF_UNSPEC, EPERM to a socket connected elsewhere, the queue limit. */
/* abi: glibc */
#include "abi.h"
#include <sys/socket.h>
#include <sys/un.h>

static struct sockaddr_un a = {.sun_family = AF_UNIX, .sun_path = "a"};
static struct sockaddr_un b = {.sun_family = AF_UNIX, .sun_path = "b"};
#define SA(x) ((struct sockaddr *)&(x))

int main(void)
{
	int sa = socket(AF_UNIX, SOCK_DGRAM, 0), sb = socket(AF_UNIX, SOCK_DGRAM, 0);
	int sc = socket(AF_UNIX, SOCK_DGRAM, 0), n = 0;
	struct sockaddr_un from;
	socklen_t len = sizeof(from);
	char buf[8] = "";

	SHOW(bind(sa, SA(a), sizeof(a)));
	SHOW(bind(sb, SA(b), sizeof(b)));
	SHOW(sendto(sa, "hi", 2, 0, SA(b), sizeof(b)));
	SHOW(recvfrom(sb, buf, sizeof(buf), 0, SA(from), &len));
	printf("from len %d '%s'\n", (int)len, from.sun_path);
	SHOW(sendto(sc, "anon", 4, 0, SA(b), sizeof(b)));
	len = sizeof(from);
	SHOW(recvfrom(sb, buf, sizeof(buf), 0, SA(from), &len));
	printf("from len %d\n", (int)len);
	SHOW(send(sc, "x", 1, 0));
	SHOW(connect(sb, SA(a), sizeof(a)));
	SHOW(sendto(sc, "x", 1, 0, SA(b), sizeof(b)));
	SHOW(sendto(sa, "y", 1, 0, SA(b), sizeof(b)));
	SHOW(recv(sb, buf, sizeof(buf), 0));
	a.sun_family = AF_UNSPEC;
	SHOW(connect(sb, SA(a), sizeof(a)));
	SHOW(sendto(sc, "z", 1, 0, SA(b), sizeof(b)));
	while (sendto(sc, "q", 1, MSG_DONTWAIT, SA(b), sizeof(b)) == 1 && n < 100)
		n++;
	printf("queued %d more, then %s\n", n, abi_errname(errno));
	SHOW(sendto(sc, "x", 1, 0, SA(b), 1));
	SHOW(sendto(sc, "x", 1, 0, ABI_BADPTR, sizeof(b)));
	SHOW(close(sb));
	SHOW(sendto(sc, "x", 1, 0, SA(b), sizeof(b)));
	SHOW(unlink("a"));
	SHOW(unlink("b"));
	return 0;
}
