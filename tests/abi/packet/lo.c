/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Frames on lo: ETH_P_ALL sees OUTGOING then HOST, SOCK_DGRAM strips the header, AUXDATA, PEEK/TRUNC, filters, stats. */
#include "packet_util.h"
#include <linux/sockios.h>

#define PROTO 0x88b5 /* IEEE's local experimental EtherType */

static int sock_on(int type, int proto, int lo)
{
	struct sockaddr_ll a = sll_of(lo, proto);
	int fd = socket(AF_PACKET, type, htons((unsigned short)proto));

	if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof(a)))
		printf("FAIL: socket/bind %s\n", abi_errname(errno));
	return fd;
}

/* peeked: the frame was read with MSG_PEEK before, where Linux's tp_len
 * is not the length (it shares the frame's control block with the
 * address that the peek wrote out): not printed then. */
static void recv_one(int fd, const char *what, size_t room, int flags, int peeked)
{
	unsigned char buf[128], cbuf[128];
	struct sockaddr_ll a;
	struct iovec iov = {.iov_base = buf, .iov_len = room};
	struct msghdr m = {.msg_name = &a,
			   .msg_namelen = sizeof(a),
			   .msg_iov = &iov,
			   .msg_iovlen = 1,
			   .msg_control = cbuf,
			   .msg_controllen = sizeof(cbuf)};
	ssize_t n;

	memset(&a, 0xee, sizeof(a));
	n = recvmsg(fd, &m, flags | MSG_DONTWAIT);
	if (n < 0) {
		printf("%s: recvmsg -1 %s\n", what, abi_errname(errno));
		return;
	}
	printf("%s: %zd bytes, flags%s, first %02x %02x, ", what, n,
	       m.msg_flags & MSG_TRUNC ? " TRUNC" : "", buf[0], buf[1]);
	show_sll("from", &a, m.msg_namelen);
	for (struct cmsghdr *c = CMSG_FIRSTHDR(&m); c; c = CMSG_NXTHDR(&m, c)) {
		struct tpacket_auxdata aux;

		if (c->cmsg_level != SOL_PACKET || c->cmsg_type != PACKET_AUXDATA) {
			printf("  cmsg %d/%d\n", c->cmsg_level, c->cmsg_type);
			continue;
		}
		memcpy(&aux, CMSG_DATA(c), sizeof(aux));
		if (!peeked)
			printf("  auxdata len %u\n", aux.tp_len);
		printf("  auxdata: user %d snaplen %u mac %u net %u vlan %u\n",
		       !!(aux.tp_status & TP_STATUS_USER), aux.tp_snaplen, aux.tp_mac, aux.tp_net,
		       aux.tp_vlan_tci);
	}
}

/* Frames of PROTO, whole or their first 20 bytes (packet_only: lo may
 * carry earlier tests' frames too) */
static struct sock_filter proto_only[] = {
	BPF_STMT(BPF_LD | BPF_H | BPF_ABS, 12),
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, PROTO, 1, 0),
	BPF_STMT(BPF_RET | BPF_K, 0),
	BPF_STMT(BPF_RET | BPF_K, 0xffff),
};
static struct sock_filter snap20[] = {
	BPF_STMT(BPF_LD | BPF_H | BPF_ABS, 12),
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, PROTO, 1, 0),
	BPF_STMT(BPF_RET | BPF_K, 0),
	BPF_STMT(BPF_RET | BPF_K, 20),
};
/* What an ETH_P_IP socket must not get: the payloads sent here begin
 * 0xa0 or 0x00, where an IPv4 header begins 0x4 */
static struct sock_filter ours_as_ip[] = {
	BPF_STMT(BPF_LD | BPF_B | BPF_ABS, 0),
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0xa0, 2, 0),
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0x00, 1, 0),
	BPF_STMT(BPF_RET | BPF_K, 0),
	BPF_STMT(BPF_RET | BPF_K, 0xffff),
};

int main(void)
{
	static const unsigned char dst[6] = {0x02, 0, 0, 0, 0, 0x01};
	struct sock_fprog prog = {.len = sizeof(snap20) / sizeof(snap20[0]), .filter = snap20};
	unsigned char frame[14 + 32];
	struct tpacket_stats st;
	struct sockaddr_ll to;
	struct pollfd pf;
	int lo, all, dg, ip, filt, tx, v = 1;

	packet_netns();
	lo = (int)if_nametoindex("lo");
	all = PACKET_ONLY(SOCK_RAW, ETH_P_ALL, lo, proto_only);
	dg = sock_on(SOCK_DGRAM, PROTO, lo);
	ip = PACKET_ONLY(SOCK_DGRAM, ETH_P_IP, lo, ours_as_ip);
	filt = PACKET_ONLY(SOCK_RAW, ETH_P_ALL, lo, proto_only);
	SHOW(setsockopt(dg, SOL_PACKET, PACKET_AUXDATA, &v, sizeof(v)));
	SHOW(setsockopt(filt, SOL_SOCKET, SO_ATTACH_FILTER, &prog, sizeof(prog)));
	tx = SHOW(socket(AF_PACKET, SOCK_DGRAM, 0));
	pf = (struct pollfd){.fd = dg, .events = POLLIN};
	printf("poll before: %d\n", poll(&pf, 1, 0));

	/* SOCK_DGRAM send: the kernel writes dst, lo's address and PROTO */
	to = sll_of(lo, PROTO);
	to.sll_halen = 6;
	memcpy(to.sll_addr, dst, 6);
	for (int i = 0; i < 32; i++)
		frame[i] = (unsigned char)(0xa0 + i);
	SHOW(sendto(tx, frame, 32, 0, (struct sockaddr *)&to, sizeof(to)));
	printf("poll after: %d\n", wait_in(dg));
	printf("revents in: %d\n", !!(pf.revents & POLLIN) || poll(&pf, 1, 0) == 1);
	recv_one(all, "all #1", sizeof(frame), 0, 0);
	recv_one(all, "all #2", sizeof(frame), 0, 0);
	recv_one(all, "all #3", sizeof(frame), 0, 0);
	SHOW(ioctl(dg, SIOCINQ, &v));
	printf("dgram inq %d\n", v);
	recv_one(dg, "dgram peek 4", 4, MSG_PEEK | MSG_TRUNC, 0);
	recv_one(dg, "dgram", sizeof(frame), 0, 1);
	recv_one(dg, "dgram again", sizeof(frame), 0, 0);
	recv_one(ip, "ip", sizeof(frame), 0, 0);
	recv_one(filt, "snap 20 #1", sizeof(frame), MSG_TRUNC, 0);
	recv_one(filt, "snap 20 #2", 8, 0, 0);

	/* SOCK_RAW send: the user's whole frame */
	memcpy(frame, dst, 6);
	memset(frame + 6, 0x22, 6);
	frame[12] = PROTO >> 8;
	frame[13] = PROTO & 0xff;
	for (int i = 0; i < 32; i++)
		frame[14 + i] = (unsigned char)i;
	SHOW(close(tx));
	tx = sock_on(SOCK_RAW, 0, lo);
	SHOW(send(tx, frame, sizeof(frame), 0));
	printf("poll raw: %d\n", wait_in(dg));
	recv_one(dg, "dgram from raw", sizeof(frame), 0, 0);

	SHOW(getsockopt(all, SOL_PACKET, PACKET_STATISTICS, &st, &(socklen_t){sizeof(st)}));
	printf("all stats: packets %u drops %u\n", st.tp_packets, st.tp_drops);
	SHOW(getsockopt(all, SOL_PACKET, PACKET_STATISTICS, &st, &(socklen_t){sizeof(st)}));
	printf("all stats again: packets %u drops %u\n", st.tp_packets, st.tp_drops);
	SHOW(getsockopt(ip, SOL_PACKET, PACKET_STATISTICS, &st, &(socklen_t){sizeof(st)}));
	printf("ip stats: packets %u drops %u\n", st.tp_packets, st.tp_drops);
	/* an ETH_P_ALL socket that sends sees its frame go out and come in */
	SHOW(send(all, frame, sizeof(frame), 0));
	printf("poll self: %d\n", wait_in(all));
	recv_one(all, "self #1", sizeof(frame), 0, 0);
	recv_one(all, "self #2", sizeof(frame), 0, 0);
	recv_one(all, "self #3", sizeof(frame), 0, 0);
	recv_one(dg, "dgram from all", sizeof(frame), 0, 0);
	close(tx);
	close(filt);
	close(ip);
	close(dg);
	close(all);
	return 0;
}
