/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The stack's sockets (kevlar_vfs/inet.h's sock_* slots): one struct
 * inet_sock per AF_INET/AF_INET6 socket of ring 1, over one lwIP pcb.
 * Every field is guarded by lwIP's core lock: the slots take it
 * (LOCK_TCPIP_CORE), lwIP's callbacks run in the tcpip thread holding
 * it.  Nothing here waits; readiness goes to ring 1 through
 * svc_sock_notify(cookie, events), called only while `cookie` is set
 * (a connection still on a listener's queue has none yet).
 */
#pragma once

#include <kevlar_vfs/inet.h>
#include <kevlar_vfs/service.h>
#include "lwip/ip_addr.h"

struct tcp_pcb;
struct udp_pcb;
struct pbuf;
struct inet_mcast;

struct inet_rxchain; /* tcp_rxq.c */

/* A received datagram and its sender. */
struct inet_dgram {
	struct inet_dgram *next;
	struct pbuf *p;
	struct inet_addr from;
	struct inet_addr dst; /* where it was sent (IP_PKTINFO) */
	unsigned ifindex;     /* the interface it came in on */
	uint8_t ttl, tos;     /* from its IP header */
};

struct inet_sock {
	void *cookie;	     /* ring 1's socket: the notify target (NULL: none yet) */
	int family;	     /* INET_AF4, INET_AF6 */
	int type;	     /* 1 stream (TCP), 2 datagram (UDP) */
	struct tcp_pcb *tcp; /* NULL once lwIP freed it (reset, refused) */
	struct udp_pcb *udp;
	int err; /* the pending error (SO_ERROR), a positive errno */
	bool bound, listening, connecting, connected, eof, reset, shut_rd, shut_wr;
	bool reuse, nodelay, keepalive, has_peer, v6only;
	u8_t netif_idx; /* SO_BINDTODEVICE: lwIP's index of the interface (0: any) */
	unsigned quick; /* TCP: segments still to acknowledge at once */
	struct inet_addr local, peer;
	/* TCP: received bytes not read yet, a queue of pbuf chains (tcp_rxq.c) */
	struct inet_rxchain *rxq, *rxq_tail, *rx_spare;
	size_t rxq_bytes;
	/* TCP: bytes read and not yet given back to lwIP's window
	 * (tcp_recved): SO_RCVBUF keeps the window smaller this way;
	 * negative after bytes were put back (sock_unrecv) */
	long rwnd_held;
	/* TCP: work put off while more received frames wait (sock_tcp.c's
	 * batch): the reader's wake-up and lwIP's every-second-segment ACK */
	struct inet_sock *batch_next;
	bool batched, wake_owed, ack_owed;
	unsigned acks_put_off;
	/* TCP listener: connections not accepted yet */
	struct inet_sock *acq_head, *acq_tail, *acq_next;
	int acq_len, backlog;
	/* SO_REUSEPORT listeners of one address and port: the first owns
	 * lwIP's listening pcb (the others' tcp is NULL) and hands each new
	 * connection to the next member in turn */
	bool reuseport;
	struct inet_sock *rp_owner; /* a member: the owner (the owner: NULL) */
	struct inet_sock *rp_next;  /* the owner's chain of members */
	struct inet_sock *rp_turn;  /* the owner's: who takes the next one */
	/* UDP: datagrams not read yet, and their bytes */
	struct inet_dgram *dq_head, *dq_tail;
	size_t dq_bytes;
	/* pcb options ring 1 set (sock_params; has_params: any were set) */
	struct inet_params params;
	bool has_params;
	/* TCP_USER_TIMEOUT's watch (sock_tcp.c): since when (sys_now(), ms;
	 * 0 none) the connection has waited on its peer with lastack at
	 * uto_ack */
	uint32_t uto_since, uto_ack;
	/* UDP: the IPv4 multicast groups joined (sock_mcast.c) */
	struct inet_mcast *mc;
	unsigned nmc;
	/* UDP: the datagram last received or peeked, for sock_query */
	struct inet_addr last_dst;
	unsigned last_ifindex;
	uint8_t last_ttl, last_tos;
};

/* sock.c: shared helpers */
struct inet_sock *inet_sock_alloc(int family, int type);
void inet_sock_free(struct inet_sock *k);
void inet_sock_wake(struct inet_sock *k, unsigned events);
void inet_to_ip(const struct inet_addr *a, ip_addr_t *ip);
/* The same for socket k: on a dual-stack AF_INET6 socket an IPv4-mapped
 * address is IPv4 and the wildcard is both families'. */
void inet_sock_ip(const struct inet_sock *k, const struct inet_addr *a, ip_addr_t *ip);
void inet_from_ip(int family, const ip_addr_t *ip, uint16_t port, struct inet_addr *a);
/* Is `a` an address of this host (or the wildcard)?  0 or -EADDRNOTAVAIL. */
int inet_addr_local(const struct inet_addr *a);
int inet_errno(int lwip_err);

/* sock_bind.c: Linux's rules for a TCP port (at bind, and at listen with
 * the pcb's own address): 0 or -EADDRINUSE; SO_BINDTODEVICE: k to the
 * interface of the kernel's `ifindex` (0: none), 0 or -ENODEV, and again
 * onto k's pcb after lwIP dropped it. */
int inet_tcp_port_conflict(const struct inet_sock *k, const ip_addr_t *ip, u16_t port);
int inet_sock_bind_dev(struct inet_sock *k, int ifindex);
void inet_sock_dev_apply(struct inet_sock *k);

/* tcp_rxq.c: a TCP socket's receive queue (k->rxq, rxq_bytes) */
int tcp_rxq_append(struct inet_sock *k, struct pbuf *p); /* 0 or -ENOMEM */
size_t tcp_rxq_read(struct inet_sock *k, void *buf, size_t len, bool peek);
/* Copy from `off` bytes into the queue, leaving it as it is. */
size_t tcp_rxq_peek_at(const struct inet_sock *k, size_t off, void *buf, size_t len);
int tcp_rxq_unread(struct inet_sock *k, const void *buf, size_t len); /* 0 or -ENOMEM */
void tcp_rxq_free(struct inet_sock *k);

/* sock_tcp.c and sock_udp.c: the slots for one protocol */
int inet_tcp_new(struct inet_sock *k);
void inet_tcp_close(struct inet_sock *k);
int inet_tcp_bind(struct inet_sock *k, const struct inet_addr *a);
int inet_tcp_listen(struct inet_sock *k, int backlog);
int inet_tcp_accept(struct inet_sock *k, void *cookie, struct inet_sock **out);
int inet_tcp_connect(struct inet_sock *k, const struct inet_addr *a);
int inet_tcp_send(struct inet_sock *k, const void *buf, size_t len, unsigned flags);
int inet_tcp_recv(struct inet_sock *k, void *buf, size_t len, unsigned flags);
int inet_tcp_shutdown(struct inet_sock *k, int how);
int inet_tcp_poll(struct inet_sock *k);
int inet_tcp_opt(struct inet_sock *k, enum inet_opt opt, bool set, int *val);
void inet_tcp_params(struct inet_sock *k);
void inet_tcp_query(struct inet_sock *k, struct inet_query *q);
int inet_tcp_unrecv(struct inet_sock *k, const void *buf, size_t len);
int inet_tcp_read_queued(struct inet_sock *k, void *buf, size_t len, size_t off, bool peek);
/* The core lock is about to be released (sys_arch.c): with no received
 * frame waiting, the batch ended and the work put off goes now. */
void inet_tcp_batch_check(void);

int inet_udp_new(struct inet_sock *k);
void inet_udp_close(struct inet_sock *k);
int inet_udp_bind(struct inet_sock *k, const struct inet_addr *a);
int inet_udp_connect(struct inet_sock *k, const struct inet_addr *a);
int inet_udp_send(struct inet_sock *k, const void *buf, size_t len, const struct inet_addr *to);
int inet_udp_send_ctl(struct inet_sock *k, const void *buf, size_t len, const struct inet_addr *to,
		      const struct inet_sendctl *c);
int inet_udp_recv(struct inet_sock *k, void *buf, size_t len, unsigned flags,
		  struct inet_addr *from, size_t *full);
int inet_udp_poll(struct inet_sock *k);
void inet_udp_params(struct inet_sock *k);
void inet_udp_query(struct inet_sock *k, struct inet_query *q);

/* sock_mcast.c: IPv4 multicast groups and the sending interface */
struct netif;
int inet_mcast_req(struct inet_sock *k, const struct inet_mcast_req *rq);
void inet_mcast_close(struct inet_sock *k);
/* The interface a datagram to multicast `dst` goes out of (NULL: none). */
struct netif *inet_mcast_netif(const struct inet_sock *k, const ip_addr_t *dst);
/* sock_udp.c: the netif of the kernel's interface `ifindex`, or NULL */
struct netif *inet_netif_of_index(unsigned ifindex);

/* The protocol table's socket slots (sock.c) */
int kevlar_inet_sock_new(struct vfs_sb *sb, void *cookie, int family, int type,
			 struct inet_sock **out);
int kevlar_inet_sock_close(struct vfs_sb *sb, struct inet_sock *k);
int kevlar_inet_sock_bind(struct vfs_sb *sb, struct inet_sock *k, const struct inet_addr *a);
int kevlar_inet_sock_listen(struct vfs_sb *sb, struct inet_sock *k, int backlog);
int kevlar_inet_sock_accept(struct vfs_sb *sb, struct inet_sock *k, void *cookie,
			    struct inet_sock **out);
int kevlar_inet_sock_connect(struct vfs_sb *sb, struct inet_sock *k, const struct inet_addr *a);
int kevlar_inet_sock_send(struct vfs_sb *sb, struct inet_sock *k, const void *buf, size_t len,
			  const struct inet_addr *to, unsigned flags);
int kevlar_inet_sock_recv(struct vfs_sb *sb, struct inet_sock *k, void *buf, size_t len,
			  unsigned flags, struct inet_addr *from, size_t *full);
int kevlar_inet_sock_shutdown(struct vfs_sb *sb, struct inet_sock *k, int how);
int kevlar_inet_sock_getname(struct vfs_sb *sb, struct inet_sock *k, bool peer,
			     struct inet_addr *out);
int kevlar_inet_sock_poll(struct vfs_sb *sb, struct inet_sock *k);
int kevlar_inet_sock_opt(struct vfs_sb *sb, struct inet_sock *k, enum inet_opt opt, bool set,
			 int *val);
int kevlar_inet_sock_params(struct vfs_sb *sb, struct inet_sock *k, const struct inet_params *p);
int kevlar_inet_sock_query(struct vfs_sb *sb, struct inet_sock *k, struct inet_query *q);
int kevlar_inet_sock_unrecv(struct vfs_sb *sb, struct inet_sock *k, const void *buf, size_t len);
int kevlar_inet_sock_mcast(struct vfs_sb *sb, struct inet_sock *k, const struct inet_mcast_req *rq);
int kevlar_inet_sock_send_ctl(struct vfs_sb *sb, struct inet_sock *k, const void *buf, size_t len,
			      const struct inet_addr *to, const struct inet_sendctl *c);

int kevlar_inet_sock_read_queued(struct vfs_sb *sb, struct inet_sock *k, void *buf, size_t len,
				 size_t off, bool peek);
