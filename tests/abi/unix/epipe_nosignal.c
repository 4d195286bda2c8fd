/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Datagram and seqpacket sockets fail with EPIPE but raise no SIGPIPE, even through write(); a stream socket's writev does. */
/* abi: glibc */
#include "abi.h"
#include <sys/socket.h>
#include <sys/uio.h>

static volatile int pipes;

static void on_pipe(int sig)
{
	(void)sig;
	pipes++;
}

static void try(const char *what, int type, int shut_fd, int how, int close_peer)
{
	struct iovec iov = {"x", 1};
	int sv[2];

	socketpair(AF_UNIX, type, 0, sv);
	if (how >= 0)
		shutdown(sv[shut_fd], how);
	if (close_peer)
		close(sv[1]);
	pipes = 0;
	printf("%s: ", what);
	SHOW(write(sv[0], "x", 1));
	printf("%s: ", what);
	SHOW(writev(sv[0], &iov, 1));
	printf("%s: SIGPIPEs %d\n", what, pipes);
	close(sv[0]);
	if (!close_peer)
		close(sv[1]);
}

int main(void)
{
	signal(SIGPIPE, on_pipe);
	try("seqpacket peer closed", SOCK_SEQPACKET, 0, -1, 1);
	try("seqpacket peer SHUT_RD", SOCK_SEQPACKET, 1, SHUT_RD, 0);
	try("seqpacket own SHUT_WR", SOCK_SEQPACKET, 0, SHUT_WR, 0);
	try("dgram own SHUT_WR", SOCK_DGRAM, 0, SHUT_WR, 0);
	try("dgram peer SHUT_RD", SOCK_DGRAM, 1, SHUT_RD, 0);
	try("stream peer closed", SOCK_STREAM, 0, -1, 1);
	try("stream own SHUT_WR", SOCK_STREAM, 0, SHUT_WR, 0);
	return 0;
}
