/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Ping and raw sockets over lwIP's raw PCBs (kevlar_vfs/inet.h's raw_*
 * slots).  Every field is guarded by lwIP's core lock: the slots take it,
 * the receive callback runs in the tcpip thread holding it.
 *
 * A ping socket (Linux's "ICMP datagram socket") sends echo requests whose
 * identifier the stack owns: it is the socket's port, picked at bind or
 * first send, unique among ping sockets of a family.  The stack fills in
 * the identifier and the checksum; a received echo reply with that
 * identifier is the socket's, its ICMP header and payload queued (not
 * eaten: raw sockets after it see the reply too, and lwIP drops replies).  A raw socket gets a copy of every datagram of its protocol
 * (lwIP goes on answering echo requests itself), IPv4 ones with their IP
 * header as Linux gives them; an ICMPv6 raw socket's checksums are the
 * stack's (RFC 3542).  The queue is bounded like a UDP socket's.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include "lwip/inet_chksum.h"
#include "lwip/ip.h"
#include "lwip/pbuf.h"
#include "lwip/prot/ip4.h"
#include "lwip/prot/ip6.h"
#include "lwip/raw.h"
#include "lwip/tcpip.h"
#include "inet.h"
#include "sock.h"
#include "sock_icmp.h"

#define RAW_RCVBUF   212992 /* Linux's default SO_RCVBUF */
#define RAW_MAX	     65535
#define ICMP_ECHO4   8
#define ICMP_REPLY4  0
#define ICMP_ECHO6   128
#define ICMP_REPLY6  129
#define PROTO_ICMP4  1
#define PROTO_ICMP6  58
#define ICMP_HDR_LEN 8

struct raw_pkt {
	struct raw_pkt *next;
	struct pbuf *p; /* what recv gives, from its first byte */
	struct inet_raw_info info;
};

struct inet_raw {
	void *cookie;
	int family, protocol;
	bool ping, bound, has_peer;
	uint16_t ident; /* ping: the echo identifier (the port), 0 until picked */
	struct raw_pcb *pcb;
	struct inet_addr local, peer;
	struct raw_pkt *q_head, *q_tail;
	size_t q_bytes;
	struct inet_raw *next_ping; /* all ping sockets, for unique identifiers */
};

static struct inet_raw *pings;
static uint16_t ident_rover;

static void raw_wake(struct inet_raw *r, unsigned events)
{
	if (r->cookie)
		svc_raw_notify(r->cookie, events);
}

static bool ident_used(int family, uint16_t id)
{
	for (struct inet_raw *r = pings; r; r = r->next_ping)
		if (r->family == family && r->ident == id)
			return true;
	return false;
}

/* Linux's ping_get_port: the identifier asked for, or the next free one. */
static int pick_ident(struct inet_raw *r, uint16_t want)
{
	if (want) {
		if (ident_used(r->family, want))
			return -EADDRINUSE;
		r->ident = want;
		return 0;
	}
	for (unsigned i = 0; i < 65536; i++) {
		uint16_t id = ++ident_rover;

		if (id && !ident_used(r->family, id)) {
			r->ident = id;
			return 0;
		}
	}
	return -EADDRINUSE;
}

static u8_t raw_recv_cb(void *arg, struct raw_pcb *pcb, struct pbuf *p, const ip_addr_t *addr)
{
	struct inet_raw *r = arg;
	struct raw_pkt *pkt;
	const uint8_t *icmp;
	uint16_t hlen = ip_current_header_tot_len();
	uint8_t ttl, tos, hdr[ICMP_HDR_LEN];
	struct pbuf *q;
	bool v6 = ip_current_is_v6();

	(void)pcb;
	if (v6) {
		const struct ip6_hdr *h = ip6_current_header();

		ttl = IP6H_HOPLIM(h);
		tos = (uint8_t)IP6H_TC(h);
	} else {
		const struct ip_hdr *h = ip4_current_header();

		ttl = IPH_TTL(h);
		tos = IPH_TOS(h);
	}
	if ((r->family == INET_AF6) != v6)
		return 0;
	if (r->ping) {
		if (pbuf_copy_partial(p, hdr, ICMP_HDR_LEN, hlen) != ICMP_HDR_LEN)
			return 0;
		icmp = hdr;
		if (icmp[0] != (v6 ? ICMP_REPLY6 : ICMP_REPLY4) || icmp[1] != 0 || !r->ident ||
		    ((icmp[4] << 8) | icmp[5]) != r->ident)
			return 0;
	}
	/* full: a ping reply is dropped, a raw copy not made */
	if (r->q_bytes + p->tot_len > RAW_RCVBUF)
		return 0;
	q = pbuf_clone(PBUF_RAW, PBUF_RAM, p);
	if (!q)
		return 0;
	/* Linux's raw IPv4 sockets keep the IP header; the others start at ICMP */
	if ((v6 || r->ping) && pbuf_remove_header(q, hlen)) {
		pbuf_free(q);
		return 0;
	}
	pkt = svc_alloc(kevlar_inet_cap(), sizeof(*pkt));
	if (!pkt) {
		pbuf_free(q);
		return 0;
	}
	memset(pkt, 0, sizeof(*pkt));
	pkt->p = q;
	inet_from_ip(r->family, addr, 0, &pkt->info.from);
	pkt->info.full = q->tot_len;
	pkt->info.ttl = ttl;
	pkt->info.tos = tos;
	pkt->info.stamp_ns = svc_clock_ns();
	if (r->q_tail)
		r->q_tail->next = pkt;
	else
		r->q_head = pkt;
	r->q_tail = pkt;
	r->q_bytes += q->tot_len;
	raw_wake(r, INET_POLLIN);
	return 0;
}

int kevlar_inet_raw_new(struct vfs_sb *sb, void *cookie, int family, int protocol, bool ping,
			struct inet_raw **out)
{
	struct inet_raw *r;
	int err = 0;

	(void)sb;
	if ((family != INET_AF4 && family != INET_AF6) || protocol <= 0 || protocol > 255 ||
	    (ping && protocol != (family == INET_AF6 ? PROTO_ICMP6 : PROTO_ICMP4)))
		return -EINVAL;
	r = svc_alloc(kevlar_inet_cap(), sizeof(*r));
	if (!r)
		return -ENOMEM;
	memset(r, 0, sizeof(*r));
	r->family = family;
	r->protocol = protocol;
	r->ping = ping;
	r->local.family = (uint16_t)family;
	r->local.port = ping ? 0 : (uint16_t)protocol;
	LOCK_TCPIP_CORE();
	r->pcb = raw_new_ip_type(family == INET_AF6 ? IPADDR_TYPE_V6 : IPADDR_TYPE_V4,
				 (u8_t)protocol);
	if (!r->pcb) {
		err = -ENOMEM;
	} else {
		if (family == INET_AF6 && protocol == PROTO_ICMP6) {
			r->pcb->chksum_reqd = 1; /* RFC 3542: ICMPv6's checksum is the stack's */
			r->pcb->chksum_offset = 2;
		}
		raw_recv(r->pcb, raw_recv_cb, r);
		r->cookie = cookie;
		if (ping) {
			r->next_ping = pings;
			pings = r;
		}
	}
	UNLOCK_TCPIP_CORE();
	if (err) {
		svc_free(kevlar_inet_cap(), r);
		return err;
	}
	*out = r;
	return 0;
}

int kevlar_inet_raw_close(struct vfs_sb *sb, struct inet_raw *r)
{
	(void)sb;
	LOCK_TCPIP_CORE();
	r->cookie = NULL;
	raw_remove(r->pcb);
	if (r->ping) {
		struct inet_raw **pp = &pings;

		while (*pp && *pp != r)
			pp = &(*pp)->next_ping;
		if (*pp)
			*pp = r->next_ping;
	}
	while (r->q_head) {
		struct raw_pkt *pkt = r->q_head;

		r->q_head = pkt->next;
		pbuf_free(pkt->p);
		svc_free(kevlar_inet_cap(), pkt);
	}
	UNLOCK_TCPIP_CORE();
	svc_free(kevlar_inet_cap(), r);
	return 0;
}

static void note_local(struct inet_raw *r)
{
	/* a raw socket's "port" is its protocol (Linux's inet_num) */
	inet_from_ip(r->family, &r->pcb->local_ip, r->ping ? r->ident : (uint16_t)r->protocol,
		     &r->local);
}

int kevlar_inet_raw_bind(struct vfs_sb *sb, struct inet_raw *r, const struct inet_addr *a,
			 bool connect)
{
	ip_addr_t ip;
	int err = 0;

	(void)sb;
	LOCK_TCPIP_CORE();
	if (connect && a->family != INET_AF4 && a->family != INET_AF6) {
		raw_disconnect(r->pcb);
		r->has_peer = false;
		memset(&r->peer, 0, sizeof(r->peer));
		goto out;
	}
	inet_to_ip(a, &ip);
	if (connect) {
		err = inet_errno(raw_connect(r->pcb, &ip));
		if (!err) {
			r->has_peer = true;
			r->peer = *a;
			r->peer.port = 0;
			if (r->ping && !r->ident)
				err = pick_ident(r, 0);
		}
		goto out;
	}
	if (r->ping && r->ident) {
		err = -EINVAL;
		goto out;
	}
	err = inet_addr_local(a);
	if (!err && r->ping)
		err = pick_ident(r, a->port);
	if (!err)
		err = inet_errno(raw_bind(r->pcb, &ip));
	if (!err)
		r->bound = true;
out:
	if (!err)
		note_local(r);
	UNLOCK_TCPIP_CORE();
	return err;
}

int kevlar_inet_raw_send(struct vfs_sb *sb, struct inet_raw *r, const void *buf, size_t len,
			 const struct inet_addr *to)
{
	const uint8_t *b = buf;
	struct pbuf *p;
	ip_addr_t ip;
	int err = 0;

	(void)sb;
	if (len > RAW_MAX)
		return -EMSGSIZE;
	if (r->ping) {
		uint8_t echo = r->family == INET_AF6 ? ICMP_ECHO6 : ICMP_ECHO4;

		if (len < ICMP_HDR_LEN || b[0] != echo || b[1] != 0)
			return -EINVAL;
	}
	LOCK_TCPIP_CORE();
	if (!to && !r->has_peer) {
		err = -EDESTADDRREQ;
		goto out;
	}
	if (r->ping && !r->ident && (err = pick_ident(r, 0)))
		goto out;
	p = pbuf_alloc(PBUF_IP, (u16_t)len, PBUF_RAM);
	if (!p) {
		err = -ENOBUFS;
		goto out;
	}
	if (len)
		memcpy(p->payload, buf, len);
	if (r->pcb->chksum_reqd && len >= 4) {
		/* lwIP adds the sum over the field as it is: start from zero */
		((uint8_t *)p->payload)[2] = ((uint8_t *)p->payload)[3] = 0;
	}
	if (r->ping) {
		uint8_t *h = p->payload;

		h[4] = (uint8_t)(r->ident >> 8);
		h[5] = (uint8_t)r->ident;
		h[2] = h[3] = 0;
		if (r->family == INET_AF4) {
			u16_t sum = inet_chksum(h, (u16_t)len);

			memcpy(h + 2, &sum, 2);
		}
	}
	inet_to_ip(to ? to : &r->peer, &ip);
	err = inet_errno(raw_sendto(r->pcb, p, &ip));
	pbuf_free(p);
	if (!err) {
		note_local(r);
		err = (int)len;
	}
out:
	UNLOCK_TCPIP_CORE();
	return err;
}

int kevlar_inet_raw_recv(struct vfs_sb *sb, struct inet_raw *r, void *buf, size_t len,
			 unsigned flags, struct inet_raw_info *info)
{
	struct raw_pkt *pkt;
	u16_t n;

	(void)sb;
	LOCK_TCPIP_CORE();
	pkt = r->q_head;
	if (!pkt) {
		UNLOCK_TCPIP_CORE();
		return -EAGAIN;
	}
	n = (u16_t)MIN(len, (size_t)pkt->p->tot_len);
	pbuf_copy_partial(pkt->p, buf, n, 0);
	*info = pkt->info;
	if (!(flags & INET_MSG_PEEK)) {
		r->q_head = pkt->next;
		if (!r->q_head)
			r->q_tail = NULL;
		r->q_bytes -= pkt->p->tot_len;
		pbuf_free(pkt->p);
		svc_free(kevlar_inet_cap(), pkt);
	}
	UNLOCK_TCPIP_CORE();
	return n;
}

int kevlar_inet_raw_getname(struct vfs_sb *sb, struct inet_raw *r, bool peer, struct inet_addr *out)
{
	int err = 0;

	(void)sb;
	LOCK_TCPIP_CORE();
	if (peer && !r->has_peer)
		err = -ENOTCONN;
	else
		*out = peer ? r->peer : r->local;
	UNLOCK_TCPIP_CORE();
	return err;
}

int kevlar_inet_raw_poll(struct vfs_sb *sb, struct inet_raw *r)
{
	int mask = INET_POLLOUT;

	(void)sb;
	LOCK_TCPIP_CORE();
	if (r->q_head)
		mask |= INET_POLLIN;
	UNLOCK_TCPIP_CORE();
	return mask;
}
