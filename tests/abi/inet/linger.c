/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* SO_LINGER: l_onoff 1 l_linger 0 closes with a RST (peer: ECONNRESET); the reset peer's data stays readable, getpeername ENOTCONN; a lingering close with data sent returns once it is acknowledged. */
#include "inet_util.h"

int main(void)
{
	int l = lo_server(AF_INET, SOCK_STREAM), c = lo_connect(AF_INET, SOCK_STREAM, l);
	int s = accept(l, NULL, NULL);
	struct linger lg = {1, 0};
	socklen_t len = sizeof(lg), plen = sizeof(struct sockaddr_storage);
	struct sockaddr_storage peer;
	char buf[8];

	SHOW(setsockopt(c, SOL_SOCKET, SO_LINGER, &lg, 4));
	SHOW(setsockopt(c, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg)));
	memset(&lg, 0x55, sizeof(lg));
	SHOW(getsockopt(c, SOL_SOCKET, SO_LINGER, &lg, &len));
	printf("onoff %d linger %d len %d\n", lg.l_onoff, lg.l_linger, (int)len);
	SHOW(send(c, "ab", 2, 0));
	usleep(50000);
	SHOW(close(c));
	usleep(50000);
	SHOW(getpeername(s, (struct sockaddr *)&peer, &plen)); /* reset: ENOTCONN */
	SHOW(recv(s, buf, 1, 0));
	SHOW(recv(s, buf, sizeof(buf), 0));
	SHOW(recv(s, buf, sizeof(buf), 0));
	SHOW(close(s));
	c = lo_connect(AF_INET, SOCK_STREAM, l);
	s = accept(l, NULL, NULL);
	lg = (struct linger){1, 5};
	SHOW(setsockopt(c, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg)));
	SHOW(send(c, "bye", 3, 0));
	SHOW(close(c));
	SHOW(recv(s, buf, sizeof(buf), 0));
	SHOW(recv(s, buf, sizeof(buf), 0));
	return 0;
}
