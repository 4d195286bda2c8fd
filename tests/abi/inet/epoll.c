/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* epoll on a listening TCP socket (EPOLLIN when a connection waits) and on a connected one (EPOLLOUT, EPOLLIN on data, EPOLLRDHUP at EOF). */
#include "inet_util.h"
#include <sys/epoll.h>

static void wait_show(int ep, const char *what)
{
	struct epoll_event ev = {};
	int n = epoll_wait(ep, &ev, 1, 5000);

	printf("%s: %d events %#x data %d\n", what, n, n > 0 ? ev.events : 0,
	       n > 0 ? ev.data.fd : -1);
}

int main(void)
{
	int l = lo_server(AF_INET, SOCK_STREAM), ep = epoll_create1(0), c, s;
	struct epoll_event ev = {.events = EPOLLIN, .data.fd = 1};

	SHOW(epoll_ctl(ep, EPOLL_CTL_ADD, l, &ev));
	SHOW(epoll_wait(ep, &ev, 1, 0));
	c = lo_connect(AF_INET, SOCK_STREAM, l);
	wait_show(ep, "listener");
	SHOW_OK(s = accept(l, NULL, NULL));
	SHOW(epoll_wait(ep, &ev, 1, 0));
	ev = (struct epoll_event){.events = EPOLLIN | EPOLLOUT | EPOLLRDHUP, .data.fd = 2};
	SHOW(epoll_ctl(ep, EPOLL_CTL_DEL, l, NULL));
	SHOW(epoll_ctl(ep, EPOLL_CTL_ADD, s, &ev));
	wait_show(ep, "connected");
	ev.events = EPOLLIN | EPOLLRDHUP;
	SHOW(epoll_ctl(ep, EPOLL_CTL_MOD, s, &ev));
	SHOW(epoll_wait(ep, &ev, 1, 0));
	SHOW(write(c, "ping", 4));
	wait_show(ep, "data");
	SHOW(read(s, (char[8]){0}, 8));
	SHOW(close(c));
	wait_show(ep, "eof");
	return 0;
}
