/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* shutdown(SHUT_WR): the peer reads EOF; writing then gives EPIPE and SIGPIPE (not with MSG_NOSIGNAL); SHUT_RD; ENOTCONN. */
#include "inet_util.h"

static int pipes;

static void on_pipe(int sig)
{
	(void)sig;
	pipes++;
}

int main(void)
{
	char buf[16];
	int l = lo_server(AF_INET, SOCK_STREAM), c = lo_connect(AF_INET, SOCK_STREAM, l);
	int s = accept(l, NULL, NULL);

	signal(SIGPIPE, on_pipe);
	SHOW(shutdown(socket(AF_INET, SOCK_STREAM, 0), SHUT_WR));
	SHOW(shutdown(c, 7));
	SHOW(write(c, "bye", 3));
	SHOW(shutdown(c, SHUT_WR));
	SHOW(read(s, buf, sizeof(buf)));
	SHOW(read(s, buf, sizeof(buf)));
	SHOW(write(c, "x", 1));
	printf("SIGPIPE %d\n", pipes);
	SHOW(send(c, "x", 1, MSG_NOSIGNAL));
	printf("SIGPIPE %d\n", pipes);
	SHOW(write(s, "still", 5));
	SHOW(read(c, buf, sizeof(buf)));
	SHOW(shutdown(s, SHUT_RD));
	SHOW(read(s, buf, sizeof(buf)));
	SHOW(shutdown(s, SHUT_RDWR));
	SHOW(read(c, buf, sizeof(buf)));
	return 0;
}
