/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Sockets: one FileLike for every socket (kernel/net/socket.c) and a
 * per-family ops table behind it, as Linux's struct proto_ops.  The
 * layer owns what every family shares: the inode (fstat's S_IFSOCK, the
 * /proc/<pid>/fd link "socket:[ino]"), the O_NONBLOCK flag, the generic
 * socket options (SO_TYPE, SO_SNDBUF...), read/write as recv/send, and
 * one wait queue the family wakes (kernel/poll.h) whenever readiness may
 * have changed.  A family fills `struct proto_ops` and is listed in
 * socket.c's family table; AF_UNIX is kernel/net/unix.c, the IP families
 * of a later issue plug in the same way.
 *
 * Only the layer calls through a proto_ops table (sock_* below); an
 * empty slot answers Linux's "operation not supported" for it.
 */
#pragma once

#include <klib/types.h>
#include <kevlar_vfs/types.h>
#include <kernel/waitqueue.h>

struct file;
struct group_list;
struct inode;
struct poll_table;
struct socket;

/* ABI values Linux keeps outside its UAPI headers (include/linux/socket.h,
 * include/linux/net.h): families, types, message flags, levels. */
#define AF_UNSPEC	   0
#define AF_UNIX		   1
#define AF_INET		   2
#define AF_INET6	   10
#define SOCK_STREAM	   1
#define SOCK_DGRAM	   2
#define SOCK_RAW	   3
#define SOCK_RDM	   4
#define SOCK_SEQPACKET	   5
#define SOCK_DCCP	   6
#define SOCK_PACKET	   10
#define SOCK_TYPE_MASK	   0xf
#define SOL_SOCKET	   1
#define SCM_RIGHTS	   1
#define SCM_CREDENTIALS	   2
#define SCM_MAX_FD	   253
#define MSG_OOB		   0x1
#define MSG_PEEK	   0x2
#define MSG_DONTROUTE	   0x4
#define MSG_CTRUNC	   0x8
#define MSG_TRUNC	   0x20
#define MSG_DONTWAIT	   0x40
#define MSG_EOR		   0x80
#define MSG_WAITALL	   0x100
#define MSG_ERRQUEUE	   0x2000
#define MSG_NOSIGNAL	   0x4000
#define MSG_MORE	   0x8000
#define MSG_WAITFORONE	   0x10000
#define MSG_CMSG_CLOEXEC   0x40000000
#define SHUT_RD		   0
#define SHUT_WR		   1
#define SHUT_RDWR	   2
#define SOCK_RCV_SHUTDOWN  1 /* sock->shut bits, Linux's RCV_SHUTDOWN/SEND_SHUTDOWN */
#define SOCK_SEND_SHUTDOWN 2

/* User layouts of the message calls (Linux's struct user_msghdr,
 * cmsghdr, ucred, mmsghdr on 64-bit). */
struct user_msghdr {
	uint64_t msg_name;
	int32_t msg_namelen;
	uint32_t pad0;
	uint64_t msg_iov;
	uint64_t msg_iovlen;
	uint64_t msg_control;
	uint64_t msg_controllen;
	uint32_t msg_flags;
	uint32_t pad1;
};

struct user_mmsghdr {
	struct user_msghdr msg_hdr;
	uint32_t msg_len;
	uint32_t pad;
};

struct cmsghdr_k {
	uint64_t cmsg_len;
	int32_t cmsg_level;
	int32_t cmsg_type;
};

struct ucred_k {
	int32_t pid;
	uint32_t uid, gid;
};

#define CMSG_ALIGN_K(n) (((n) + 7u) & ~(size_t)7u)
#define CMSG_LEN_K(n)	(sizeof(struct cmsghdr_k) + (n))
#define CMSG_SPACE_K(n) (sizeof(struct cmsghdr_k) + CMSG_ALIGN_K(n))

/* The largest address any family takes (struct sockaddr_storage). */
#define SOCK_ADDR_MAX 128

/* One sendmsg/recvmsg in kernel form.  The data is a vector of iobufs
 * (user iovecs, or one kernel or user buffer for read/write); a family
 * moves bytes with sock_msg_get()/sock_msg_put(), which walk it in order.
 * `name` and `control` are kernel copies: in for sendmsg, out (with their
 * room in namelen/controllen) for recvmsg. */
struct sock_msg {
	struct iobuf *iov;
	unsigned long iovcnt;
	size_t len;  /* total bytes of iov */
	size_t done; /* bytes moved so far (the walk's position) */
	uint8_t name[SOCK_ADDR_MAX];
	int namelen;	     /* send: 0 for none; recv: room in, length out */
	bool want_name;	     /* recv: the caller gave a name buffer */
	uint8_t *control;    /* kmalloc()ed or NULL */
	size_t controllen;   /* send: its length; recv: room */
	size_t control_used; /* recv: bytes written */
	unsigned flags;	     /* MSG_* of the call */
	unsigned out_flags;  /* recv: msg_flags returned (MSG_TRUNC, MSG_CTRUNC) */
};

/* Copy the next n bytes of the message's data out of (get) or into (put)
 * kernel memory, advancing the walk: 0 or -EFAULT. */
int sock_msg_get(struct sock_msg *m, void *dst, size_t n);
int sock_msg_put(struct sock_msg *m, const void *src, size_t n);
/* Append a control message (recvmsg): Linux's put_cmsg, truncating and
 * setting MSG_CTRUNC when the room runs out. */
void sock_msg_put_cmsg(struct sock_msg *m, int level, int type, const void *data, size_t len);

struct proto_ops {
	/* Make the family's state for a new socket of s->type (which it
	 * may change: AF_UNIX's SOCK_RAW is SOCK_DGRAM) and `protocol`:
	 * 0, -EPROTONOSUPPORT, -ESOCKTNOSUPPORT, -ENOMEM. */
	int (*create)(struct socket *s, int protocol);
	int (*socketpair)(struct socket *a, struct socket *b);
	int (*bind)(struct socket *s, const void *addr, int len);
	int (*connect)(struct socket *s, const void *addr, int len, bool nonblock);
	int (*listen)(struct socket *s, int backlog);
	/* A new connection in `ns` (made by the layer, family and type set,
	 * no family state yet). */
	int (*accept)(struct socket *s, struct socket *ns, bool nonblock);
	ssize_t (*sendmsg)(struct socket *s, struct sock_msg *m, bool nonblock);
	ssize_t (*recvmsg)(struct socket *s, struct sock_msg *m, bool nonblock);
	int (*shutdown)(struct socket *s, int how);
	/* Own (peer false) or peer address into addr (SOCK_ADDR_MAX bytes):
	 * its length, or -errno. */
	int (*getname)(struct socket *s, void *addr, bool peer);
	/* Family-level options and the SOL_SOCKET ones the layer leaves to
	 * the family (SO_PEERCRED, SO_ACCEPTCONN, SO_ERROR, SO_PASSCRED):
	 * -ENOPROTOOPT for an option it does not know. */
	int (*setsockopt)(struct socket *s, int level, int name, const void *val, unsigned len);
	int (*getsockopt)(struct socket *s, int level, int name, void *val, unsigned *len);
	/* SO_PEERGROUPS: the peer's supplementary groups, a reference in
	 * *out (NULL: none), or -ENODATA with no peer credential. */
	int (*peergroups)(struct socket *s, struct group_list **out);
	unsigned (*poll)(struct socket *s, unsigned events, struct poll_table *pt);
	long (*ioctl)(struct socket *s, unsigned cmd, uint64_t arg);
	/* The last file of the socket is gone. */
	void (*release)(struct socket *s);
	/* /proc/net/<family>: one line per socket into buf (its length). */
	int (*show)(struct socket *s, char *buf, size_t size);
	/* The family's lines of /proc/<pid>/fdinfo into buf (at most `size`
	 * bytes): their full length, as snprintf. */
	int (*show_fdinfo)(struct socket *s, char *buf, size_t size);
	int family;
	/* SO_BINDTODEVICE/SO_BINDTOIFINDEX: use only the device `ifindex`
	 * (0: any) from now on; optional (the layer stores it in any case):
	 * 0 or -errno, which leaves the socket as it was. */
	int (*bind_dev)(struct socket *s, int ifindex);
};

struct socket {
	const struct proto_ops *ops;
	struct inode *inode; /* the FileLike (no reference: the inode owns us) */
	int family, type, protocol;
	void *priv;	     /* the family's state */
	struct waitqueue wq; /* every sleeper and poller of this socket */
	/* options (plain stores; a racing reader sees old or new) */
	int sndbuf, rcvbuf;
	uint64_t rcvtimeo_ns, sndtimeo_ns; /* 0: wait forever */
	bool reuseaddr, keepalive, passcred, broadcast, oobinline;
	struct file *file; /* its file (no reference: the file owns the inode) */
	int linger_on, linger_secs;
	/* SO_DEBUG, SO_DONTROUTE, SO_REUSEPORT, SO_PRIORITY, SO_MARK: stored
	 * for a later family to act on; SO_RCVLOWAT (1 by default): a stream
	 * read's minimum */
	bool debug, dontroute, reuseport;
	int priority, rcvlowat;
	uint32_t mark;
	int peek_off; /* SO_PEEK_OFF: -1 off */
	uint32_t uid; /* fstat's owner: the creator's fsuid, fsgid */
	uint32_t gid;
	int bound_dev_if; /* SO_BINDTODEVICE's device index (0: none; may be gone) */
};

/* Linux's defaults and floors (net.core.wmem_default, SOCK_MIN_SNDBUF...). */
#define SOCK_DEFAULT_BUF 212992
#define SOCK_MAX_BUF	 212992
#define SOCK_MIN_SNDBUF	 4608
#define SOCK_MIN_RCVBUF	 2304

/* The socket behind an open file, or NULL: ENOTSOCK. */
struct socket *socket_of(struct file *f);
/* A new socket (family and type as socket(2) gives them) with its inode
 * in *out: 0 or -EAFNOSUPPORT, or the family's error. */
int socket_create(int family, int type, int protocol, struct socket **out);
/* A socket for a connection accept() hands out: same family, type and
 * ops as `parent`, no family state. */
struct socket *socket_new_child(struct socket *parent);
/* Drop a socket made by socket_create()/socket_new_child() that never
 * got a file. */
void socket_discard(struct socket *s);
/* A file for `s` (taking over its inode reference) with O_RDWR and
 * O_NONBLOCK from `flags`, or NULL. */
struct file *socket_file(struct socket *s, unsigned flags);
/* The socket's inode number (fstat, /proc/net/unix). */
uint64_t socket_ino(const struct socket *s);
struct iovec;
/* readv/writev on a socket: one recvmsg/sendmsg over the whole vector
 * (already checked), with the open file's O_* `fflags`; a write raises
 * SIGPIPE as socket_sigpipe() says.  Bytes moved or -errno. */
ssize_t socket_rwv(struct socket *s, const struct iovec *iov, unsigned long cnt, bool write,
		   unsigned fflags);
/* A send's result `r`: -EPIPE on a stream socket raises SIGPIPE in the
 * caller unless MSG_NOSIGNAL is in `flags` (datagram and seqpacket
 * sockets raise none, as on Linux).  Returns r. */
ssize_t socket_sigpipe(struct socket *s, ssize_t r, unsigned flags);
/* SIGURG to the owner (F_SETOWN) of the socket's file, if any. */
void socket_send_sigurg(struct socket *s);
/* Wake the socket's sleepers and pollers: `events` now ready (0: unknown). */
void socket_wake(struct socket *s, unsigned events);

/* The dispatch wrappers (the only callers of proto_ops). */
int sock_bind(struct socket *s, const void *addr, int len);
int sock_connect(struct socket *s, const void *addr, int len, bool nonblock);
int sock_listen(struct socket *s, int backlog);
int sock_accept(struct socket *s, struct socket *ns, bool nonblock);
ssize_t sock_sendmsg(struct socket *s, struct sock_msg *m, bool nonblock);
ssize_t sock_recvmsg(struct socket *s, struct sock_msg *m, bool nonblock);
int sock_shutdown(struct socket *s, int how);
int sock_getname(struct socket *s, void *addr, bool peer);
int sock_setsockopt(struct socket *s, int level, int name, const void *val, unsigned len);
int sock_getsockopt(struct socket *s, int level, int name, void *val, unsigned *len);
int sock_socketpair(struct socket *a, struct socket *b);
int sock_peergroups(struct socket *s, struct group_list **out);

/* The deadline for a blocking send or receive on `s` (0: none). */
uint64_t sock_deadline(const struct socket *s, bool send);

/* AF_INET and AF_INET6: TCP and UDP over the TCP/IP stack
 * (kernel/net/inet_sock.c). */
extern const struct proto_ops inet_ops, inet6_ops;

/* AF_UNIX (kernel/net/unix.c). */
extern const struct proto_ops unix_ops;
/* /proc/net/unix's text into buf (NUL-terminated): its length. */
size_t unix_proc_show(char *buf, size_t size);
