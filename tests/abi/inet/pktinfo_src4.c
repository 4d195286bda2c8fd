/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* sendmsg's IP_PKTINFO picks the source (ipi_spec_dst, any of 127/8) and the interface (ipi_ifindex: lo), on unbound, connected and bound sockets. */
#include "pktinfo_util.h"

int main(void)
{
	socklen_t len;
	int s = lo_server(AF_INET, SOCK_DGRAM);
	struct sockaddr_storage to = lo_addr(AF_INET, port_of(s), &len);
	struct sockaddr_storage b = lo_addr(AF_INET, 0, &len);
	int c = socket(AF_INET, SOCK_DGRAM, 0), cc = lo_connect(AF_INET, SOCK_DGRAM, s);
	int cb = socket(AF_INET, SOCK_DGRAM, 0);

	SHOW(send_pi4(c, &to, len, "0.0.0.0", 0, 0));
	got_from(s);
	SHOW(send_pi4(c, &to, len, "127.0.0.2", 0, 0));
	got_from(s);
	SHOW(send_pi4(c, &to, len, "127.1.2.3", 1, 0));
	got_from(s);
	SHOW(send_pi4(c, &to, len, "0.0.0.0", 1, 0));
	got_from(s);
	SHOW(sendto(c, "y", 1, 0, (struct sockaddr *)&to, len));
	got_from(s);
	printf("connected:\n");
	SHOW(send_pi4(cc, NULL, 0, "127.0.0.3", 0, 0));
	got_from(s);
	SHOW(send(cc, "y", 1, 0));
	got_from(s);
	printf("bound to 127.0.0.1:\n");
	SHOW(bind(cb, (struct sockaddr *)&b, len));
	SHOW(send_pi4(cb, &to, len, "127.0.0.5", 0, 0));
	got_from(s);
	SHOW(sendto(cb, "y", 1, 0, (struct sockaddr *)&to, len));
	got_from(s);
	return 0;
}
