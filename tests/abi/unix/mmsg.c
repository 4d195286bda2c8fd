/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* sendmmsg and recvmmsg on a datagram pair: counts, msg_len, MSG_WAITFORONE, and errors before any message. */
/* abi: glibc */
#include "abi.h"
#include <sys/socket.h>

int main(void)
{
	char out[3][8] = {"a", "bb", "ccc"}, in[4][8];
	struct iovec oiov[3], iiov[4];
	struct mmsghdr om[3], im[4];
	int sv[2], i;

	memset(om, 0, sizeof(om));
	memset(im, 0, sizeof(im));
	for (i = 0; i < 3; i++) {
		oiov[i] = (struct iovec){out[i], strlen(out[i])};
		om[i].msg_hdr.msg_iov = &oiov[i];
		om[i].msg_hdr.msg_iovlen = 1;
	}
	for (i = 0; i < 4; i++) {
		iiov[i] = (struct iovec){in[i], sizeof(in[i])};
		im[i].msg_hdr.msg_iov = &iiov[i];
		im[i].msg_hdr.msg_iovlen = 1;
	}
	SHOW(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv));
	SHOW(sendmmsg(sv[0], om, 3, 0));
	printf("msg_len %u %u %u\n", om[0].msg_len, om[1].msg_len, om[2].msg_len);
	SHOW(recvmmsg(sv[1], im, 4, MSG_WAITFORONE, NULL));
	printf("msg_len %u %u %u '%.3s'\n", im[0].msg_len, im[1].msg_len, im[2].msg_len, in[2]);
	SHOW(recvmmsg(sv[1], im, 4, MSG_DONTWAIT, NULL));
	SHOW(sendmmsg(sv[0], om, 0, 0));
	SHOW(sendmmsg(sv[0], ABI_BADPTR, 2, 0));
	SHOW(recvmmsg(sv[1], ABI_BADPTR, 2, MSG_DONTWAIT, NULL));
	SHOW(sendmmsg(-1, om, 1, 0));
	om[1].msg_hdr.msg_iov = ABI_BADPTR;
	SHOW(sendmmsg(sv[0], om, 3, 0));
	SHOW(recvmmsg(sv[1], im, 4, MSG_DONTWAIT, NULL));
	return 0;
}
