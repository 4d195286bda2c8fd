/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* AF_PACKET errors: EPERM without CAP_NET_RAW, socket types, bind lengths/families/devices, sends, options. */
#include "packet_util.h"
#include <grp.h>
#include <linux/sockios.h>

static int unprivileged(void *arg)
{
	(void)arg;
	if (setgroups(0, NULL) || setresgid(65534, 65534, 65534) || setresuid(65534, 65534, 65534))
		return 99;
	SHOW(socket(AF_PACKET, SOCK_RAW, htons(ETH_P_ALL)));
	SHOW(socket(AF_PACKET, SOCK_DGRAM, htons(ETH_P_IP)));
	SHOW(socket(AF_PACKET, SOCK_STREAM, 0));
	return 0;
}

static struct sock_filter nothing[] = {BPF_STMT(BPF_RET | BPF_K, 0)};

int main(void)
{
	struct sockaddr_ll a = sll_of(0, ETH_P_ALL);
	struct packet_mreq mr = {.mr_type = PACKET_MR_PROMISC};
	int lo, fd, v = 1;
	char buf[64] = {0};

	packet_netns();
	lo = (int)if_nametoindex("lo");
	SHOW(socket(AF_PACKET, SOCK_STREAM, 0));
	SHOW(socket(AF_PACKET, SOCK_SEQPACKET, htons(ETH_P_ALL)));
	fd = SHOW(socket(AF_PACKET, SOCK_RAW, 0));
	SHOW(bind(fd, (struct sockaddr *)&a, sizeof(a) - 1));
	SHOW(bind(fd, (struct sockaddr *)&a, 8));
	a.sll_family = AF_INET;
	SHOW(bind(fd, (struct sockaddr *)&a, sizeof(a)));
	a = sll_of(999, ETH_P_ALL);
	SHOW(bind(fd, (struct sockaddr *)&a, sizeof(a)));
	a = sll_of(lo, 0);
	SHOW(bind(fd, (struct sockaddr *)&a, sizeof(a)));
	SHOW(getpeername(fd, (struct sockaddr *)&a, &(socklen_t){sizeof(a)}));
	SHOW(connect(fd, (struct sockaddr *)&a, sizeof(a)));
	SHOW(listen(fd, 1));
	/* sends: short names, no device, a runt raw frame, an oversized one */
	a = sll_of(lo, ETH_P_IP);
	SHOW(sendto(fd, buf, 20, 0, (struct sockaddr *)&a, sizeof(a) - 1));
	a.sll_ifindex = 999;
	SHOW(sendto(fd, buf, 20, 0, (struct sockaddr *)&a, sizeof(a)));
	a.sll_ifindex = lo;
	SHOW(sendto(fd, buf, 10, 0, (struct sockaddr *)&a, sizeof(a)));
	SHOW(sendto(fd, ABI_BADPTR, 20, 0, (struct sockaddr *)&a, sizeof(a)));
	SHOW(close(fd));
	fd = SHOW(PACKET_ONLY(SOCK_DGRAM, ETH_P_IP, 0, nothing)); /* no frame of lo's */
	SHOW(send(fd, buf, 20, 0));
	/* receives with nothing queued */
	SHOW(recv(fd, buf, sizeof(buf), MSG_DONTWAIT));
	SHOW(recv(fd, buf, sizeof(buf), MSG_OOB | MSG_DONTWAIT));
	/* options */
	SHOW(setsockopt(fd, SOL_PACKET, PACKET_AUXDATA, &v, sizeof(v)));
	SHOW(setsockopt(fd, SOL_PACKET, PACKET_AUXDATA, &v, 2));
	SHOW(getsockopt(fd, SOL_PACKET, PACKET_AUXDATA, &v, &(socklen_t){sizeof(v)}));
	printf("auxdata %d\n", v);
	SHOW(setsockopt(fd, SOL_PACKET, 9999, &v, sizeof(v)));
	SHOW(getsockopt(fd, SOL_PACKET, 9999, &v, &(socklen_t){sizeof(v)}));
	mr.mr_ifindex = lo;
	SHOW(setsockopt(fd, SOL_PACKET, PACKET_ADD_MEMBERSHIP, &mr, sizeof(mr)));
	SHOW(setsockopt(fd, SOL_PACKET, PACKET_ADD_MEMBERSHIP, &mr, sizeof(mr) - 1));
	mr.mr_type = PACKET_MR_ALLMULTI;
	SHOW(setsockopt(fd, SOL_PACKET, PACKET_ADD_MEMBERSHIP, &mr, sizeof(mr)));
	SHOW(setsockopt(fd, SOL_PACKET, PACKET_DROP_MEMBERSHIP, &mr, sizeof(mr)));
	SHOW(setsockopt(fd, SOL_PACKET, PACKET_DROP_MEMBERSHIP, &mr, sizeof(mr)));
	mr.mr_type = PACKET_MR_PROMISC;
	SHOW(setsockopt(fd, SOL_PACKET, PACKET_ADD_MEMBERSHIP, &mr, sizeof(mr))); /* twice now */
	SHOW(setsockopt(fd, SOL_PACKET, PACKET_DROP_MEMBERSHIP, &mr, sizeof(mr)));
	SHOW(setsockopt(fd, SOL_PACKET, PACKET_DROP_MEMBERSHIP, &mr, sizeof(mr)));
	SHOW(setsockopt(fd, SOL_PACKET, PACKET_DROP_MEMBERSHIP, &mr, sizeof(mr)));
	mr.mr_ifindex = 999;
	SHOW(setsockopt(fd, SOL_PACKET, PACKET_ADD_MEMBERSHIP, &mr, sizeof(mr)));
	SHOW(ioctl(fd, SIOCINQ, &v));
	printf("inq %d\n", v);
	SHOW(ioctl(fd, SIOCOUTQ, &v));
	printf("outq %d\n", v);
	SHOW(close(fd));

	abi_run_child("unprivileged", unprivileged, NULL);
	return 0;
}
