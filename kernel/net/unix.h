/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * AF_UNIX internals shared by unix.c (names, connections, lifetime,
 * readiness, options) and unix_msg.c (sending and receiving, SCM_RIGHTS
 * and SCM_CREDENTIALS).
 *
 * A unix_sock is the family's state of one socket, or of an embryo: the
 * server end a connect() makes and queues on the listener until accept()
 * gives it a socket.  Each message in flight is a unix_skb on the
 * receiver's queue, charged (truesize) to its sender's `wmem` until read,
 * so a sender blocks or gets EAGAIN at SO_SNDBUF: memory a process can
 * pin is bounded by its sockets' buffers.
 *
 * Locking: u->lock (a sleeping mutex, held across copies to and from
 * user memory) guards the fields marked (l); two are held at once only
 * by connect (the listener's and the connector's, in address order).
 * unix_table (a sleeping mutex, taken inside any u->lock, never around
 * one) guards names and the list of all sockets.  Wait
 * predicates read (l) fields with READ_ONCE without the lock; writers use
 * WRITE_ONCE, then wake u->wq after unlocking.
 */
#pragma once

#include <klib/list.h>
#include <kernel/mutex.h>
#include <kernel/socket.h>
#include <kernel/waitqueue.h>

#define UNIX_PATH_OFF	2   /* offsetof(struct sockaddr_un, sun_path) */
#define UNIX_ADDR_MAX	110 /* sizeof(struct sockaddr_un) */
#define UNIX_DGRAM_QLEN 10  /* net.unix.max_dgram_qlen */
#define UNIX_SOMAXCONN	4096

enum unix_state {
	UNIX_UNCONNECTED = 0,
	UNIX_LISTENING,
	UNIX_CONNECTED,
};

struct unix_sock {
	struct mutex lock;
	struct waitqueue wq; /* readers, writers waiting for room, pollers, connectors */
	int refs;	     /* atomic: the socket, a peer, each skb it sent, a queue entry */
	int type;
	struct socket *sock;	 /* (l) NULL for an embryo, and after release */
	int state;		 /* (l) enum unix_state */
	struct unix_sock *peer;	 /* (l) a reference; kept after the peer closes */
	struct list_head queue;	 /* (l) unix_skb: messages, or embryos of a listener */
	unsigned qlen;		 /* (l) entries in queue */
	int backlog;		 /* (l) listener's */
	unsigned shut;		 /* (l) SOCK_RCV_SHUTDOWN | SOCK_SEND_SHUTDOWN */
	bool dead;		 /* (l) released */
	int err;		 /* (l) a pending SO_ERROR (ECONNRESET) */
	struct ucred_k peercred; /* (l) SO_PEERCRED */
	bool has_peercred;	 /* (l) */
	size_t wmem;		 /* atomic: truesize of what it sent that is unread */
	/* (l) SO_PEERGROUPS: a reference (NULL: none) */
	struct group_list *peergroups;
	/* the name (unix_table; immutable once addrlen is set) */
	uint8_t addr[UNIX_ADDR_MAX];
	int addrlen;		     /* 0: unbound */
	struct inode *node;	     /* a filesystem name's socket node, a reference */
	uint64_t node_dev, node_ino; /* ... and its identity */
	struct list_head all_link;   /* in unix_all (unix_table) */
};

struct unix_skb {
	struct list_head link;
	struct unix_sock *from;	  /* the sender, a reference (NULL for an embryo entry) */
	struct unix_sock *embryo; /* a listener's queue entry: the connection, a reference */
	size_t len, off;	  /* data[off..len) unread */
	size_t truesize;	  /* charged to from->wmem */
	struct ucred_k cred;
	int nfp;
	struct file **fp; /* SCM_RIGHTS in flight, one reference each */
	uint8_t data[];
};

#define UNIX_SKB_HDR __builtin_offsetof(struct unix_skb, data)

extern struct mutex unix_table;

struct unix_sock *unix_sk(struct socket *s);
void unix_get(struct unix_sock *u);
void unix_put(struct unix_sock *u);
/* The sender's SO_SNDBUF (an embryo's default). */
int unix_sndbuf(struct unix_sock *u);
/* Free an skb taken off a queue (no lock held): its files, its charge. */
void unix_skb_free(struct unix_skb *skb);
/* The socket bound to the address (len bytes, validated), of `type`,
 * with a reference: 0 or -ENOENT/-EACCES/-ECONNREFUSED/-EPROTOTYPE... */
int unix_find(const void *addr, int len, int type, struct unix_sock **out);
/* Validate a sockaddr_un of len bytes: 0 or -EINVAL. */
int unix_validate(const void *addr, int len);
/* Bind u to a fresh abstract name: 0 or -errno. */
int unix_autobind(struct unix_sock *u);
/* The deadline of a wait (0: none) for u's socket. */
uint64_t unix_deadline(struct unix_sock *u, bool send);

ssize_t unix_sendmsg(struct socket *s, struct sock_msg *m, bool nonblock);
ssize_t unix_recvmsg(struct socket *s, struct sock_msg *m, bool nonblock);
