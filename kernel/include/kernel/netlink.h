/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * AF_NETLINK (kernel/net/netlink.c): the family's sockets on the socket
 * layer, and the kernel side other subsystems use to talk to them.
 *
 * A message for a socket is an nl_skb: charged to the receiver's
 * SO_RCVBUF when it is attached (netlink_attach), then queued
 * (netlink_queue).  The kernel's own messages (acks, mq_notify's cookie)
 * never wait: one that finds the receiver over its buffer is dropped and
 * the receiver's next recv fails with ENOBUFS, as on Linux.
 */
#pragma once

#include <klib/types.h>

struct file;
struct netlink_sock;
struct proto_ops;

#define AF_NETLINK 16

/* One message on its way to a socket. */
struct nl_skb {
	struct nl_skb *next; /* on the receiver's queue */
	size_t len;
	size_t truesize; /* what it charges to the receiver's buffer */
	uint32_t portid; /* the sender's port: 0 for the kernel */
	uint32_t group;	 /* the multicast group it was sent to (0: unicast) */
	int32_t pid;	 /* SCM_CREDENTIALS: the sender's tgid, real uid and gid (0: the kernel) */
	uint32_t uid, gid;
	uint8_t data[];
};

extern const struct proto_ops netlink_ops;

/* /proc/net/netlink's text into buf (NUL-terminated): its length. */
size_t netlink_proc_show(char *buf, size_t size);

/* A message of len bytes (contents uninitialised), or NULL. */
struct nl_skb *nl_skb_alloc(size_t len);
void nl_skb_free(struct nl_skb *skb);

/* The netlink socket of open file `f`, with a reference: 0, -ENOTSOCK
 * (not a socket), -EINVAL (another family), as Linux's
 * netlink_getsockbyfd. */
int netlink_sock_get(struct file *f, struct netlink_sock **out);
void netlink_sock_put(struct netlink_sock *nl);

/* Charge `skb` to nl's receive buffer, sleeping (signalable) while the
 * socket is over its SO_RCVBUF or congested: 0 or -ERESTARTSYS (skb
 * freed).  May sleep; no lock held. */
int netlink_attach(struct netlink_sock *nl, struct nl_skb *skb);
/* Queue an attached skb and wake the readers (it is freed if the socket
 * has been closed meanwhile). */
void netlink_queue(struct netlink_sock *nl, struct nl_skb *skb);
/* Give back an attached skb that will not be sent, and free it. */
void netlink_detach(struct netlink_sock *nl, struct nl_skb *skb);
/* The kernel's unicast to a socket: attached and queued unless the
 * receiver is full (then dropped, ENOBUFS for its next recv): 0 or
 * -ENOBUFS.  Takes over `skb`.  Does not sleep. */
int netlink_unicast_kernel(struct netlink_sock *nl, struct nl_skb *skb);
/* The kernel's multicast: a copy of `skb` (taken over) to every socket
 * of `protocol` that joined `group` (1..64), each dropped as
 * netlink_unicast_kernel() drops.  Does not sleep. */
void netlink_broadcast_kernel(int protocol, uint32_t group, struct nl_skb *skb);
