/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Name resolution from the image's /etc/hosts as a static musl program
 * resolves it (tests/integration/netcfg.sh; glibc's side is getent):
 * getaddrinfo of each name on the command line, its addresses in the
 * order the libc gives them, "NAME: ERROR" when it cannot.  With
 * `--udp PORT`: a UDP socket bound to 0.0.0.0:PORT, and /proc/net/udp
 * printed while it is open.  With `--mcast IFNAME`: a UDP socket joins
 * 239.1.2.3 on IFNAME, sends a datagram to the group out of IFNAME with
 * IP_MULTICAST_LOOP on, and prints what it receives back.
 */
#include <arpa/inet.h>
#include <net/if.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>

static int udp(int port)
{
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(port)};
	int s = socket(AF_INET, SOCK_DGRAM, 0), c;
	FILE *f;

	if (s < 0 || bind(s, (struct sockaddr *)&a, sizeof(a)) < 0)
		return perror("udp"), 1;
	f = fopen("/proc/net/udp", "r");
	if (!f)
		return perror("/proc/net/udp"), 1;
	while ((c = getc(f)) != EOF)
		putchar(c);
	fclose(f);
	close(s);
	return 0;
}

static int mcast(const char *ifname)
{
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(7779)};
	struct ip_mreqn m = {.imr_ifindex = (int)if_nametoindex(ifname)};
	struct pollfd p;
	char buf[64];
	int s = socket(AF_INET, SOCK_DGRAM, 0), one = 1;
	ssize_t n;

	inet_pton(AF_INET, "239.1.2.3", &m.imr_multiaddr);
	if (s < 0 || bind(s, (struct sockaddr *)&a, sizeof(a)) < 0)
		return perror("mcast: bind"), 1;
	if (setsockopt(s, IPPROTO_IP, IP_ADD_MEMBERSHIP, &m, sizeof(m)) < 0)
		return perror("mcast: IP_ADD_MEMBERSHIP"), 1;
	if (setsockopt(s, IPPROTO_IP, IP_MULTICAST_IF, &m, sizeof(m)) < 0 ||
	    setsockopt(s, IPPROTO_IP, IP_MULTICAST_LOOP, &one, sizeof(one)) < 0)
		return perror("mcast: IP_MULTICAST_IF/LOOP"), 1;
	a.sin_addr = m.imr_multiaddr;
	if (sendto(s, "to the group", 12, 0, (struct sockaddr *)&a, sizeof(a)) != 12)
		return perror("mcast: sendto"), 1;
	p = (struct pollfd){.fd = s, .events = POLLIN};
	if (poll(&p, 1, 5000) != 1)
		return printf("mcast: nothing came back\n"), 1;
	n = recv(s, buf, sizeof(buf) - 1, 0);
	if (n < 0)
		return perror("mcast: recv"), 1;
	buf[n] = 0;
	printf("mcast: got '%s'\n", buf);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "--mcast"))
		return mcast(argv[2]);
	if (argc == 3 && !strcmp(argv[1], "--udp"))
		return udp(atoi(argv[2]));
	for (int i = 1; i < argc; i++) {
		struct addrinfo hints = {.ai_socktype = SOCK_STREAM}, *res, *a;
		int r = getaddrinfo(argv[i], NULL, &hints, &res);

		if (r) {
			printf("%s: %s\n", argv[i], gai_strerror(r));
			continue;
		}
		printf("%s:", argv[i]);
		for (a = res; a; a = a->ai_next) {
			char s[INET6_ADDRSTRLEN];
			const void *p = a->ai_family == AF_INET6
						? (const void *)&((struct sockaddr_in6 *)a->ai_addr)
							  ->sin6_addr
						: (const void *)&((struct sockaddr_in *)a->ai_addr)
							  ->sin_addr;

			printf(" %s", inet_ntop(a->ai_family, p, s, sizeof(s)));
		}
		printf("\n");
		freeaddrinfo(res);
	}
	return 0;
}
