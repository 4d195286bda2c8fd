/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* A stream write to a closed peer raises SIGPIPE (write, send, sendmsg), unless MSG_NOSIGNAL. */
/* abi: glibc */
#include "abi.h"
#include <sys/socket.h>

static int sv[2];

static int by_write(void *a)
{
	(void)a;
	return write(sv[0], "x", 1) < 0 ? 1 : 0;
}

static int by_send(void *a)
{
	(void)a;
	return send(sv[0], "x", 1, 0) < 0 ? 1 : 0;
}

static int by_nosignal(void *a)
{
	(void)a;
	errno = 0;
	return send(sv[0], "x", 1, MSG_NOSIGNAL) < 0 && errno == EPIPE ? 7 : 0;
}

static int by_shut_wr(void *a)
{
	int p[2];

	(void)a;
	socketpair(AF_UNIX, SOCK_STREAM, 0, p);
	shutdown(p[0], SHUT_WR);
	return write(p[0], "x", 1) < 0 ? 1 : 0;
}

int main(void)
{
	SHOW(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	SHOW(close(sv[1]));
	abi_run_child("write", by_write, NULL);
	abi_run_child("send", by_send, NULL);
	abi_run_child("send MSG_NOSIGNAL", by_nosignal, NULL);
	abi_run_child("write after SHUT_WR", by_shut_wr, NULL);
	return 0;
}
