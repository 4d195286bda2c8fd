/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* writev and readv on datagram and seqpacket sockets move one message for the whole vector. */
/* abi: glibc */
#include "abi.h"
#include <sys/socket.h>
#include <sys/uio.h>

static void one(const char *what, int type)
{
	char a[4] = "", b[8] = "", c[32] = "";
	struct iovec out[3] = {{"head:", 5}, {"", 0}, {"body", 4}};
	struct iovec in[2] = {{a, 3}, {b, sizeof(b)}};
	int sv[2];

	printf("%s\n", what);
	SHOW(socketpair(AF_UNIX, type, 0, sv));
	SHOW(writev(sv[0], out, 3));
	SHOW(writev(sv[0], out, 1));
	SHOW(writev(sv[0], out + 1, 1));
	SHOW(readv(sv[1], in, 2));
	printf("'%.3s' '%.6s'\n", a, b);
	SHOW(read(sv[1], c, sizeof(c)));
	SHOW(recv(sv[1], c, sizeof(c), MSG_DONTWAIT));
	close(sv[0]);
	close(sv[1]);
}

int main(void)
{
	one("dgram", SOCK_DGRAM);
	one("seqpacket", SOCK_SEQPACKET);
	one("stream", SOCK_STREAM);
	return 0;
}
