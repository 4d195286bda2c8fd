/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* accept4(): EAGAIN on a non-blocking listener, SOCK_NONBLOCK and SOCK_CLOEXEC on the new socket, EINVAL when not listening. */
#include "inet_util.h"
#include <fcntl.h>

int main(void)
{
	int l = lo_server(AF_INET6, SOCK_STREAM | SOCK_NONBLOCK), c, s, type = 0;
	socklen_t tl = sizeof(type);
	struct sockaddr_in6 peer;
	socklen_t plen = sizeof(peer);

	SHOW(accept4(l, NULL, NULL, 0));
	c = lo_connect(AF_INET6, SOCK_STREAM, l);
	SHOW_OK(s = accept4(l, (struct sockaddr *)&peer, &plen, SOCK_NONBLOCK | SOCK_CLOEXEC));
	printf("plen %d family %d\n", (int)plen, peer.sin6_family);
	printf("O_NONBLOCK %d FD_CLOEXEC %d\n", !!(fcntl(s, F_GETFL) & O_NONBLOCK),
	       !!(fcntl(s, F_GETFD) & FD_CLOEXEC));
	SHOW(recv(s, &type, 1, 0));
	SHOW(getsockopt(s, SOL_SOCKET, SO_TYPE, &type, &tl));
	printf("type %d\n", type);
	SHOW(getsockopt(s, SOL_SOCKET, SO_DOMAIN, &type, &tl));
	printf("domain %d\n", type);
	SHOW(getsockopt(s, SOL_SOCKET, SO_PROTOCOL, &type, &tl));
	printf("protocol %d\n", type);
	SHOW(getsockopt(s, SOL_SOCKET, SO_ACCEPTCONN, &type, &tl));
	printf("acceptconn %d\n", type);
	SHOW(getsockopt(l, SOL_SOCKET, SO_ACCEPTCONN, &type, &tl));
	printf("acceptconn %d\n", type);
	SHOW(setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &(int){1}, sizeof(int)));
	SHOW(getsockopt(c, IPPROTO_TCP, TCP_NODELAY, &type, &tl));
	printf("nodelay %d\n", type);
	SHOW(accept4(c, NULL, NULL, 0));
	SHOW(accept4(l, NULL, NULL, 0x1234));
	SHOW(accept(socket(AF_INET, SOCK_DGRAM, 0), NULL, NULL));
	return 0;
}
