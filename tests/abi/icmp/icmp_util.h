/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Helpers of the icmp tests: a private network namespace where the host has one, echo requests and their checks. */
#pragma once
#include "abi.h"
#include <arpa/inet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>

/* The loopback up in a fresh network namespace (the packet tests too). */
static inline void lo_up(void)
{
	struct ifreq ifr;
	int fd = socket(AF_INET, SOCK_DGRAM, 0);

	memset(&ifr, 0, sizeof(ifr));
	strcpy(ifr.ifr_name, "lo");
	if (fd >= 0 && ioctl(fd, SIOCGIFFLAGS, &ifr) == 0) {
		ifr.ifr_flags |= IFF_UP;
		(void)ioctl(fd, SIOCSIFFLAGS, &ifr);
	}
	if (fd >= 0)
		close(fd);
}

/*
 * Ping sockets need the caller's group in net.ipv4.ping_group_range, which
 * Debian 12 sets to "0 2147483647" and Linux itself leaves at "1 0".  So
 * that the tests see Debian's setting without touching the host's, each
 * runs in a network namespace of its own where there is one (the host):
 * Debian's range, the loopback up, no other traffic.  A kernel without
 * them (Kevlar) runs in its one namespace, whose range is Debian's; the
 * steps' results are not printed, only what follows.
 */
static inline void icmp_netns(void)
{
	int fd;

	if (unshare(CLONE_NEWNET))
		return;
	fd = open("/proc/sys/net/ipv4/ping_group_range", O_WRONLY);
	if (fd >= 0) {
		if (write(fd, "0 2147483647", 12) < 0)
			perror("ping_group_range");
		close(fd);
	}
	lo_up();
}

static inline struct sockaddr_in lo4(void)
{
	struct sockaddr_in a = {.sin_family = AF_INET};

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	return a;
}

static inline struct sockaddr_in6 lo6(void)
{
	struct sockaddr_in6 a = {.sin6_family = AF_INET6};

	a.sin6_addr = in6addr_loopback;
	return a;
}

/* An echo request: type, code 0, a checksum the kernel replaces, an
 * identifier it replaces, `seq`, then "kevlar-ping". */
static inline size_t echo_req(unsigned char *b, int type, int seq)
{
	memset(b, 0, 8);
	b[0] = (unsigned char)type;
	b[2] = 0xde, b[3] = 0xad; /* wrong on purpose */
	b[4] = 0x12, b[5] = 0x34;
	b[6] = (unsigned char)(seq >> 8), b[7] = (unsigned char)seq;
	memcpy(b + 8, "kevlar-ping", 11);
	return 19;
}

/* The Internet checksum over n bytes: 0 when a packet's own sum is right. */
static inline unsigned short icmp_sum(const unsigned char *b, size_t n)
{
	unsigned long s = 0;

	for (size_t i = 0; i + 1 < n; i += 2)
		s += (unsigned)(b[i] << 8 | b[i + 1]);
	if (n & 1)
		s += (unsigned)(b[n - 1] << 8);
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return (unsigned short)~s;
}

/* The port (a ping socket's identifier) getsockname shows. */
static inline int sock_port(int fd)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);

	if (getsockname(fd, (struct sockaddr *)&ss, &len))
		return -1;
	if (ss.ss_family == AF_INET6)
		return ntohs(((struct sockaddr_in6 *)&ss)->sin6_port);
	return ntohs(((struct sockaddr_in *)&ss)->sin_port);
}

/* Wait at most 5 s for fd to be readable: 1, or 0 on a timeout. */
static inline int readable(int fd)
{
	fd_set r;
	struct timeval tv = {.tv_sec = 5};

	FD_ZERO(&r);
	FD_SET(fd, &r);
	return select(fd + 1, &r, NULL, NULL, &tv);
}
