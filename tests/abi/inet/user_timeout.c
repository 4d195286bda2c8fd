/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* TCP_USER_TIMEOUT: a sender held back by its peer's shut window gives up (ETIMEDOUT); without it, or idle, it does not. */
#include "inet_util.h"
#include <poll.h>

/* A connected pair over 127.0.0.1 whose reader takes nothing: the
 * sender fills its queue and the reader's window (SO_RCVBUF 4096). */
static void pair(int *snd, int *rcv)
{
	int l = lo_server(AF_INET, SOCK_STREAM);

	set_int_opt(l, SOL_SOCKET, SO_RCVBUF, 4096);
	*snd = lo_connect(AF_INET, SOCK_STREAM, l);
	*rcv = accept(l, NULL, NULL);
	close(l);
}

static void fill(int fd)
{
	static char buf[65536];
	long total = 0, r;

	while ((r = send(fd, buf, sizeof(buf), MSG_DONTWAIT)) > 0)
		total += r;
	printf("filled: %s, then %s\n", total > 0 ? "yes" : "no", r < 0 ? abi_errname(errno) : "0");
}

/* Whether fd reports an error within ms, and which (SO_ERROR). */
static void wait_error(int fd, int ms, const char *what)
{
	struct pollfd p = {.fd = fd, .events = POLLIN};
	int n = poll(&p, 1, ms), err = -1;
	socklen_t len = sizeof(err);

	getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
	printf("%s: poll %d, POLLERR %s, SO_ERROR %s\n", what, n,
	       p.revents & POLLERR ? "yes" : "no", err ? abi_errname(err) : "0");
}

int main(void)
{
	int s, r;

	/* shut window, 300 ms: dropped (Linux counts from the first window
	 * probe, Kevlar from its next 500 ms tick: both well within 10 s) */
	pair(&s, &r);
	SHOW(set_int_opt(s, IPPROTO_TCP, TCP_USER_TIMEOUT, 300));
	fill(s);
	wait_error(s, 10000, "user timeout 300 ms");
	SHOW(send(s, "x", 1, MSG_DONTWAIT | MSG_NOSIGNAL));
	close(s);
	close(r);

	/* shut window, no user timeout: the window probes are answered, and
	 * the connection stays */
	pair(&s, &r);
	fill(s);
	wait_error(s, 1000, "no user timeout");
	close(s);
	close(r);

	/* idle with a user timeout: nothing waits on the peer */
	pair(&s, &r);
	SHOW(set_int_opt(s, IPPROTO_TCP, TCP_USER_TIMEOUT, 100));
	SHOW(send(s, "y", 1, 0));
	wait_error(s, 1000, "idle, user timeout 100 ms");
	close(s);
	close(r);
	return 0;
}
