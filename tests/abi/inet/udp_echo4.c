/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* UDP over the IPv4 loopback: sendto/recvfrom keep datagram boundaries and report the sender; connected UDP. */
#include "inet_util.h"

int main(void)
{
	char buf[64] = "";
	int s = lo_server(AF_INET, SOCK_DGRAM), c = socket(AF_INET, SOCK_DGRAM, 0);
	struct sockaddr_storage from;
	socklen_t flen = sizeof(from), len;
	struct sockaddr_storage to = lo_addr(AF_INET, port_of(s), &len);

	SHOW(sendto(c, "one", 3, 0, (struct sockaddr *)&to, len));
	SHOW(sendto(c, "two!", 4, 0, (struct sockaddr *)&to, len));
	SHOW(sendto(c, "", 0, 0, (struct sockaddr *)&to, len));
	SHOW(recvfrom(s, buf, sizeof(buf), 0, (struct sockaddr *)&from, &flen));
	printf("got '%s' flen %d family %d same port %d\n", buf, (int)flen, from.ss_family,
	       port_of(c) == ntohs(((struct sockaddr_in *)&from)->sin_port));
	SHOW(recv(s, buf, sizeof(buf), 0));
	SHOW(recv(s, buf, sizeof(buf), 0));
	SHOW(recv(s, buf, sizeof(buf), MSG_DONTWAIT));
	SHOW(send(c, "x", 1, 0));
	SHOW(connect(c, (struct sockaddr *)&to, len));
	SHOW(send(c, "connected", 9, 0));
	memset(buf, 0, sizeof(buf));
	SHOW(sendto(s, "back", 4, 0, (struct sockaddr *)&from, flen));
	SHOW(read(c, buf, sizeof(buf)));
	SHOW(read(s, buf, sizeof(buf)));
	printf("got '%s'\n", buf);
	SHOW(close(c));
	SHOW(close(s));
	return 0;
}
