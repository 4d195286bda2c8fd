/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* asyncio's dual-stack server: getaddrinfo(NULL, port, AI_PASSIVE) gives 0.0.0.0 and ::, each bound with SO_REUSEADDR (:: with IPV6_V6ONLY) and listening; 127.0.0.1 reaches the first, ::1 the second. */
/* abi: serial: a port found free is bound again on 0.0.0.0 and [::]; a parallel test taking it between would change the results */
#include "inet_util.h"
#include <netdb.h>
#include <poll.h>

/* A listener on one of getaddrinfo's answers, as asyncio's create_server makes it. */
static int server(const struct addrinfo *ai)
{
	char txt[64] = "?";
	const void *ip = ai->ai_family == AF_INET6
				 ? (const void *)&((struct sockaddr_in6 *)ai->ai_addr)->sin6_addr
				 : (const void *)&((struct sockaddr_in *)ai->ai_addr)->sin_addr;
	int fd = socket(ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK, ai->ai_protocol);

	inet_ntop(ai->ai_family, ip, txt, sizeof(txt));
	printf("server on %s:\n", txt);
	SHOW(set_int_opt(fd, SOL_SOCKET, SO_REUSEADDR, 1));
	if (ai->ai_family == AF_INET6)
		SHOW(set_int_opt(fd, IPPROTO_IPV6, IPV6_V6ONLY, 1));
	SHOW(bind(fd, ai->ai_addr, ai->ai_addrlen));
	return fd;
}

/* A client of `family` connects to the port; which listener sees it? */
static void client(int family, int port, int l4, int l6)
{
	socklen_t len;
	struct sockaddr_storage a = lo_addr(family, port, &len);
	struct pollfd p[2] = {{.fd = l4, .events = POLLIN}, {.fd = l6, .events = POLLIN}};
	int c = socket(family, SOCK_STREAM, 0), s;

	printf("client %s:\n", family == AF_INET ? "127.0.0.1" : "::1");
	SHOW(connect(c, (struct sockaddr *)&a, len));
	SHOW(send(c, "xxx", 3, 0));
	SHOW(poll(p, 2, 5000));
	printf("ready: v4 %d v6 %d\n", !!(p[0].revents & POLLIN), !!(p[1].revents & POLLIN));
	SHOW_OK(s = accept(p[0].revents & POLLIN ? l4 : l6, NULL, NULL));
	SHOW(close(s));
	SHOW(close(c));
}

int main(void)
{
	struct addrinfo hints = {.ai_flags = AI_PASSIVE, .ai_socktype = SOCK_STREAM}, *res, *ai;
	int probe = lo_server(AF_INET, SOCK_STREAM), port = port_of(probe), l4 = -1, l6 = -1;
	char serv[16];

	close(probe); /* CPython's find_unused_port */
	snprintf(serv, sizeof(serv), "%d", port);
	/* glibc sorts two answers by the host's addresses: an RTM_GETADDR dump */
	SHOW(getaddrinfo(NULL, serv, &hints, &res));
	for (ai = res; ai; ai = ai->ai_next) /* whatever their order, v4 first */
		if (ai->ai_family == AF_INET)
			l4 = server(ai);
	for (ai = res; ai; ai = ai->ai_next)
		if (ai->ai_family == AF_INET6)
			l6 = server(ai);
	freeaddrinfo(res);
	SHOW(listen(l4, 100));
	SHOW(listen(l6, 100));
	client(AF_INET, port, l4, l6);
	client(AF_INET6, port, l4, l6);
	return 0;
}
