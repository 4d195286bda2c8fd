/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* FIONREAD/SIOCINQ (TCP bytes, UDP's next datagram), SIOCOUTQ, SIOCATMARK; a listener's EINVAL. */
#include "inet_util.h"
#include <linux/sockios.h>
#include <sys/ioctl.h>

int main(void)
{
	int l = lo_server(AF_INET, SOCK_STREAM), c = lo_connect(AF_INET, SOCK_STREAM, l);
	int s = accept(l, NULL, NULL), u = lo_server(AF_INET, SOCK_DGRAM);
	int uc = lo_connect(AF_INET, SOCK_DGRAM, u), n = -1;
	char buf[16];

	SHOW(ioctl(s, FIONREAD, &n));
	printf("inq %d\n", n);
	SHOW(send(c, "abcdefg", 7, 0));
	usleep(50000);
	SHOW(ioctl(s, FIONREAD, &n));
	printf("inq %d\n", n);
	SHOW(ioctl(s, SIOCINQ, &n));
	printf("inq %d\n", n);
	SHOW(ioctl(s, SIOCATMARK, &n));
	printf("atmark %d\n", n);
	SHOW(recv(s, buf, 3, 0));
	SHOW(ioctl(s, FIONREAD, &n));
	printf("inq %d\n", n);
	SHOW(ioctl(c, SIOCOUTQ, &n));
	printf("outq %d\n", n);
	SHOW(ioctl(l, SIOCINQ, &n));
	SHOW(ioctl(s, FIONREAD, ABI_BADPTR));
	SHOW(ioctl(u, FIONREAD, &n));
	printf("udp inq %d\n", n);
	SHOW(send(uc, "12345", 5, 0));
	SHOW(send(uc, "1234567890", 10, 0));
	usleep(50000);
	SHOW(ioctl(u, FIONREAD, &n));
	printf("udp inq %d\n", n);
	SHOW(ioctl(uc, SIOCOUTQ, &n));
	printf("udp outq %d\n", n);
	return 0;
}
