/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The AF_INET/AF_INET6 family's private state, shared by its files:
 * inet_sock.c (lifetime, names, data) and inet_opt.c (options, ioctls,
 * ancillary data).  One struct inet_sk per socket, ring 1's half; the
 * stack's half is the opaque struct inet_sock it points to.
 */
#pragma once

#include <kevlar_vfs/inet.h>
#include <kernel/socket.h>

/* The option values ring 1 keeps (set and read under the socket's file:
 * plain stores, as the layer's generic options). */
struct inet_opts {
	struct inet_params par; /* what the stack applies to the pcb */
	int ttl, hops;		/* IP_TTL, IPV6_UNICAST_HOPS: -1 default */
	int mcast_hops;		/* IPV6_MULTICAST_HOPS: -1 default */
	int maxseg;		/* TCP_MAXSEG asked for (0: none) */
	bool quickack;		/* TCP_QUICKACK (stored only) */
	bool pktinfo, recvtos, recvttl, recverr, recvpktinfo6, recvtclass, recvhops;
	bool mcast_all, freebind, nodefrag;
	uint32_t mc_addr; /* IP_MULTICAST_IF's address (network order; 0: none) */
	int mc_ifindex6;  /* IPV6_MULTICAST_IF's (0: none) */
};

struct inet_sk {
	struct socket *s;
	struct vfs_sb *sb;
	struct inet_sock *k; /* the stack's half */
	unsigned seq;	     /* atomic: bumped by each upcall */
	/* a connect returned before it finished (EINPROGRESS, a signal, a
	 * timeout): the next connect reports how it ended, as Linux's
	 * SS_CONNECTING (inet_connect's caller serialises on the file) */
	bool connect_pending;
	struct inet_opts o;
};

static inline struct inet_sk *isk(struct socket *s)
{
	return s->priv;
}

static inline bool stream(const struct socket *s)
{
	return s->type == SOCK_STREAM;
}

/* inet_opt.c */
void inet_opts_init(struct inet_sk *is);
int inet_setsockopt(struct socket *s, int level, int name, const void *val, unsigned len);
int inet_getsockopt(struct socket *s, int level, int name, void *val, unsigned *len);
long inet_ioctl(struct socket *s, unsigned cmd, uint64_t arg);
/* A datagram was received into m: append the control messages its
 * socket asked for (IP_PKTINFO, IP_RECVTTL, IP_RECVTOS, IPV6_PKTINFO...). */
void inet_put_cmsgs(struct inet_sk *is, struct sock_msg *m);
/* A datagram send with control messages (IP_TTL, IP_TOS, IPV6_HOPLIMIT,
 * IPV6_TCLASS, and IP_PKTINFO/IPV6_PKTINFO's source and interface, for
 * this datagram only): checked as Linux's ip_cmsg_send/
 * ip6_datagram_send_ctl, then sent; bytes or -errno. */
ssize_t inet_send_with_cmsgs(struct inet_sk *is, struct sock_msg *m, const void *buf,
			     const struct inet_addr *to);

/* The user's sockaddr (kernel copy) as an inet_addr, with Linux's checks
 * in Linux's order.  `unspec_any`: bind's leniency (AF_UNSPEC with
 * INADDR_ANY is AF_INET).  inet_sock.c; inet_icmp.c's sockets too. */
int inet_addr_in(const struct socket *s, const void *addr, int len, struct inet_addr *a,
		 bool unspec_any);
/* An inet_addr as the user's sockaddr: its length. */
int inet_addr_out(const struct inet_addr *a, void *out);
