/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * AF_UNIX internals shared by unix.c (names, connections, lifetime,
 * readiness, options), unix_msg.c (sending and receiving, SCM_RIGHTS
 * and SCM_CREDENTIALS), unix_gc.c (descriptors in flight: the per-user
 * limit and the collector of unreachable cycles) and unix_oob.c
 * (MSG_OOB on stream sockets).
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
 * by connect (the listener's and the connector's, in address order)
 * and by the collector (a listener's, then an embryo's on its queue).
 * unix_table (a sleeping mutex, taken inside any u->lock, never around
 * one) guards names and the list of all sockets.  Wait
 * predicates read (l) fields with READ_ONCE without the lock; writers use
 * WRITE_ONCE, then wake u->wq after unlocking.  unix_gc.c's gc_lock (a
 * leaf spinlock, taken inside u->lock) guards the fields marked
 * (gc_lock).
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
	struct unix_skb *oob;	     /* (l) the skb whose last byte is urgent (MSG_OOB) */
	unsigned consumed;	     /* (l) skbs on queue emptied by recv(MSG_OOB) */
	/* descriptors in flight (unix_gc.c) */
	unsigned inflight;		   /* (gc_lock) copies of its file on queues */
	struct file *file;		   /* (gc_lock) that file, while inflight */
	struct list_head inflight_link;	   /* (gc_lock) in the list of sockets in flight */
	struct list_head gc_link, gc_work; /* (the collecting thread's) */
	long gc_refs;
	bool gc_candidate, gc_reachable;
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
	uint32_t fp_uid;  /* the sender's real user, charged for them */
	bool fp_inflight; /* counted by unix_inflight_add() */
	bool fp_charged;  /* ... and charged to fp_uid */
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

/* Sockets and embryos alive (the self-tests' measure). */
int unix_count(void);
/* Free the skbs of a queue taken off its socket (no lock held). */
void unix_purge(struct list_head *q);

/* Descriptors in flight (unix_gc.c).  -ETOOMANYREFS when the caller's
 * user has more than RLIMIT_NOFILE in flight and no CAP_SYS_RESOURCE or
 * CAP_SYS_ADMIN, else 0. */
int unix_inflight_check(void);
/* skb's files are now on a queue (that queue's lock held) / leave it
 * (the lock held, or the skb on no queue).  Take gc_lock. */
void unix_inflight_add(struct unix_skb *skb);
void unix_inflight_del(struct unix_skb *skb);
/* Free unreachable cycles of sockets in flight; may sleep, no lock held. */
void unix_gc(void);
/* The same, only once too many sockets are in flight (a send's check). */
void unix_gc_on_send(void);

/* MSG_OOB (unix_oob.c).  Forget u's urgent byte / make skb (just
 * queued) the urgent one (u->lock held). */
void unix_oob_forget(struct unix_sock *u);
void unix_oob_set(struct unix_sock *u, struct unix_skb *skb);
/* An urgent byte is waiting (POLLPRI; racy read). */
bool unix_oob_pending(struct unix_sock *u);
/* An ordinary stream read reaching skb (u->lock held), having copied
 * `copied` bytes: the skb to read from (consumed or dropped urgent skbs
 * go onto `done`), or NULL: the queue ended, or *stop: the mark ends
 * the read. */
struct unix_skb *unix_oob_manage(struct socket *s, struct unix_sock *u, struct unix_skb *skb,
				 bool peek, size_t copied, struct list_head *done, bool *stop);
/* recv(MSG_OOB) on a connected stream socket: 1, or -EINVAL/-EFAULT. */
ssize_t unix_oob_recv(struct socket *s, struct unix_sock *u, struct sock_msg *m);
/* SIOCATMARK into *arg: 0, or -EOPNOTSUPP (not a stream) / -EFAULT. */
int unix_oob_atmark(struct unix_sock *u, int __user *arg);

ssize_t unix_sendmsg(struct socket *s, struct sock_msg *m, bool nonblock);
ssize_t unix_recvmsg(struct socket *s, struct sock_msg *m, bool nonblock);
