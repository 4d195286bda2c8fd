/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* sendmmsg/recvmmsg on UDP: counts, per-message lengths and senders, MSG_WAITFORONE, a truncated datagram. */
#include "inet_util.h"

int main(void)
{
	int s = lo_server(AF_INET, SOCK_DGRAM), c = lo_connect(AF_INET, SOCK_DGRAM, s);
	char out[3][8] = {"one", "twotwo", "threeee"}, in[4][4];
	struct mmsghdr mo[3], mi[4];
	struct iovec io[3], ii[4];
	struct sockaddr_in from[4];

	memset(mo, 0, sizeof(mo));
	memset(mi, 0, sizeof(mi));
	for (int i = 0; i < 3; i++) {
		io[i] = (struct iovec){out[i], strlen(out[i])};
		mo[i].msg_hdr.msg_iov = &io[i];
		mo[i].msg_hdr.msg_iovlen = 1;
	}
	for (int i = 0; i < 4; i++) {
		ii[i] = (struct iovec){in[i], sizeof(in[i])};
		mi[i].msg_hdr.msg_iov = &ii[i];
		mi[i].msg_hdr.msg_iovlen = 1;
		mi[i].msg_hdr.msg_name = &from[i];
		mi[i].msg_hdr.msg_namelen = sizeof(from[i]);
	}
	SHOW(sendmmsg(c, mo, 3, 0));
	for (int i = 0; i < 3; i++)
		printf("sent %d: %u\n", i, mo[i].msg_len);
	usleep(50000); /* all three queued before the receive */
	SHOW(recvmmsg(s, mi, 4, MSG_WAITFORONE, NULL));
	for (int i = 0; i < 3; i++)
		printf("got %d: len %u flags %#x '%.4s' namelen %d port ok %d\n", i, mi[i].msg_len,
		       mi[i].msg_hdr.msg_flags, in[i], (int)mi[i].msg_hdr.msg_namelen,
		       ntohs(from[i].sin_port) == port_of(c));
	SHOW(recvmmsg(s, mi, 4, MSG_DONTWAIT, NULL));
	SHOW(sendmmsg(c, mo, 0, 0));
	SHOW(sendmmsg(c, ABI_BADPTR, 1, 0));
	return 0;
}
