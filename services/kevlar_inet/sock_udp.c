/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * UDP sockets over lwIP's raw API (called with the core lock held, see
 * sock.h).  Received datagrams queue with their senders until read; the
 * queue holds at most INET_UDP_RCVBUF bytes of payload, and a datagram
 * that does not fit is dropped, as a full receive buffer drops on Linux.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include "lwip/ip.h"
#include "lwip/netif.h"
#include "lwip/prot/ip4.h"
#include "lwip/prot/ip6.h"
#include "lwip/udp.h"
#include "inet.h"
#include "sock.h"

#define INET_UDP_RCVBUF 212992 /* Linux's default SO_RCVBUF */
#define INET_UDP_MAX4	65507  /* the largest IPv4 UDP payload */
#define INET_UDP_MAX6	65527

static void udp_note_local(struct inet_sock *k)
{
	inet_from_ip(k->family, &k->udp->local_ip, k->udp->local_port, &k->local);
	if (k->has_peer && ip_addr_isany(&k->udp->local_ip)) {
		/* connected through the loopback: the source is the peer's
		 * loopback address (the only interface this slice routes) */
		if (k->family == INET_AF4 && k->peer.addr[0] == 127)
			memcpy(k->local.addr, k->peer.addr, 4);
		else if (k->family == INET_AF6)
			memcpy(k->local.addr, k->peer.addr, 16);
	}
}

static void udp_recv_cb(void *arg, struct udp_pcb *pcb, struct pbuf *p, const ip_addr_t *addr,
			u16_t port)
{
	struct inet_sock *k = arg;
	struct inet_dgram *d;

	(void)pcb;
	if (k->dq_bytes + p->tot_len > INET_UDP_RCVBUF || k->shut_rd)
		goto drop;
	d = svc_alloc_raw(kevlar_inet_cap(), sizeof(*d)); /* every field is set below */
	if (!d)
		goto drop;
	d->next = NULL;
	d->p = p;
	inet_from_ip(k->family, addr, port, &d->from);
	inet_from_ip(k->family, ip_current_dest_addr(), k->local.port, &d->dst);
	d->ifindex = (unsigned)kevlar_inet_netif_ifindex(ip_current_input_netif());
	if (ip_current_is_v6()) {
		d->ttl = IP6H_HOPLIM(ip6_current_header());
		d->tos = IP6H_TC(ip6_current_header());
	} else {
		d->ttl = IPH_TTL(ip4_current_header());
		d->tos = IPH_TOS(ip4_current_header());
	}
	if (k->dq_tail)
		k->dq_tail->next = d;
	else
		k->dq_head = d;
	k->dq_tail = d;
	k->dq_bytes += p->tot_len;
	inet_sock_wake(k, INET_POLLIN);
	return;
drop:
	pbuf_free(p);
}

int inet_udp_new(struct inet_sock *k)
{
	k->udp = udp_new_ip_type(k->family == INET_AF6 ? IPADDR_TYPE_ANY : IPADDR_TYPE_V4);
	if (!k->udp)
		return -ENOMEM;
	udp_recv(k->udp, udp_recv_cb, k);
	return 0;
}

void inet_udp_close(struct inet_sock *k)
{
	inet_mcast_close(k);
	udp_remove(k->udp);
	while (k->dq_head) {
		struct inet_dgram *d = k->dq_head;

		k->dq_head = d->next;
		pbuf_free(d->p);
		svc_free(kevlar_inet_cap(), d);
	}
}

int inet_udp_bind(struct inet_sock *k, const struct inet_addr *a)
{
	ip_addr_t ip;
	err_t e;

	inet_sock_ip(k, a, &ip);
	if (k->reuse)
		ip_set_option(k->udp, SOF_REUSEADDR);
	e = udp_bind(k->udp, &ip, a->port);
	if (e != ERR_OK)
		return e == ERR_USE ? -EADDRINUSE : -EINVAL;
	k->bound = true;
	udp_note_local(k);
	return 0;
}

int inet_udp_connect(struct inet_sock *k, const struct inet_addr *a)
{
	ip_addr_t ip;
	err_t e;

	if (a->family != INET_AF4 && a->family != INET_AF6) {
		/* AF_UNSPEC: dissolve the association */
		udp_disconnect(k->udp);
		k->has_peer = false;
		memset(&k->peer, 0, sizeof(k->peer));
		udp_note_local(k);
		return 0;
	}
	inet_sock_ip(k, a, &ip);
	e = udp_connect(k->udp, &ip, a->port);
	if (e != ERR_OK)
		return inet_errno(e);
	k->bound = k->has_peer = true;
	k->peer = *a;
	udp_note_local(k);
	return 0;
}

/* A datagram's pbuf with buf's len bytes, after the checks every send
 * makes: 0 or -errno. */
static int udp_pbuf(struct inet_sock *k, const void *buf, size_t len, const struct inet_addr *to,
		    struct pbuf **out)
{
	struct pbuf *p;

	if (k->shut_wr)
		return -EPIPE;
	if (!to && !k->has_peer)
		return -EDESTADDRREQ;
	if (len > (k->family == INET_AF6 ? INET_UDP_MAX6 : INET_UDP_MAX4))
		return -EMSGSIZE;
	p = pbuf_alloc(PBUF_TRANSPORT, (u16_t)len, PBUF_RAM);
	if (!p)
		return -ENOBUFS;
	if (len)
		memcpy(p->payload, buf, len);
	*out = p;
	return 0;
}

/* The datagram went (lwIP's e): its length, or the errno. */
static int udp_sent(struct inet_sock *k, struct pbuf *p, size_t len, err_t e)
{
	pbuf_free(p);
	if (e != ERR_OK)
		return inet_errno(e);
	if (!k->bound) {
		k->bound = true;
		udp_note_local(k);
	}
	return (int)len;
}

/* A datagram to a multicast group.  The loopback interface loops every
 * packet it sends, so there lwIP's extra looped copy (the pcb's
 * UDP_FLAGS_MULTICAST_LOOP) is left out: members get it once, as on
 * Linux's lo, whatever IP_MULTICAST_LOOP says.  Linux's lo has no IPv6
 * multicast route (no IFF_MULTICAST): ENETUNREACH there. */
static err_t udp_send_mcast(struct inet_sock *k, struct pbuf *p, const ip_addr_t *dst, u16_t port,
			    struct netif *nif, const ip_addr_t *src)
{
	u8_t flags = k->udp->flags;
	err_t e;

	if (!nif)
		nif = inet_mcast_netif(k, dst);
	if (!nif)
		return ERR_RTE;
	if (kevlar_inet_netif_ifindex(nif) == 1) {
		if (IP_IS_V6(dst))
			return ERR_RTE;
		udp_clear_flags(k->udp, UDP_FLAGS_MULTICAST_LOOP);
	}
	if (src)
		e = udp_sendto_if_src(k->udp, p, dst, port, nif, src);
	else
		e = udp_sendto_if(k->udp, p, dst, port, nif);
	k->udp->flags = flags;
	return e;
}

int inet_udp_send(struct inet_sock *k, const void *buf, size_t len, const struct inet_addr *to)
{
	struct pbuf *p;
	ip_addr_t ip;
	err_t e;
	int err = udp_pbuf(k, buf, len, to, &p);

	if (err)
		return err;
	if (to)
		inet_sock_ip(k, to, &ip);
	else
		ip_addr_copy(ip, k->udp->remote_ip);
	if (ip_addr_ismulticast(&ip))
		e = udp_send_mcast(k, p, &ip, to ? to->port : k->udp->remote_port, NULL, NULL);
	else if (to)
		e = udp_sendto(k->udp, p, &ip, to->port);
	else
		e = udp_send(k->udp, p);
	return udp_sent(k, p, len, e);
}

struct netif *inet_netif_of_index(unsigned ifindex)
{
	struct netif *n;

	NETIF_FOREACH(n)
	{
		if ((unsigned)kevlar_inet_netif_ifindex(n) == ifindex)
			return n;
	}
	return NULL;
}

/* Where a datagram with *c's choices goes out to dst, and its source
 * (NULL: lwIP picks it), in Linux's order of checks: IPv4 looks at the
 * source first (ip_route_output_key_hash), IPv6 at the interface
 * (ip6_datagram_send_ctl).  0 or -errno. */
static int udp_ctl_route(struct inet_sock *k, const struct inet_sendctl *c, const ip_addr_t *dst,
			 ip_addr_t *src, struct netif **nif)
{
	bool v6 = IP_IS_V6(dst);

	if (c->src.family)
		inet_sock_ip(k, &c->src, src);
	if (!v6 && c->src.family && !c->nonlocal && inet_addr_local(&c->src))
		return -ENETUNREACH;
	if (c->ifindex) {
		*nif = inet_netif_of_index(c->ifindex);
		if (!*nif)
			return -ENODEV;
	}
	if (v6 && c->src.family && !c->nonlocal && inet_addr_local(&c->src))
		return -EINVAL;
	if (!*nif && ip_addr_ismulticast(dst))
		return 0; /* udp_send_mcast picks it (IP_MULTICAST_IF) */
	if (!*nif)
		*nif = ip_route(c->src.family ? src : IP4_ADDR_ANY, dst);
	if (!*nif || !netif_is_up(*nif))
		return -ENETUNREACH;
	return 0;
}

int inet_udp_send_ctl(struct inet_sock *k, const void *buf, size_t len, const struct inet_addr *to,
		      const struct inet_sendctl *c)
{
	struct udp_pcb *pcb = k->udp;
	u8_t ttl = pcb->ttl, tos = pcb->tos;
#if LWIP_MULTICAST_TX_OPTIONS
	u8_t mttl = udp_get_multicast_ttl(pcb);
#endif
	struct netif *nif = NULL;
	ip_addr_t dst, src;
	u16_t port;
	struct pbuf *p;
	err_t e;
	int err = udp_pbuf(k, buf, len, to, &p);

	if (err)
		return err;
	if (to) {
		inet_sock_ip(k, to, &dst);
		port = to->port;
	} else {
		ip_addr_copy(dst, pcb->remote_ip);
		port = pcb->remote_port;
	}
	if (c->src.family || c->ifindex) {
		err = udp_ctl_route(k, c, &dst, &src, &nif);
		if (err) {
			pbuf_free(p);
			return err;
		}
	}
	/* this datagram's TTL and TOS (Linux's ipc.ttl wins for multicast too) */
	if (c->ttl >= 0) {
		pcb->ttl = (u8_t)c->ttl;
#if LWIP_MULTICAST_TX_OPTIONS
		udp_set_multicast_ttl(pcb, (u8_t)c->ttl);
#endif
	}
	if (c->tos >= 0)
		pcb->tos = (u8_t)c->tos;
	if (ip_addr_ismulticast(&dst))
		e = udp_send_mcast(k, p, &dst, port, nif, c->src.family ? &src : NULL);
	else if (c->src.family)
		e = udp_sendto_if_src(pcb, p, &dst, port, nif, &src);
	else if (nif)
		e = udp_sendto_if(pcb, p, &dst, port, nif);
	else
		e = udp_sendto(pcb, p, &dst, port);
	pcb->ttl = ttl;
	pcb->tos = tos;
#if LWIP_MULTICAST_TX_OPTIONS
	udp_set_multicast_ttl(pcb, mttl);
#endif
	return udp_sent(k, p, len, e);
}

int inet_udp_recv(struct inet_sock *k, void *buf, size_t len, unsigned flags,
		  struct inet_addr *from, size_t *full)
{
	struct inet_dgram *d = k->dq_head;
	u16_t n;

	if (!d)
		return k->shut_rd ? 0 : -EAGAIN;
	n = (u16_t)MIN(len, (size_t)d->p->tot_len);
	pbuf_copy_partial(d->p, buf, n, 0);
	*full = d->p->tot_len;
	if (from)
		*from = d->from;
	k->last_dst = d->dst;
	k->last_ifindex = d->ifindex;
	k->last_ttl = d->ttl;
	k->last_tos = d->tos;
	if (!(flags & INET_MSG_PEEK)) {
		k->dq_head = d->next;
		if (!k->dq_head)
			k->dq_tail = NULL;
		k->dq_bytes -= d->p->tot_len;
		pbuf_free(d->p);
		svc_free(kevlar_inet_cap(), d);
	}
	return n;
}

int inet_udp_poll(struct inet_sock *k)
{
	int mask = INET_POLLOUT;

	if (k->dq_head || k->shut_rd)
		mask |= INET_POLLIN;
	if (k->shut_rd && k->shut_wr)
		mask |= INET_POLLHUP;
	return mask;
}

void inet_udp_params(struct inet_sock *k)
{
	const struct inet_params *p = &k->params;

	k->udp->ttl = p->ttl;
	k->udp->tos = p->tos;
#if LWIP_MULTICAST_TX_OPTIONS
	udp_set_multicast_ttl(k->udp, p->mcast_ttl);
	if (p->mcast_loop)
		udp_set_flags(k->udp, UDP_FLAGS_MULTICAST_LOOP);
	else
		udp_clear_flags(k->udp, UDP_FLAGS_MULTICAST_LOOP);
#endif
}

void inet_udp_query(struct inet_sock *k, struct inet_query *q)
{
	q->inq = k->dq_head ? k->dq_head->p->tot_len : 0;
	q->dst = k->last_dst;
	q->ifindex = k->last_ifindex;
	q->ttl = k->last_ttl;
	q->tos = k->last_tos;
}
