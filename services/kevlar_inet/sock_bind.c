/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * What a socket is bound to, with Linux's rules rather than lwIP's: which
 * TCP port it may share (bind and listen), and the interface
 * SO_BINDTODEVICE ties it to.  Called with the core lock held (sock.h).
 *
 * Ports.  lwIP lets two pcbs that both have SOF_REUSEADDR bind the same
 * port whatever their states, and compares addresses by their type only,
 * so [::] with IPV6_V6ONLY and a dual-stack [::] never meet, nor do a
 * dual-stack [::] and 0.0.0.0 when both reuse.  Linux (inet_csk_get_port
 * with inet_csk_bind_conflict, 6.1) refuses a port, at bind and again at
 * listen, when another socket on it has an overlapping address and
 * neither both have SO_REUSEADDR with the other not listening, nor both
 * have SO_REUSEPORT; sockets bound to two different devices never meet.
 * lwIP's pcb address already says which families a socket takes: a
 * dual-stack wildcard is IPADDR_TYPE_ANY (IPv4 and IPv6), an IPv4 or
 * mapped address is IPv4, any other IPv6 address (v6only or specific,
 * which Linux makes v6only) is IPv6 only.  Two addresses overlap when
 * they share a family in which they are equal or one is the wildcard.
 * lwIP's own check still runs after this one; it is never stricter but
 * for two sockets on different devices, which lwIP still refuses unless
 * both have SO_REUSEADDR.
 */
#include <klib/errno.h>
#include "lwip/netif.h"
#include "lwip/priv/tcp_priv.h"
#include "lwip/tcp.h"
#include "lwip/udp.h"
#include "inet.h"
#include "sock.h"

/* Does `ip` take packets of family v6 (or v4), and is it that family's wildcard? */
static bool takes(const ip_addr_t *ip, bool v6, bool *any)
{
	if (IP_IS_ANY_TYPE_VAL(*ip)) {
		*any = true;
		return true;
	}
	if (IP_IS_V6_VAL(*ip) != v6)
		return false;
	*any = ip_addr_isany(ip);
	return true;
}

static bool overlap(const ip_addr_t *a, const ip_addr_t *b)
{
	for (int v6 = 0; v6 < 2; v6++) {
		bool any_a, any_b;

		if (!takes(a, v6, &any_a) || !takes(b, v6, &any_b))
			continue;
		if (any_a || any_b)
			return true;
		if (v6 ? ip6_addr_cmp_zoneless(ip_2_ip6(a), ip_2_ip6(b))
		       : ip4_addr_cmp(ip_2_ip4(a), ip_2_ip4(b)))
			return true;
	}
	return false;
}

int inet_tcp_port_conflict(const struct inet_sock *k, const ip_addr_t *ip, u16_t port)
{
	const struct tcp_pcb *own = k->tcp;

	if (!port)
		return 0; /* an ephemeral port: lwIP picks a free one */
	for (int i = 0; i < NUM_TCP_PCB_LISTS; i++) {
		bool listening = tcp_pcb_lists[i] == &tcp_listen_pcbs.pcbs;

		for (const struct tcp_pcb *p = *tcp_pcb_lists[i]; p; p = p->next) {
			bool reuse = k->reuse && ip_get_option(p, SOF_REUSEADDR);
			const struct inet_sock *o = listening ? p->callback_arg : NULL;

			if (p == own || p->local_port != port)
				continue;
			if (k->netif_idx && p->netif_idx && k->netif_idx != p->netif_idx)
				continue;
			if ((reuse && !listening) || (k->reuseport && o && o->reuseport))
				continue;
			if (overlap(ip, &p->local_ip))
				return -EADDRINUSE;
		}
	}
	return 0;
}

/* ---- SO_BINDTODEVICE ---- */

/* Onto the pcb of k now (lwIP's udp_disconnect forgets it: made again after). */
void inet_sock_dev_apply(struct inet_sock *k)
{
	if (k->tcp)
		k->tcp->netif_idx = k->netif_idx;
	if (k->udp)
		k->udp->netif_idx = k->netif_idx;
}

int inet_sock_bind_dev(struct inet_sock *k, int ifindex)
{
	struct netif *n;

	if (!ifindex) {
		k->netif_idx = NETIF_NO_INDEX;
		inet_sock_dev_apply(k);
		return 0;
	}
	NETIF_FOREACH(n)
	{
		if (kevlar_inet_netif_ifindex(n) == ifindex) {
			k->netif_idx = netif_get_index(n);
			inet_sock_dev_apply(k);
			return 0;
		}
	}
	return -ENODEV; /* a device the stack has no interface for yet */
}
