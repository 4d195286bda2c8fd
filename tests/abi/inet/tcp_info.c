/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* TCP_INFO: the state of a listener, a connected pair and a closed socket; a short buffer is cut. */
#include "inet_util.h"

static void info(int fd, const char *label)
{
	struct tcp_info ti;
	socklen_t len = sizeof(ti);

	memset(&ti, 0xff, sizeof(ti));
	if (getsockopt(fd, IPPROTO_TCP, TCP_INFO, &ti, &len)) {
		printf("%s: %s\n", label, abi_errname(errno));
		return;
	}
	printf("%s: state %d full %d mss>0 %d rtt_set %d\n", label, ti.tcpi_state, len >= 104,
	       ti.tcpi_snd_mss > 0, ti.tcpi_state != 1 || ti.tcpi_rtt != 0xffffffffu);
}

int main(void)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0), l = lo_server(AF_INET, SOCK_STREAM);
	int c = lo_connect(AF_INET, SOCK_STREAM, l), s = accept(l, NULL, NULL);
	unsigned char b[4];
	socklen_t len = 1;

	info(fd, "fresh");
	info(l, "listener");
	info(c, "client");
	info(s, "server");
	SHOW(getsockopt(c, IPPROTO_TCP, TCP_INFO, b, &len));
	printf("state %d len %d\n", b[0], (int)len);
	SHOW(close(s));
	usleep(100000);
	info(c, "after peer close");
	return 0;
}
