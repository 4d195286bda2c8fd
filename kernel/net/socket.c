/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The socket FileLike (kernel/socket.h): one inode kind for every socket,
 * whatever its family.  read(2) and write(2) are recvmsg and sendmsg with
 * one buffer; poll and ioctl go to the family; fstat shows S_IFSOCK|0777
 * owned by the creator; the release slot tells the family the last file
 * is gone and evict frees the socket.  The sock_* wrappers here are the
 * only callers of a family's proto_ops; they give empty slots Linux's
 * answers and handle the SOL_SOCKET options every family shares.
 *
 * Locking: a socket's own fields are the family's (under its locks) or
 * options written with plain stores; the layer itself keeps no shared
 * state but the inode counter.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <linux/capability.h>
#include <linux/fcntl.h>
#include <linux/if.h>
#include <linux/poll.h>
#include <linux/stat.h>
#include <linux/magic.h>
#include <linux/time_types.h>
#include <linux/uio.h>
#include <asm/socket.h>
#include <linux/capability.h>
#include <platform/kmalloc.h>
#include <platform/time.h>
#include <platform/usercopy.h>
#include <kevlar_vfs/service.h>
#include <kernel/vfs.h>
#include <kernel/cred.h>
#include <kernel/file.h>
#include <kernel/netdev.h>
#include <kernel/poll.h>
#include <kernel/process.h>
#include <asm-generic/siginfo.h>
#include <kernel/signal.h>
#include <kernel/netlink.h>
#include <kernel/packet.h>
#include <kernel/socket.h>
#include "ifconf.h"

/* Sockets live on no mounted filesystem: this instance gives their inodes
 * an st_dev (Linux's sockfs is an anonymous device too) and the evict
 * hook. */
#define SOCKFS_DEV 8

struct linger_k {
	int l_onoff, l_linger;
};

/* The families Kevlar has, by number. */
static const struct proto_ops *const families[] = {
	[AF_UNIX] = &unix_ops,	     /* kernel/net/unix.c */
	[AF_INET] = &inet_ops,	     /* kernel/net/inet_sock.c */
	[AF_INET6] = &inet6_ops,     /* kernel/net/inet_sock.c */
	[AF_NETLINK] = &netlink_ops, /* kernel/net/netlink.c */
	[AF_PACKET] = &packet_ops,   /* kernel/net/packet.c */
};

static ssize_t sock_rw(struct inode *ino, struct iobuf *b, unsigned flags, bool write)
{
	struct socket *s = ino->priv;
	struct sock_msg *m;
	ssize_t r;

	if (!write && !b->len)
		return 0; /* read(2) of nothing never waits (write(2) of nothing is a message) */
	m = kzalloc(sizeof(*m));
	if (!m)
		return -ENOMEM;
	m->iov = b;
	m->iovcnt = 1;
	m->len = b->len;
	m->namelen = write ? 0 : SOCK_ADDR_MAX;
	r = write ? sock_sendmsg(s, m, flags & O_NONBLOCK) : sock_recvmsg(s, m, flags & O_NONBLOCK);
	kfree(m);
	return r;
}

ssize_t socket_rwv(struct socket *s, const struct iovec *iov, unsigned long cnt, bool write,
		   unsigned fflags)
{
	struct sock_msg *m = kzalloc(sizeof(*m));
	struct iobuf *bufs = kmalloc((cnt ? cnt : 1) * sizeof(*bufs));
	ssize_t r = -ENOMEM;

	if (!m || !bufs)
		goto out;
	for (unsigned long i = 0; i < cnt; i++) {
		bufs[i] = (struct iobuf){.user = true,
					 .ubuf = uptr((uintptr_t)iov[i].iov_base),
					 .len = iov[i].iov_len};
		m->len += iov[i].iov_len;
	}
	m->iov = bufs;
	m->iovcnt = cnt;
	m->namelen = write ? 0 : SOCK_ADDR_MAX;
	r = 0; /* an empty vector moves nothing, as Linux's vfs_writev */
	if (m->len)
		r = write ? socket_sigpipe(s, sock_sendmsg(s, m, fflags & O_NONBLOCK), 0)
			  : sock_recvmsg(s, m, fflags & O_NONBLOCK);
out:
	kfree(bufs);
	kfree(m);
	return r;
}

static ssize_t sockfile_read(struct inode *ino, uint64_t off, struct iobuf *b, unsigned flags)
{
	return sock_rw(ino, b, flags, false);
}

static ssize_t sockfile_write(struct inode *ino, uint64_t off, struct iobuf *b, unsigned flags)
{
	return socket_sigpipe(ino->priv, sock_rw(ino, b, flags, true), 0);
}

static unsigned sockfile_poll(struct inode *ino, unsigned events, unsigned flags,
			      struct poll_table *pt)
{
	struct socket *s = ino->priv;

	if (!s->ops->poll)
		return events & (POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM);
	return s->ops->poll(s, events, pt);
}

static long sockfile_ioctl(struct inode *ino, unsigned cmd, uint64_t arg)
{
	struct socket *s = ino->priv;

	if (ifconf_is_ioctl(cmd))
		return ifconf_ioctl(s, cmd, arg); /* every family's (ifioctl.c) */
	return s->ops->ioctl ? s->ops->ioctl(s, cmd, arg) : -ENOTTY;
}

static int sockfile_stat(struct inode *ino, struct vfs_stat *st)
{
	struct socket *s = ino->priv;

	st->mode = S_IFSOCK | 0777;
	st->nlink = 1;
	st->uid = s->uid;
	st->gid = s->gid;
	st->blksize = 4096;
	return 0;
}

static int sockfile_setattr(struct inode *ino, const struct vfs_setattr *a)
{
	struct socket *s = ino->priv;

	if (a->valid & VFS_SET_SIZE)
		return -EINVAL;
	if (a->valid & VFS_SET_UID)
		s->uid = a->uid;
	if (a->valid & VFS_SET_GID)
		s->gid = a->gid;
	return 0;
}

static void sockfile_release(struct inode *ino, unsigned flags)
{
	struct socket *s = ino->priv;

	if (s->ops->release)
		s->ops->release(s);
	socket_wake(s, 0);
}

/* open(2) of /proc/<pid>/fd/N naming a socket: ENXIO, as Linux. */
static int sockfile_open(struct inode *ino, unsigned flags)
{
	return -ENXIO;
}

static int sockfile_show_fdinfo(struct inode *ino, char *buf, size_t size)
{
	struct socket *s = ino->priv;

	return s->ops->show_fdinfo ? s->ops->show_fdinfo(s, buf, size) : 0;
}

static const struct file_ops socket_file_ops = {
	.open = sockfile_open,
	.read = sockfile_read,
	.write = sockfile_write,
	.ioctl = sockfile_ioctl,
	.poll = sockfile_poll,
	.stat = sockfile_stat,
	.setattr = sockfile_setattr,
	.release = sockfile_release,
	.show_fdinfo = sockfile_show_fdinfo,
};

static void sockfs_evict(struct inode *ino)
{
	kfree(ino->priv);
}

static int sockfs_statfs(struct vfs_sb *sb, struct vfs_statfs *st)
{
	*st = (struct vfs_statfs){.magic = SOCKFS_MAGIC, .bsize = st->bsize};
	return 0;
}

static const struct vfs_sb_ops sockfs_ops = {.evict = sockfs_evict, .statfs = sockfs_statfs};
static struct vfs_sb sockfs = {.ops = &sockfs_ops, .dev_id = SOCKFS_DEV};

struct socket *socket_of(struct file *f)
{
	struct inode *ino = f->inode;

	return ino->kind == INODE_FILE && ino->ops.file == &socket_file_ops ? ino->priv : NULL;
}

uint64_t socket_ino(const struct socket *s)
{
	return s->inode->ino;
}

ssize_t socket_sigpipe(struct socket *s, ssize_t r, unsigned flags)
{
	if (r == -EPIPE && s->type == SOCK_STREAM && !(flags & MSG_NOSIGNAL)) {
		struct process *p = current_process();
		struct ksiginfo si = {.code = SI_USER, .pid = p->pid, .uid = current_cred()->uid};

		signal_send(p, SIGPIPE, &si);
	}
	return r;
}

void socket_wake(struct socket *s, unsigned events)
{
	poll_wake(&s->wq, events);
}

static struct socket *socket_alloc(const struct proto_ops *ops, int type)
{
	static uint64_t next_ino = 1;
	struct socket *s = kzalloc(sizeof(*s));
	const struct cred *c = current_cred();

	if (!s)
		return NULL;
	s->ops = ops;
	s->family = ops->family;
	s->type = type;
	wq_init(&s->wq);
	s->sndbuf = s->rcvbuf = SOCK_DEFAULT_BUF;
	s->peek_off = -1;
	s->rcvlowat = 1;
	s->uid = c->fsuid;
	s->gid = c->fsgid;
	s->inode = inode_alloc(&sockfs, INODE_FILE, &socket_file_ops,
			       __atomic_fetch_add(&next_ino, 1, __ATOMIC_RELAXED));
	if (!s->inode) {
		kfree(s);
		return NULL;
	}
	s->inode->priv = s;
	return s;
}

int socket_create(int family, int type, int protocol, struct socket **out)
{
	const struct proto_ops *ops;
	struct socket *s;
	int err;

	if (family < 0 || family >= (int)(sizeof(families) / sizeof(families[0])) ||
	    !families[family])
		return -EAFNOSUPPORT;
	ops = families[family];
	s = socket_alloc(ops, type);
	if (!s)
		return -ENOMEM;
	s->protocol = protocol;
	err = ops->create(s, protocol);
	if (err) {
		s->priv = NULL;
		inode_put(s->inode);
		return err;
	}
	*out = s;
	return 0;
}

struct socket *socket_new_child(struct socket *parent)
{
	struct socket *s = socket_alloc(parent->ops, parent->type);

	if (s)
		s->protocol = parent->protocol;
	return s;
}

void socket_discard(struct socket *s)
{
	if (s->priv && s->ops->release)
		s->ops->release(s);
	inode_put(s->inode);
}

struct file *socket_file(struct socket *s, unsigned flags)
{
	struct file *f = file_new(s->inode, O_RDWR | (flags & O_NONBLOCK));

	if (f)
		WRITE_ONCE(s->file, f);
	return f;
}

void socket_send_sigurg(struct socket *s)
{
	struct file *f = READ_ONCE(s->file);
	int type, id;
	struct process *p;
	irqflags_t fl;

	if (!f)
		return;
	type = READ_ONCE(f->owner_type);
	id = READ_ONCE(f->owner_id);
	if (!id)
		return;
	fl = process_lock_tree();
	for_each_process(p)
	{
		bool hit = type == F_OWNER_PGRP ? p->pgid == id : p->pid == id;

		if (hit && p->state == PROC_ALIVE)
			(void)signal_send(p, SIGURG, NULL);
	}
	process_unlock_tree(fl);
}

uint64_t sock_deadline(const struct socket *s, bool send)
{
	uint64_t t = send ? READ_ONCE(s->sndtimeo_ns) : READ_ONCE(s->rcvtimeo_ns);

	return t ? time_ns() + t : 0;
}

/* ---- message data ---- */

/* Walk m's iobufs from its position: copy n bytes (put: into them). */
static int msg_walk(struct sock_msg *m, void *kbuf, size_t n, bool put)
{
	size_t pos = m->done, base = 0;

	for (unsigned long i = 0; i < m->iovcnt && n; i++) {
		struct iobuf *b = &m->iov[i];
		size_t at, k;
		int err;

		if (pos >= base + b->len) {
			base += b->len;
			continue;
		}
		at = pos - base;
		k = MIN(n, b->len - at);
		err = put ? vfs_iobuf_put(b, at, kbuf, k) : vfs_iobuf_get(b, at, kbuf, k);
		if (err)
			return err;
		kbuf = (uint8_t *)kbuf + k;
		n -= k;
		pos += k;
		m->done += k;
		base += b->len;
	}
	return 0;
}

int sock_msg_get(struct sock_msg *m, void *dst, size_t n)
{
	return msg_walk(m, dst, n, false);
}

int sock_msg_put(struct sock_msg *m, const void *src, size_t n)
{
	return msg_walk(m, (void *)src, n, true);
}

void sock_msg_put_cmsg(struct sock_msg *m, int level, int type, const void *data, size_t len)
{
	size_t room = m->controllen - m->control_used, cmlen = CMSG_LEN_K(len), adv;
	struct cmsghdr_k h;

	if (!m->control || room < sizeof(h)) {
		m->out_flags |= MSG_CTRUNC;
		return;
	}
	if (room < cmlen) {
		m->out_flags |= MSG_CTRUNC;
		cmlen = room;
	}
	h = (struct cmsghdr_k){.cmsg_len = cmlen, .cmsg_level = level, .cmsg_type = type};
	memcpy(m->control + m->control_used, &h, sizeof(h));
	memcpy(m->control + m->control_used + sizeof(h), data, cmlen - sizeof(h));
	adv = MIN(CMSG_SPACE_K(len), room);
	m->control_used += adv;
}

/* ---- the dispatch wrappers ---- */

int sock_bind(struct socket *s, const void *addr, int len)
{
	return s->ops->bind ? s->ops->bind(s, addr, len) : -EOPNOTSUPP;
}

int sock_connect(struct socket *s, const void *addr, int len, bool nonblock)
{
	return s->ops->connect ? s->ops->connect(s, addr, len, nonblock) : -EOPNOTSUPP;
}

int sock_listen(struct socket *s, int backlog)
{
	return s->ops->listen ? s->ops->listen(s, backlog) : -EOPNOTSUPP;
}

int sock_accept(struct socket *s, struct socket *ns, bool nonblock)
{
	return s->ops->accept ? s->ops->accept(s, ns, nonblock) : -EOPNOTSUPP;
}

ssize_t sock_sendmsg(struct socket *s, struct sock_msg *m, bool nonblock)
{
	return s->ops->sendmsg ? s->ops->sendmsg(s, m, nonblock || (m->flags & MSG_DONTWAIT))
			       : -EOPNOTSUPP;
}

ssize_t sock_recvmsg(struct socket *s, struct sock_msg *m, bool nonblock)
{
	return s->ops->recvmsg ? s->ops->recvmsg(s, m, nonblock || (m->flags & MSG_DONTWAIT))
			       : -EOPNOTSUPP;
}

int sock_shutdown(struct socket *s, int how)
{
	if (how < SHUT_RD || how > SHUT_RDWR)
		return -EINVAL;
	return s->ops->shutdown ? s->ops->shutdown(s, how) : -EOPNOTSUPP;
}

int sock_getname(struct socket *s, void *addr, bool peer)
{
	return s->ops->getname ? s->ops->getname(s, addr, peer) : -EOPNOTSUPP;
}

int sock_socketpair(struct socket *a, struct socket *b)
{
	return a->ops->socketpair ? a->ops->socketpair(a, b) : -EOPNOTSUPP;
}

int sock_peergroups(struct socket *s, struct group_list **out)
{
	return s->ops->peergroups ? s->ops->peergroups(s, out) : -ENODATA;
}

/* Linux's sock_setsockopt buffer rule: doubled, at most twice the max,
 * at least the floor. */
static int buf_size(int v, int floor)
{
	int64_t d = (int64_t)MIN((uint32_t)v, (uint32_t)SOCK_MAX_BUF) * 2;

	return (int)MAX(d, (int64_t)floor);
}

static int timeo_set(uint64_t *out, const void *val, unsigned len)
{
	struct __kernel_old_timeval tv;

	if (len < sizeof(tv))
		return -EINVAL;
	memcpy(&tv, val, sizeof(tv));
	if (tv.tv_usec < 0 || tv.tv_usec >= 1000000)
		return -EDOM;
	if (tv.tv_sec < 0) {
		*out = 0; /* Linux: a negative time means no wait at all ... as never timing out */
		return 0;
	}
	*out = (uint64_t)tv.tv_sec * 1000000000ull + (uint64_t)tv.tv_usec * 1000ull;
	return 0;
}

static int int_opt(const void *val, unsigned len, int *out)
{
	if (len < sizeof(int))
		return -EINVAL;
	memcpy(out, val, sizeof(int));
	return 0;
}

/* SO_BINDTOIFINDEX, and SO_BINDTODEVICE once the name is an index (Linux
 * 6.1's sock_bindtoindex_locked): anyone may bind an unbound socket, a
 * change needs CAP_NET_RAW; the index is not checked (a missing device
 * fails the socket's sends with ENODEV). */
static int sock_bind_dev(struct socket *s, int ifindex)
{
	int err;

	if (s->bound_dev_if && !capable(CAP_NET_RAW))
		return -EPERM;
	if (ifindex < 0)
		return -EINVAL;
	err = s->ops->bind_dev ? s->ops->bind_dev(s, ifindex) : 0;
	if (!err)
		WRITE_ONCE(s->bound_dev_if, ifindex);
	return err;
}

/* SO_BINDTODEVICE: a name of at most IFNAMSIZ-1 bytes (longer ones are
 * cut there); "" or a length of 0 unbinds; ENODEV for no such device. */
static int sock_bind_dev_name(struct socket *s, const void *val, unsigned len)
{
	char name[IFNAMSIZ] = "";
	struct net_device *dev;

	memcpy(name, val, MIN(len, (unsigned)IFNAMSIZ - 1));
	if (!name[0])
		return sock_bind_dev(s, 0);
	dev = netdev_by_name(name);
	return dev ? sock_bind_dev(s, dev->ifindex) : -ENODEV;
}

/* getsockopt(SO_BINDTODEVICE): the name and its NUL, "" with length 0
 * when unbound, EINVAL for a buffer under IFNAMSIZ, ENODEV if the
 * device is gone. */
static int sock_get_dev_name(struct socket *s, void *val, unsigned *len)
{
	int ifindex = READ_ONCE(s->bound_dev_if);
	struct net_device *dev;

	if (!ifindex) {
		*len = 0;
		return 0;
	}
	if (*len < IFNAMSIZ)
		return -EINVAL;
	dev = netdev_by_index(ifindex);
	if (!dev)
		return -ENODEV;
	*len = (unsigned)strnlen(dev->name, IFNAMSIZ - 1) + 1;
	memcpy(val, dev->name, *len - 1);
	((char *)val)[*len - 1] = 0;
	return 0;
}

int sock_setsockopt(struct socket *s, int level, int name, const void *val, unsigned len)
{
	int v = 0, err;

	if (level != SOL_SOCKET)
		return s->ops->setsockopt ? s->ops->setsockopt(s, level, name, val, len)
					  : -ENOPROTOOPT;
	switch (name) {
	case SO_RCVTIMEO_OLD:
		return timeo_set(&s->rcvtimeo_ns, val, len);
	case SO_SNDTIMEO_OLD:
		return timeo_set(&s->sndtimeo_ns, val, len);
	case SO_LINGER: {
		struct linger_k l;

		if (len < sizeof(l))
			return -EINVAL;
		memcpy(&l, val, sizeof(l));
		s->linger_on = l.l_onoff != 0;
		s->linger_secs = l.l_linger;
		return 0;
	}
	case SO_BINDTODEVICE:
		return sock_bind_dev_name(s, val, len);
	}
	err = int_opt(val, len, &v);
	if (err)
		return err;
	switch (name) {
	case SO_DONTROUTE:
		s->dontroute = v != 0;
		return 0;
	case SO_BINDTOIFINDEX:
		return sock_bind_dev(s, v);
	case SO_REUSEPORT:
		/* Linux: only the IP families balance a port between sockets */
		if (v && s->family != AF_INET && s->family != AF_INET6)
			return -EOPNOTSUPP;
		s->reuseport = v != 0;
		return 0;
	case SO_PRIORITY:
		if ((v < 0 || v > 6) && !capable(CAP_NET_RAW) && !capable(CAP_NET_ADMIN))
			return -EPERM;
		s->priority = v;
		return 0;
	case SO_MARK:
		if (!capable(CAP_NET_RAW) && !capable(CAP_NET_ADMIN))
			return -EPERM;
		s->mark = (uint32_t)v;
		return 0;
	case SO_RCVLOWAT:
		WRITE_ONCE(s->rcvlowat, v < 0 ? 0x7fffffff : (v ? v : 1));
		return 0;
	case SO_SNDLOWAT: /* fixed at 1 on Linux */
		return -ENOPROTOOPT;
	case SO_SNDBUF:
	case SO_SNDBUFFORCE:
		WRITE_ONCE(s->sndbuf, buf_size(v, SOCK_MIN_SNDBUF));
		if (s->ops->setsockopt) /* TCP sizes its windows in the stack */
			(void)s->ops->setsockopt(s, level, name, val, len);
		socket_wake(s, 0);
		return 0;
	case SO_RCVBUF:
	case SO_RCVBUFFORCE:
		WRITE_ONCE(s->rcvbuf, buf_size(v, SOCK_MIN_RCVBUF));
		if (s->ops->setsockopt)
			(void)s->ops->setsockopt(s, level, name, val, len);
		return 0;
	case SO_REUSEADDR:
		s->reuseaddr = v != 0;
		return 0;
	case SO_KEEPALIVE:
		s->keepalive = v != 0;
		if (s->ops->setsockopt) /* TCP's keepalive lives in the stack */
			(void)s->ops->setsockopt(s, level, name, val, len);
		return 0;
	case SO_BROADCAST:
		s->broadcast = v != 0;
		return 0;
	case SO_PASSCRED:
		WRITE_ONCE(s->passcred, v != 0);
		return 0;
	case SO_DEBUG:
		if (v && !capable(CAP_NET_ADMIN))
			return -EACCES;
		s->debug = v != 0;
		return 0;
	case SO_OOBINLINE:
		WRITE_ONCE(s->oobinline, v != 0);
		return 0;
	case SO_TYPE:
	case SO_PROTOCOL:
	case SO_DOMAIN:
	case SO_ERROR:
	case SO_ACCEPTCONN:
	case SO_PEERCRED:
		return -ENOPROTOOPT;
	}
	return s->ops->setsockopt ? s->ops->setsockopt(s, level, name, val, len) : -ENOPROTOOPT;
}

/* Copy the option value out, as Linux: at most *len bytes, *len = what
 * was copied. */
static int opt_out(void *val, unsigned *len, const void *v, unsigned n)
{
	n = MIN(n, *len);
	memcpy(val, v, n);
	*len = n;
	return 0;
}

int sock_getsockopt(struct socket *s, int level, int name, void *val, unsigned *len)
{
	int v;

	if (level != SOL_SOCKET)
		return s->ops->getsockopt ? s->ops->getsockopt(s, level, name, val, len)
					  : -EOPNOTSUPP;
	switch (name) {
	case SO_DONTROUTE:
		v = s->dontroute;
		break;
	case SO_REUSEPORT:
		v = s->reuseport;
		break;
	case SO_PRIORITY:
		v = s->priority;
		break;
	case SO_MARK:
		v = (int)s->mark;
		break;
	case SO_RCVLOWAT:
		v = READ_ONCE(s->rcvlowat);
		break;
	case SO_SNDLOWAT:
		v = 1;
		break;
	case SO_BINDTODEVICE:
		return sock_get_dev_name(s, val, len);
	case SO_BINDTOIFINDEX:
		v = READ_ONCE(s->bound_dev_if);
		break;
	case SO_TYPE:
		v = s->type;
		break;
	case SO_DOMAIN:
		v = s->family;
		break;
	case SO_PROTOCOL:
		v = s->protocol;
		break;
	case SO_SNDBUF:
		v = READ_ONCE(s->sndbuf);
		break;
	case SO_RCVBUF:
		v = READ_ONCE(s->rcvbuf);
		break;
	case SO_REUSEADDR:
		v = s->reuseaddr;
		break;
	case SO_KEEPALIVE:
		v = s->keepalive;
		break;
	case SO_BROADCAST:
		v = s->broadcast;
		break;
	case SO_PASSCRED:
		v = READ_ONCE(s->passcred);
		break;
	case SO_DEBUG:
		v = s->debug;
		break;
	case SO_OOBINLINE:
		v = READ_ONCE(s->oobinline);
		break;
	case SO_LINGER: {
		struct linger_k l = {.l_onoff = s->linger_on, .l_linger = s->linger_secs};

		return opt_out(val, len, &l, sizeof(l));
	}
	case SO_RCVTIMEO_OLD:
	case SO_SNDTIMEO_OLD: {
		uint64_t ns = name == SO_RCVTIMEO_OLD ? s->rcvtimeo_ns : s->sndtimeo_ns;
		struct __kernel_old_timeval tv = {.tv_sec = (long)(ns / 1000000000ull),
						  .tv_usec = (long)(ns % 1000000000ull / 1000)};

		return opt_out(val, len, &tv, sizeof(tv));
	}
	default:
		return s->ops->getsockopt ? s->ops->getsockopt(s, level, name, val, len)
					  : -ENOPROTOOPT;
	}
	return opt_out(val, len, &v, sizeof(v));
}
