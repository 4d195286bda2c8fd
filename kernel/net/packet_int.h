/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * AF_PACKET internals shared by packet.c (sockets, delivery, send and
 * receive) and packet_opt.c (socket options: filters, memberships,
 * auxdata, statistics).  Locking: packet_lock (packet.c) guards the
 * fields so marked and every socket's queue; see packet.c.
 */
#pragma once

#include <klib/types.h>
#include <linux/filter.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <platform/spinlock.h>
#include <kernel/mutex.h>

struct socket;

/* One frame on a socket's queue. */
struct packet_skb {
	struct packet_skb *next;
	uint32_t len;	   /* bytes kept in data[] */
	uint32_t orig_len; /* the frame's bytes from where the socket's view begins */
	int ifindex;
	uint16_t hatype;
	__be16 protocol;
	uint8_t pkttype;
	uint8_t addr[ETH_ALEN]; /* the source address */
	uint32_t status;	/* TP_STATUS_* for PACKET_AUXDATA */
	uint16_t net;		/* where the network header is in data[] */
	uint8_t data[];
};

/* One PACKET_ADD_MEMBERSHIP, counted (Linux's packet_mclist). */
struct packet_mc {
	struct packet_mc *next;
	int ifindex;
	uint16_t type, alen;
	uint8_t addr[8];
	unsigned count;
};

/* A classic filter as attached. */
struct packet_filter {
	unsigned len;
	struct sock_filter insns[];
};

struct packet_sock {
	struct socket *s;
	struct packet_sock *next; /* the socket list (packet_lock) */
	/* packet_lock: */
	__be16 proto; /* 0: receives nothing */
	int ifindex;  /* 0: every device */
	struct packet_skb *head, *tail;
	size_t rmem;
	unsigned qlen;		       /* atomic for readers outside the lock */
	uint32_t st_packets, st_drops; /* PACKET_STATISTICS, since last read */
	struct packet_filter *filter;
	struct packet_mc *mc;
	bool filter_locked;
	bool auxdata, origdev; /* plain stores */
	struct mutex rlock;    /* one reader at a time */
};

extern struct spinlock packet_lock;

static inline struct packet_sock *pk(struct socket *s)
{
	return s->priv;
}

/* The family's option slots (packet_opt.c) and the memberships' end. */
int packet_setsockopt(struct socket *s, int level, int name, const void *val, unsigned len);
int packet_getsockopt(struct socket *s, int level, int name, void *val, unsigned *len);
void packet_mc_free(struct packet_mc *mc);
