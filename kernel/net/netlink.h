/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * AF_NETLINK internals shared by netlink.c (sockets: ports, groups,
 * options, lifetime, /proc/net/netlink) and netlink_msg.c (messages:
 * receive queues and their accounting, sending, receiving, requests to
 * the kernel and their acks), and the per-protocol table netlink.c
 * dispatches requests to the kernel (destination port 0) through.  A
 * protocol is one const struct netlink_proto listed in netlink.c's table;
 * socket() accepts exactly the protocols listed (EPROTONOSUPPORT for the
 * rest).  rtnetlink (NETLINK_ROUTE) is netlink_route.c.
 *
 * Locking: nl_table (netlink.c; a spinlock, a leaf) guards every
 * socket's port binding and the list of bound sockets; nl->lock (a leaf,
 * never nested with nl_table) guards the fields marked (l).  nl->rlock (a
 * sleeping mutex, never held while sleeping for a message) serialises
 * receivers, so a message peeked at stays on the queue while it is
 * copied out.  A netlink_sock is reference counted: the socket holds
 * one, and so does each sender in flight and each mq_notify
 * registration; after release (nl->sock NULL) messages for it are dropped.
 */
#pragma once

#include <klib/list.h>
#include <linux/netlink.h>
#include <platform/spinlock.h>
#include <kernel/mutex.h>
#include <kernel/netlink.h>
#include <kernel/socket.h>
#include <kernel/waitqueue.h>

#define SOL_NETLINK 270

#define NLF_PKTINFO	    0x1
#define NLF_BROADCAST_ERROR 0x2
#define NLF_NO_ENOBUFS	    0x4
#define NLF_LISTEN_ALL_NSID 0x8
#define NLF_CAP_ACK	    0x10
#define NLF_EXT_ACK	    0x20
#define NLF_STRICT_CHK	    0x40

struct netlink_proto {
	const char *name;
	unsigned ngroups;  /* multicast groups 1..ngroups (at most 64) */
	bool nonroot_recv; /* anyone may join its groups (Linux's NL_CFG_F_NONROOT_RECV) */
	/* One request message from `from` (NLM_F_REQUEST set, type at
	 * least NLMSG_MIN_TYPE, nlmsg_len checked against what was sent):
	 * 0, or -errno for the error ack netlink_msg.c then sends.  Replies
	 * go to `from` with netlink_unicast_kernel(). */
	int (*rcv_msg)(struct netlink_sock *from, const struct nlmsghdr *h);
};

extern const struct netlink_proto rtnetlink_proto;

struct netlink_sock {
	struct spinlock lock;
	struct waitqueue wq; /* readers, pollers, senders waiting for room */
	struct mutex rlock;  /* receivers */
	int refs;	     /* atomic */
	int protocol;
	const struct netlink_proto *proto;
	struct socket *sock;	      /* (l) NULL once released */
	struct nl_skb *head, *tail;   /* (l) the receive queue */
	size_t rmem;		      /* (l) truesize attached: queued or reserved */
	bool congested;		      /* (l) a kernel message was dropped; until drained */
	int err;		      /* (l) a pending error for recv (ENOBUFS) */
	uint32_t drops;		      /* (l) */
	uint32_t dst_portid, dst_grp; /* (l) connect's destination */
	uint64_t groups;	      /* (l) multicast memberships, bit g-1 for group g */
	unsigned flags;		      /* (l) NLF_* */
	/* the binding (nl_table) */
	bool bound;
	uint32_t portid;
	struct list_head link; /* in nl_bound while bound */
};

/* Linux's sockaddr_nl. */
struct nl_addr {
	uint16_t family, pad;
	uint32_t pid, groups;
};

static inline struct netlink_sock *nl_sk(struct socket *s)
{
	return s->priv;
}

static inline void nl_get(struct netlink_sock *nl)
{
	__atomic_add_fetch(&nl->refs, 1, __ATOMIC_RELAXED);
}

/* The sender's capability to change state (CAP_NET_ADMIN). */
bool netlink_net_admin(void);
/* The group mask a message sent to group g shows in msg_name. */
uint32_t netlink_group_mask(uint32_t g);
/* Bind nl to `portid` (0: autobind); -EADDRINUSE, or -EINVAL when it is
 * already bound elsewhere.  0 if already bound there. */
int netlink_bind_port(struct netlink_sock *nl, uint32_t portid);
/* The socket of `protocol` bound at `portid`, with a reference, or NULL. */
struct netlink_sock *netlink_lookup(int protocol, uint32_t portid);
/* The next bound socket (a reference) of `protocol` in group g, but not
 * at port `exclude` nor `skip` itself, after list position *pos (start
 * at 0), or NULL.  (An unbound socket, port 0, hears no multicast, as on
 * Linux.) */
struct netlink_sock *netlink_next_member(int protocol, uint32_t g, uint32_t exclude,
					 const struct netlink_sock *skip, uint32_t *pos);

/* netlink_msg.c */
ssize_t netlink_sendmsg(struct socket *s, struct sock_msg *m, bool nonblock);
ssize_t netlink_recvmsg(struct socket *s, struct sock_msg *m, bool nonblock);
