/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Multicast on UDP sockets (inet_ops.sock_mcast, under the core lock,
 * see sock.h): IP_ADD_MEMBERSHIP/IP_DROP_MEMBERSHIP, IPV6_JOIN_GROUP/
 * IPV6_LEAVE_GROUP and IP(V6)_MULTICAST_IF as Linux's ip_mc_join_group,
 * ipv6_sock_mc_join and their kin check them.  lwIP counts the joins of
 * each group per interface (igmp_joingroup_netif, mld6_joingroup_netif);
 * each socket keeps its own list, so a second join of the same group and
 * interface is EADDRINUSE, a leave of one it never joined EADDRNOTAVAIL,
 * and closing leaves them all.  IPv4 groups need lwIP's NETIF_FLAG_IGMP:
 * the loopback has it (LWIP_LOOPIF_MULTICAST); the Ethernet netifs do
 * not set it yet, so an IPv4 join there is ENODEV.  A datagram to a
 * group reaches every socket bound to its port (lwIP's SO_REUSE_RXTOALL,
 * Linux's IP_MULTICAST_ALL) once some socket joined the group on the
 * interface it came in on.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include "lwip/igmp.h"
#include "lwip/mld6.h"
#include "lwip/netif.h"
#include "lwip/udp.h"
#include "inet.h"
#include "sock.h"

struct inet_mcast {
	struct inet_mcast *next;
	ip_addr_t group;
	struct netif *netif;
};

/* The interface one of whose addresses is `a` (Linux's __ip_dev_find:
 * all of 127/8 is the loopback's), or NULL. */
static struct netif *netif_of_addr(const uint8_t a[4])
{
	struct netif *n;
	ip4_addr_t ip;

	if (a[0] == 127)
		return inet_netif_of_index(1);
	memcpy(&ip.addr, a, 4);
	NETIF_FOREACH(n)
	{
		if (!ip4_addr_isany_val(*netif_ip4_addr(n)) && ip4_addr_cmp(&ip, netif_ip4_addr(n)))
			return n;
	}
	return NULL;
}

/* The interface a request names (ip_mc_find_dev): by index, else by an
 * address, else (join) the route to the group. */
static struct netif *req_netif(const struct inet_mcast_req *rq, const ip_addr_t *group)
{
	static const uint8_t zero[4];

	if (rq->ifindex)
		return inet_netif_of_index(rq->ifindex);
	if (memcmp(rq->addr, zero, 4))
		return netif_of_addr(rq->addr);
	return rq->op == INET_MCAST_JOIN ? ip_route(IP_ANY_TYPE, group) : NULL;
}

static err_t group_join(struct netif *n, const ip_addr_t *g)
{
	if (IP_IS_V6(g))
		return mld6_joingroup_netif(n, ip_2_ip6(g));
	return igmp_joingroup_netif(n, ip_2_ip4(g));
}

static void group_leave(struct netif *n, const ip_addr_t *g)
{
	if (IP_IS_V6(g))
		(void)mld6_leavegroup_netif(n, ip_2_ip6(g));
	else
		(void)igmp_leavegroup_netif(n, ip_2_ip4(g));
}

static int mcast_join(struct inet_sock *k, const struct inet_mcast_req *rq, const ip_addr_t *g)
{
	struct netif *n = req_netif(rq, g);
	struct inet_mcast *m;

	if (!n || (IP_IS_V4(g) && !(n->flags & NETIF_FLAG_IGMP)))
		return -ENODEV;
	for (m = k->mc; m; m = m->next)
		if (m->netif == n && ip_addr_cmp(&m->group, g))
			return -EADDRINUSE;
	if (k->nmc >= INET_MCAST_MAX)
		return -ENOBUFS;
	m = svc_alloc(kevlar_inet_cap(), sizeof(*m));
	if (!m)
		return -ENOMEM;
	if (group_join(n, g) != ERR_OK) {
		svc_free(kevlar_inet_cap(), m);
		return -ENOMEM;
	}
	m->group = *g;
	m->netif = n;
	m->next = k->mc;
	k->mc = m;
	k->nmc++;
	return 0;
}

/* ip_mc_leave_group: the first of the socket's memberships of the group
 * on the interface the request names (any interface if it names none). */
static int mcast_leave(struct inet_sock *k, const struct inet_mcast_req *rq, const ip_addr_t *g)
{
	static const uint8_t zero[4];
	bool named = rq->ifindex || memcmp(rq->addr, zero, 4);
	struct netif *n = named ? req_netif(rq, g) : NULL;
	struct inet_mcast **pp;

	for (pp = &k->mc; *pp; pp = &(*pp)->next) {
		struct inet_mcast *m = *pp;

		if (!ip_addr_cmp(&m->group, g) || (named && m->netif != n))
			continue;
		group_leave(m->netif, g);
		*pp = m->next;
		k->nmc--;
		svc_free(kevlar_inet_cap(), m);
		return 0;
	}
	return -EADDRNOTAVAIL;
}

/* IP(V6)_MULTICAST_IF: lwIP's index of the interface, or 0 for the
 * route's (lwIP keeps one for both families). */
static int mcast_if(struct inet_sock *k, const struct inet_mcast_req *rq)
{
	static const uint8_t zero[4];
	struct netif *n;

	if (!rq->ifindex && !memcmp(rq->addr, zero, 4)) {
		udp_set_multicast_netif_index(k->udp, NETIF_NO_INDEX);
		return 0;
	}
	n = req_netif(rq, NULL);
	if (!n)
		return rq->family == INET_AF6 ? -ENODEV : -EADDRNOTAVAIL;
	udp_set_multicast_netif_index(k->udp, netif_get_index(n));
	return 0;
}

int inet_mcast_req(struct inet_sock *k, const struct inet_mcast_req *rq)
{
	struct inet_addr a = {.family = rq->family};
	ip_addr_t g;

	memcpy(a.addr, rq->group, sizeof(a.addr));
	inet_to_ip(&a, &g);
	switch (rq->op) {
	case INET_MCAST_JOIN:
		return mcast_join(k, rq, &g);
	case INET_MCAST_LEAVE:
		return mcast_leave(k, rq, &g);
	case INET_MCAST_IF:
		return mcast_if(k, rq);
	}
	return -EINVAL;
}

void inet_mcast_close(struct inet_sock *k)
{
	while (k->mc) {
		struct inet_mcast *m = k->mc;

		k->mc = m->next;
		group_leave(m->netif, &m->group);
		svc_free(kevlar_inet_cap(), m);
	}
	k->nmc = 0;
}

struct netif *inet_mcast_netif(const struct inet_sock *k, const ip_addr_t *dst)
{
	u8_t idx = udp_get_multicast_netif_index(k->udp);

	if (idx != NETIF_NO_INDEX)
		return netif_get_by_index(idx);
	return ip_route(&k->udp->local_ip, dst);
}
