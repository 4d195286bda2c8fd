/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Helpers of the packet tests: a private network namespace where the host has one, lo up, sockaddr_ll. */
#pragma once
#include "abi.h"
#include "../icmp/icmp_util.h" /* lo_up */
#include <arpa/inet.h>
#include <linux/filter.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <net/if.h>
#include <poll.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

/*
 * Packet sockets see every frame of a device, so that the host's own
 * traffic never shows, each test runs in a network namespace of its own
 * where there is one (the host; Kevlar has one namespace, whose lo also
 * carries what earlier tests still send, so the tests filter their
 * sockets: packet_only).  lo is brought up either way; the steps' results are not
 * printed.
 */
static inline void packet_netns(void)
{
	(void)unshare(CLONE_NEWNET);
	lo_up();
}

static inline struct sockaddr_ll sll_of(int ifindex, int proto)
{
	struct sockaddr_ll a = {.sll_family = AF_PACKET};

	a.sll_ifindex = ifindex;
	a.sll_protocol = htons((unsigned short)proto);
	return a;
}

/*
 * A packet socket bound to ifindex and proto that takes only the frames
 * `f` accepts from its very first one: made with protocol 0 (which
 * receives nothing), given the filter, then bound.  Kevlar's one lo also
 * carries what earlier tests' sockets still send (a TCP retransmission,
 * an MLD report), which a test's own reads must not see.  -1 on failure.
 */
static inline int packet_only(int type, int proto, int ifindex, struct sock_filter *f, unsigned n)
{
	struct sock_fprog prog = {.len = (unsigned short)n, .filter = f};
	struct sockaddr_ll a = sll_of(ifindex, proto);
	int fd = socket(AF_PACKET, type, 0);

	if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_ATTACH_FILTER, &prog, sizeof(prog)) ||
	    bind(fd, (struct sockaddr *)&a, sizeof(a))) {
		printf("FAIL: packet socket %d/%#x: %s\n", type, proto, abi_errname(errno));
		return -1;
	}
	return fd;
}
#define PACKET_ONLY(type, proto, ifindex, f) \
	packet_only(type, proto, ifindex, f, sizeof(f) / sizeof((f)[0]))

/* Print a sockaddr_ll as it came back (len bytes of it). */
static inline void show_sll(const char *what, const struct sockaddr_ll *a, socklen_t len)
{
	printf("%s: len %u family %u protocol 0x%04x ifindex %s hatype %u pkttype %u halen %u addr",
	       what, (unsigned)len, a->sll_family, ntohs(a->sll_protocol),
	       a->sll_ifindex == (int)if_nametoindex("lo") ? "lo" : "other", a->sll_hatype,
	       a->sll_pkttype, a->sll_halen);
	for (unsigned i = 0; i < a->sll_halen && i < 8; i++)
		printf("%s%02x", i ? ":" : " ", a->sll_addr[i]);
	printf("\n");
}

/* Wait at most 2 s for fd to be readable: 1, or 0 on a timeout. */
static inline int wait_in(int fd)
{
	struct pollfd p = {.fd = fd, .events = POLLIN};

	return poll(&p, 1, 2000);
}
