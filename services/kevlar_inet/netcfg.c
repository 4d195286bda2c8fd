/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The stack's network configuration as ring 1 reads and changes it
 * (inet_ops.if_get, if_set, route_get, pcb_list): what SIOC* ioctls,
 * rtnetlink and /proc/net show (kernel/net/ifconf.c, rtnl_*.c,
 * procfs_net.c).  The state lives in lwIP: an interface's one IPv4
 * address, netmask and gateway, its IPv6 addresses (LWIP_IPV6_NUM_ADDRESSES
 * slots, the first its fe80:: one), its up flag and MTU; the default
 * route is netif_default with a gateway.  Every slot runs under the
 * core lock but bringing a device up, which may sleep (netif.c).
 *
 * lwIP keeps no IPv6 prefix length (it assumes /64), one IPv4 address
 * per interface (a second one replaces the first) and one default
 * gateway per interface with one default interface: ring 1 maps what it
 * can of Linux's routing table onto that and refuses the rest.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <kevlar_vfs/inet.h>
#include <kevlar_vfs/service.h>
#include "lwip/ip.h"
#include "lwip/ip4.h"
#include "lwip/ip6.h"
#include "lwip/netif.h"
#include "lwip/priv/tcp_priv.h"
#include "lwip/tcpip.h"
#include "lwip/udp.h"
#include "inet.h"
#include "sock.h"

#define MTU_MIN 68

/* Core lock: the netif called `name` ("lo": the loopback one). */
static struct netif *nc_find(const char *name)
{
	struct netif *n;

	if (strcmp(name, "lo"))
		return kevlar_inet_netif(name);
	NETIF_FOREACH(n)
	if (n->name[0] == 'l' && n->name[1] == 'o')
		return n;
	return NULL;
}

static bool nc_is_loop(const struct netif *n)
{
	return n->name[0] == 'l' && n->name[1] == 'o';
}

static void nc_addr6(const struct netif *n, int i, struct inet_ifaddr6 *a)
{
	u8_t st = netif_ip6_addr_state(n, i);
	const ip6_addr_t *ip = netif_ip6_addr(n, i);

	memcpy(a->addr, ip->addr, sizeof(a->addr));
	a->prefixlen = ip6_addr_isloopback(ip) ? 128 : 64;
	a->flags = ip6_addr_istentative(st) ? INET_IFA6_TENTATIVE : 0;
	a->valid_s = netif_ip6_addr_valid_life(n, i);
	a->pref_s = netif_ip6_addr_pref_life(n, i);
	if (ip6_addr_life_isstatic(a->valid_s)) {
		/* lwIP's VALID is its DEPRECATED: a static address is preferred */
		a->valid_s = a->pref_s = INET_LIFE_FOREVER;
	} else {
		a->flags |= INET_IFA6_AUTOCONF;
		if (ip6_addr_isdeprecated(st))
			a->flags |= INET_IFA6_DEPRECATED;
		if (ip6_addr_life_isinfinite(a->valid_s))
			a->valid_s = INET_LIFE_FOREVER;
		if (ip6_addr_life_isinfinite(a->pref_s))
			a->pref_s = INET_LIFE_FOREVER;
	}
}

int kevlar_inet_if_get(struct vfs_sb *sb, const char *ifname, struct inet_ifinfo *out)
{
	struct netif *n;

	(void)sb;
	memset(out, 0, sizeof(*out));
	LOCK_TCPIP_CORE();
	n = nc_find(ifname);
	if (n) {
		out->up = netif_is_up(n);
		out->link_up = netif_is_link_up(n);
		out->is_default = n == netif_default && !ip4_addr_isany(netif_ip4_gw(n));
		out->mtu = nc_is_loop(n) ? 0 : n->mtu;
		out->addr = ip4_addr_get_u32(netif_ip4_addr(n));
		out->netmask = ip4_addr_get_u32(netif_ip4_netmask(n));
		out->gw = ip4_addr_get_u32(netif_ip4_gw(n));
		for (int i = 0; i < LWIP_IPV6_NUM_ADDRESSES && i < INET_IF_ADDR6_MAX; i++)
			if (!ip6_addr_isinvalid(netif_ip6_addr_state(n, i)))
				nc_addr6(n, i, &out->addr6[out->naddr6++]);
	}
	UNLOCK_TCPIP_CORE();
	return n ? 0 : -ENODEV;
}

/* Core lock: is gw on one of n's IPv4 subnets? */
static bool nc_onlink4(const struct netif *n, uint32_t gw)
{
	uint32_t a = ip4_addr_get_u32(netif_ip4_addr(n)),
		 m = ip4_addr_get_u32(netif_ip4_netmask(n));

	return a && (gw & m) == (a & m);
}

static int nc_addr6_index(const struct netif *n, const uint8_t *addr)
{
	for (int i = 0; i < LWIP_IPV6_NUM_ADDRESSES; i++)
		if (!ip6_addr_isinvalid(netif_ip6_addr_state(n, i)) &&
		    !memcmp(netif_ip6_addr(n, i)->addr, addr, 16))
			return i;
	return -1;
}

/* Core lock. */
static int nc_set(struct netif *n, const struct inet_ifset *rq)
{
	ip4_addr_t a, m, g;
	ip6_addr_t a6;
	s8_t idx;

	switch (rq->what) {
	case INET_IFSET_MTU:
		if (rq->mtu < MTU_MIN || rq->mtu > 0xffff)
			return -EINVAL;
		if (!nc_is_loop(n))
			n->mtu = n->mtu6 = (u16_t)rq->mtu;
		return 0;
	case INET_IFSET_ADDR4:
		ip4_addr_set_u32(&a, rq->addr);
		ip4_addr_set_u32(&m, rq->addr ? rq->netmask : 0);
		if (!ip4_addr_netmask_valid(rq->netmask) && rq->addr)
			return -EINVAL;
		if (nc_is_loop(n) && rq->addr && !ip4_addr_isloopback(&a))
			return -EINVAL; /* lwIP's loopback answers 127/8 only */
		ip4_addr_set_u32(&g, rq->addr ? ip4_addr_get_u32(netif_ip4_gw(n)) : 0);
		netif_set_addr(n, &a, &m, &g);
		if (!rq->addr && n == netif_default)
			netif_set_default(NULL);
		return 0;
	case INET_IFSET_DEFAULT:
		if (rq->gw && !nc_onlink4(n, rq->gw))
			return -ENETUNREACH;
		ip4_addr_set_u32(&g, rq->gw);
		netif_set_gw(n, &g);
		if (rq->gw)
			netif_set_default(n);
		else if (n == netif_default)
			netif_set_default(NULL);
		return 0;
	case INET_IFSET_ADDR6_ADD:
		if (nc_addr6_index(n, rq->addr6) >= 0)
			return -EEXIST;
		memcpy(a6.addr, rq->addr6, 16);
		ip6_addr_clear_zone(&a6);
		ip6_addr_assign_zone(&a6, IP6_UNICAST, n);
		if (netif_add_ip6_address(n, &a6, &idx) != ERR_OK || idx < 0)
			return -ENOSPC;
		netif_ip6_addr_set_state(n, idx, IP6_ADDR_PREFERRED);
		return 0;
	case INET_IFSET_ADDR6_DEL:
		idx = (s8_t)nc_addr6_index(n, rq->addr6);
		if (idx < 0)
			return -EADDRNOTAVAIL;
		netif_ip6_addr_set_state(n, idx, IP6_ADDR_INVALID);
		return 0;
	}
	return -EINVAL;
}

int kevlar_inet_if_set(struct vfs_sb *sb, const char *ifname, const struct inet_ifset *rq)
{
	struct netif *n;
	int r;

	if (rq->what == INET_IFSET_UP || rq->what == INET_IFSET_DOWN) {
		bool up = rq->what == INET_IFSET_UP;

		if (strcmp(ifname, "lo"))
			return kevlar_inet_netif_updown(sb, ifname, up);
		LOCK_TCPIP_CORE();
		n = nc_find(ifname);
		if (n && up)
			netif_set_up(n);
		else if (n)
			netif_set_down(n);
		UNLOCK_TCPIP_CORE();
		return n ? 0 : -ENODEV;
	}
	LOCK_TCPIP_CORE();
	n = nc_find(ifname);
	r = n ? nc_set(n, rq) : -ENODEV;
	UNLOCK_TCPIP_CORE();
	return r;
}

static void nc_name(const struct netif *n, char name[16])
{
	const char *s = nc_is_loop(n) ? NULL : kevlar_inet_netif_name(n);

	strlcpy(name, s ? s : "lo", 16);
}

int kevlar_inet_route_get(struct vfs_sb *sb, const struct inet_addr *dst, struct inet_route *out)
{
	struct netif *n = NULL;
	ip_addr_t d;
	int r = -ENETUNREACH;

	(void)sb;
	memset(out, 0, sizeof(*out));
	inet_to_ip(dst, &d);
	LOCK_TCPIP_CORE();
	if (dst->family == INET_AF4) {
		n = ip4_route(ip_2_ip4(&d));
		/* lwIP sends off-link traffic to the default interface even
		 * without a gateway; Linux has no route then */
		if (n && !nc_is_loop(n) && !ip4_addr_isloopback(ip_2_ip4(&d)) &&
		    !nc_onlink4(n, ip4_addr_get_u32(ip_2_ip4(&d))) &&
		    ip4_addr_isany(netif_ip4_gw(n)) &&
		    ip4_addr_get_u32(ip_2_ip4(&d)) != ip4_addr_get_u32(netif_ip4_addr(n)))
			n = NULL;
		if (n) {
			ip_addr_t src;

			ip_addr_copy_from_ip4(src, *netif_ip4_addr(n));
			inet_from_ip(INET_AF4, &src, 0, &out->src);
			if (!nc_is_loop(n) && !nc_onlink4(n, ip4_addr_get_u32(ip_2_ip4(&d)))) {
				ip_addr_t gw;

				ip_addr_copy_from_ip4(gw, *netif_ip4_gw(n));
				inet_from_ip(INET_AF4, &gw, 0, &out->gw);
			}
		}
	} else {
		n = ip6_route(IP6_ADDR_ANY6, ip_2_ip6(&d));
		if (n) {
			const ip_addr_t *src = ip6_select_source_address(n, ip_2_ip6(&d));

			if (src)
				inet_from_ip(INET_AF6, src, 0, &out->src);
			else
				n = NULL;
		}
	}
	if (n) {
		nc_name(n, out->ifname);
		r = 0;
	}
	UNLOCK_TCPIP_CORE();
	return r;
}

/* lwIP's TCP states as Linux numbers them (include/net/tcp_states.h). */
static const uint8_t linux_tcp_state[] = {
	[CLOSED] = 7,	   [LISTEN] = 10,    [SYN_SENT] = 2,   [SYN_RCVD] = 3,
	[ESTABLISHED] = 1, [FIN_WAIT_1] = 4, [FIN_WAIT_2] = 5, [CLOSE_WAIT] = 8,
	[CLOSING] = 11,	   [LAST_ACK] = 9,   [TIME_WAIT] = 6,
};

static void pcb_fill(struct inet_pcbinfo *p, const ip_addr_t *lip, u16_t lport,
		     const ip_addr_t *rip, u16_t rport)
{
	int fam = IP_IS_V4(lip) ? INET_AF4 : INET_AF6;

	inet_from_ip(fam, lip, lport, &p->local);
	inet_from_ip(fam, rip, rport, &p->remote);
}

/* The socket's own view of its ends where it has one (lwIP leaves a
 * connected UDP pcb's local address unset; an AF_INET6 socket is tcp6's
 * even with an IPv4 peer, as on Linux). */
static void pcb_sock(struct inet_pcbinfo *p, const struct inet_sock *k)
{
	if (!k || !k->local.family)
		return;
	p->local = k->local;
	if (k->has_peer)
		p->remote = k->peer;
	else
		p->remote = (struct inet_addr){.family = k->local.family};
}

static unsigned tcp_list(struct tcp_pcb *list, struct inet_pcbinfo *out, unsigned n, unsigned c)
{
	for (struct tcp_pcb *pcb = list; pcb; pcb = pcb->next, c++) {
		struct inet_sock *k = pcb->callback_arg;
		struct inet_pcbinfo *p = &out[c];

		if (c >= n)
			continue;
		memset(p, 0, sizeof(*p));
		pcb_fill(p, &pcb->local_ip, pcb->local_port, &pcb->remote_ip, pcb->remote_port);
		p->state = linux_tcp_state[pcb->state];
		pcb_sock(p, k);
		if (pcb->state != TIME_WAIT && pcb->state != CLOSED) {
			p->tx_queue = (uint32_t)(pcb->snd_lbb - pcb->lastack);
			if (k)
				p->rx_queue = (uint32_t)k->rxq_bytes;
		}
	}
	return c;
}

int kevlar_inet_pcb_list(struct vfs_sb *sb, unsigned proto, struct inet_pcbinfo *out, unsigned n)
{
	unsigned c = 0;

	(void)sb;
	LOCK_TCPIP_CORE();
	if (proto == INET_PROTO_TCP) {
		for (struct tcp_pcb_listen *l = tcp_listen_pcbs.listen_pcbs; l; l = l->next, c++) {
			struct inet_sock *k = l->callback_arg;

			if (c >= n)
				continue;
			memset(&out[c], 0, sizeof(out[c]));
			pcb_fill(&out[c], &l->local_ip, l->local_port, &l->remote_ip, 0);
			out[c].state = 10;
			pcb_sock(&out[c], k);
			out[c].rx_queue = k ? (uint32_t)k->acq_len : 0;
		}
		c = tcp_list(tcp_active_pcbs, out, n, c);
		c = tcp_list(tcp_tw_pcbs, out, n, c);
	} else if (proto == INET_PROTO_UDP) {
		for (struct udp_pcb *u = udp_pcbs; u; u = u->next, c++) {
			struct inet_sock *k = u->recv_arg;

			if (c >= n)
				continue;
			memset(&out[c], 0, sizeof(out[c]));
			pcb_fill(&out[c], &u->local_ip, u->local_port, &u->remote_ip,
				 u->remote_port);
			out[c].state = (u->flags & UDP_FLAGS_CONNECTED) ? 1 : 7;
			pcb_sock(&out[c], k);
			out[c].rx_queue = k ? (uint32_t)k->dq_bytes : 0;
		}
	}
	UNLOCK_TCPIP_CORE();
	return (int)c;
}
