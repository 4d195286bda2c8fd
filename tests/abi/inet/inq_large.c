/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* FIONREAD on a TCP socket counts every unread byte once more than 64 KiB of them arrived. */
#include "inet_util.h"
#include <linux/sockios.h>
#include <sys/ioctl.h>

#define TOTAL 100000

/* Wait (at most 5 s) until `n` bytes are queued on s: what FIONREAD says then. */
static int queued(int s, int n)
{
	int v = -1;

	for (int i = 0; i < 500; i++) {
		if (ioctl(s, FIONREAD, &v) || v >= n)
			break;
		usleep(10000);
	}
	return v;
}

int main(void)
{
	static char buf[TOTAL];
	int l = lo_server(AF_INET, SOCK_STREAM), c = lo_connect(AF_INET, SOCK_STREAM, l);
	int s = accept(l, NULL, NULL), v = -1;

	memset(buf, 'k', sizeof(buf));
	SHOW(send(c, buf, sizeof(buf), 0));
	printf("FIONREAD %d\n", queued(s, TOTAL));
	SHOW(ioctl(s, SIOCINQ, &v));
	printf("SIOCINQ %d\n", v);
	SHOW(recv(s, buf, 30000, 0));
	printf("FIONREAD %d\n", queued(s, TOTAL - 30000));
	SHOW(close(c));
	SHOW(close(s));
	SHOW(close(l));
	return 0;
}
