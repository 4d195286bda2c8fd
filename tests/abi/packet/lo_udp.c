/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* A UDP datagram over 127.0.0.1 as packet sockets on lo see it: ETH_P_ALL twice (OUTGOING, HOST), ETH_P_IP once. */
#include "packet_util.h"
#include <netinet/in.h>

static void show(int fd, const char *what)
{
	unsigned char b[256];
	struct sockaddr_ll a;
	socklen_t alen = sizeof(a);
	ssize_t n;
	size_t ip;

	if (wait_in(fd) != 1) {
		printf("%s: nothing\n", what);
		return;
	}
	n = recvfrom(fd, b, sizeof(b), MSG_DONTWAIT, (struct sockaddr *)&a, &alen);
	if (n < 0) {
		printf("%s: recvfrom -1 %s\n", what, abi_errname(errno));
		return;
	}
	ip = a.sll_protocol == htons(ETH_P_IP) && n >= 14 && b[12] == 0x08 && b[13] == 0 ? 14 : 0;
	printf("%s: %zd bytes, ", what, n);
	show_sll("from", &a, alen);
	if (ip)
		printf("  ethernet: dst %02x%02x%02x%02x%02x%02x src %02x%02x%02x%02x%02x%02x\n",
		       b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11]);
	if ((size_t)n < ip + 28)
		return;
	printf("  ip: version %u ihl %u length %u ttl %u protocol %u src %u.%u.%u.%u dst "
	       "%u.%u.%u.%u\n",
	       b[ip] >> 4, b[ip] & 15, b[ip + 2] << 8 | b[ip + 3], b[ip + 8], b[ip + 9], b[ip + 12],
	       b[ip + 13], b[ip + 14], b[ip + 15], b[ip + 16], b[ip + 17], b[ip + 18], b[ip + 19]);
	printf("  udp: dport %u length %u payload %.*s\n", b[ip + 22] << 8 | b[ip + 23],
	       b[ip + 24] << 8 | b[ip + 25], (int)(n - (ssize_t)ip - 28), b + ip + 28);
}

/* UDP to port 40123 (IPv4 headers of 20 bytes): from the Ethernet header, from the IP header */
static struct sock_filter eth_ours[] = {
	BPF_STMT(BPF_LD | BPF_H | BPF_ABS, 12),
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, ETH_P_IP, 0, 4),
	BPF_STMT(BPF_LD | BPF_B | BPF_ABS, 14 + 9),
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 17, 0, 2),
	BPF_STMT(BPF_LD | BPF_H | BPF_ABS, 14 + 22),
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 40123, 1, 0),
	BPF_STMT(BPF_RET | BPF_K, 0),
	BPF_STMT(BPF_RET | BPF_K, 0xffff),
};
static struct sock_filter ip_ours[] = {
	BPF_STMT(BPF_LD | BPF_B | BPF_ABS, 9),	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 17, 0, 2),
	BPF_STMT(BPF_LD | BPF_H | BPF_ABS, 22), BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 40123, 1, 0),
	BPF_STMT(BPF_RET | BPF_K, 0),		BPF_STMT(BPF_RET | BPF_K, 0xffff),
};

int main(void)
{
	struct sockaddr_in to = {.sin_family = AF_INET, .sin_port = htons(40123)};
	int all, ipd, rx, tx;
	char buf[16];

	packet_netns();
	to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	all = SHOW(PACKET_ONLY(SOCK_RAW, ETH_P_ALL, (int)if_nametoindex("lo"), eth_ours));
	ipd = SHOW(PACKET_ONLY(SOCK_DGRAM, ETH_P_IP, 0, ip_ours));
	rx = SHOW(socket(AF_INET, SOCK_DGRAM, 0));
	SHOW(bind(rx, (struct sockaddr *)&to, sizeof(to)));
	tx = SHOW(socket(AF_INET, SOCK_DGRAM, 0));
	SHOW(sendto(tx, "kevlar", 6, 0, (struct sockaddr *)&to, sizeof(to)));
	SHOW(recv(rx, buf, sizeof(buf), 0));
	show(all, "all #1");
	show(all, "all #2");
	show(ipd, "ip");
	SHOW(recv(all, buf, sizeof(buf), MSG_DONTWAIT));
	SHOW(recv(ipd, buf, sizeof(buf), MSG_DONTWAIT));
	close(tx);
	close(rx);
	close(ipd);
	close(all);
	return 0;
}
