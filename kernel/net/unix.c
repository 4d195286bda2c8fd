/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * AF_UNIX sockets (kernel/net/unix.h): SOCK_STREAM, SOCK_DGRAM (SOCK_RAW
 * becomes it, as on Linux) and SOCK_SEQPACKET.  This file holds names
 * (a socket node bind() creates, with the write permission connect()
 * needs; abstract names with a leading NUL, per type; autobind's
 * "\0XXXXX"), connection set-up (listen's backlog, connect's embryo,
 * accept), shutdown, readiness, the family's options and ioctls,
 * release, and /proc/net/unix.  Sending and receiving are unix_msg.c.
 */
#include <klib/errno.h>
#include <klib/printf.h>
#include <klib/string.h>
#include <linux/poll.h>
#include <linux/stat.h>
#include <linux/sockios.h>
#include <asm/ioctls.h>
#include <asm/socket.h>
#include <platform/kmalloc.h>
#include <platform/usercopy.h>
#include <kernel/cred.h>
#include <kernel/dac.h>
#include <kernel/perm.h>
#include <kernel/file.h>
#include <kernel/path.h>
#include <kernel/poll.h>
#include <kernel/process.h>
#include <kernel/vfs.h>
#include "unix.h"

struct mutex unix_table = MUTEX_INIT(unix_table, "unix_table");
static LIST_HEAD(unix_all); /* every unix_sock with a socket or an embryo (unix_table) */

struct unix_sock *unix_sk(struct socket *s)
{
	return s->priv;
}

void unix_get(struct unix_sock *u)
{
	__atomic_add_fetch(&u->refs, 1, __ATOMIC_RELAXED);
}

void unix_put(struct unix_sock *u)
{
	if (!u || __atomic_sub_fetch(&u->refs, 1, __ATOMIC_ACQ_REL))
		return;
	if (!list_empty(&u->all_link)) { /* an embryo that never got a socket */
		mutex_lock(&unix_table);
		list_del(&u->all_link);
		mutex_unlock(&unix_table);
	}
	inode_put(u->node);
	groups_put(u->peergroups);
	kfree(u);
}

int unix_sndbuf(struct unix_sock *u)
{
	struct socket *s = READ_ONCE(u->sock);

	return s ? READ_ONCE(s->sndbuf) : SOCK_DEFAULT_BUF;
}

uint64_t unix_deadline(struct unix_sock *u, bool send)
{
	struct socket *s = READ_ONCE(u->sock);

	return s ? sock_deadline(s, send) : 0;
}

static struct ucred_k current_ucred(void)
{
	const struct cred *c = current_cred();

	return (struct ucred_k){.pid = current_process()->pid, .uid = c->euid, .gid = c->egid};
}

/* What SO_PEERCRED and SO_PEERGROUPS report on u from now on (the
 * connector's, listener's or creator's credential at that moment).
 * u->lock held, or u not yet visible to anyone else. */
static void set_peercred(struct unix_sock *u, struct ucred_k c, struct group_list *g)
{
	groups_put(u->peergroups);
	u->peergroups = groups_get(g);
	u->peercred = c;
	u->has_peercred = true;
}

static struct unix_sock *unix_new(int type)
{
	struct unix_sock *u = kzalloc(sizeof(*u));

	if (!u)
		return NULL;
	mutex_init(&u->lock, "unix");
	wq_init(&u->wq);
	list_init(&u->queue);
	list_init(&u->inflight_link);
	list_init(&u->gc_link);
	list_init(&u->gc_work);
	u->refs = 1;
	u->type = type;
	mutex_lock(&unix_table);
	list_add_tail(&u->all_link, &unix_all);
	mutex_unlock(&unix_table);
	return u;
}

static int unix_create(struct socket *s, int protocol)
{
	struct unix_sock *u;

	if (protocol && protocol != AF_UNIX)
		return -EPROTONOSUPPORT;
	if (s->type == SOCK_RAW)
		s->type = SOCK_DGRAM;
	if (s->type != SOCK_STREAM && s->type != SOCK_DGRAM && s->type != SOCK_SEQPACKET)
		return -ESOCKTNOSUPPORT;
	u = unix_new(s->type);
	if (!u)
		return -ENOMEM;
	u->sock = s;
	s->priv = u;
	return 0;
}

static bool connection(const struct unix_sock *u)
{
	return u->type != SOCK_DGRAM;
}

/* Wake u's sleepers and pollers. */
static void unix_wake(struct unix_sock *u, unsigned events)
{
	poll_wake(&u->wq, events);
}

/* ---- names ---- */

int unix_validate(const void *addr, int len)
{
	uint16_t family;

	if (len <= UNIX_PATH_OFF || len > UNIX_ADDR_MAX)
		return -EINVAL;
	memcpy(&family, addr, sizeof(family));
	return family == AF_UNIX ? 0 : -EINVAL;
}

/* The abstract name (unix_table held) bound by a socket of `type`. */
static struct unix_sock *find_abstract(const void *addr, int len, int type)
{
	struct unix_sock *u;

	list_for_each_entry (u, &unix_all, all_link)
		if (u->addrlen == len && u->type == type && !u->node &&
		    !memcmp(u->addr, addr, (size_t)len))
			return u;
	return NULL;
}

/* The socket bound to the node (unix_table held). */
static struct unix_sock *find_node(uint64_t dev, uint64_t ino)
{
	struct unix_sock *u;

	list_for_each_entry (u, &unix_all, all_link)
		if (u->node && u->node_dev == dev && u->node_ino == ino)
			return u;
	return NULL;
}

/* The NUL-terminated path of a filesystem address (kmalloc()ed). */
static char *addr_path(const void *addr, int len)
{
	size_t n = (size_t)len - UNIX_PATH_OFF;
	char *p = kzalloc(n + 1);

	if (p) {
		memcpy(p, (const uint8_t *)addr + UNIX_PATH_OFF, n);
		p[n] = 0;
	}
	return p;
}

int unix_find(const void *addr, int len, int type, struct unix_sock **out)
{
	const uint8_t *a = addr;
	struct path_component *root, *cwd;
	struct unix_sock *u;
	struct inode *ino;
	struct vfs_stat st;
	char *path;
	int err;

	if (!a[UNIX_PATH_OFF]) {
		mutex_lock(&unix_table);
		u = find_abstract(addr, len, type);
		if (u)
			unix_get(u);
		mutex_unlock(&unix_table);
		*out = u;
		return u ? 0 : -ECONNREFUSED;
	}
	path = addr_path(addr, len);
	if (!path)
		return -ENOMEM;
	process_fs_get(&root, &cwd);
	err = vfs_lookup_inode(root, cwd, path, RESOLVE_FOLLOW, &ino);
	path_put(root);
	path_put(cwd);
	kfree(path);
	if (err)
		return err;
	err = inode_permission(ino, MAY_WRITE);
	if (!err)
		err = vfs_stat(ino, &st);
	if (!err && !S_ISSOCK(st.mode))
		err = -ECONNREFUSED;
	if (!err) {
		mutex_lock(&unix_table);
		u = find_node(ino->sb ? ino->sb->dev_id : 0, ino->ino);
		if (!u)
			err = -ECONNREFUSED;
		else if (u->type != type)
			err = -EPROTOTYPE;
		else
			unix_get(u);
		mutex_unlock(&unix_table);
		if (!err)
			*out = u;
	}
	inode_put(ino);
	return err;
}

int unix_autobind(struct unix_sock *u)
{
	static unsigned next = 0;
	uint8_t a[8] = {AF_UNIX, 0, 0};
	int err = -ENOSPC;

	mutex_lock(&unix_table);
	if (u->addrlen) {
		err = 0;
		goto out;
	}
	for (unsigned tries = 0; tries < 0x100000; tries++) {
		char hex[8];

		snprintf(hex, sizeof(hex), "%05x", next++ & 0xfffff);
		memcpy(a + 3, hex, 5);
		if (!find_abstract(a, 8, u->type)) {
			memcpy(u->addr, a, 8);
			WRITE_ONCE(u->addrlen, 8);
			err = 0;
			break;
		}
	}
out:
	mutex_unlock(&unix_table);
	return err;
}

/* bind(2) to a filesystem name: make the socket node, then take it. */
static int bind_path(struct unix_sock *u, const void *addr, int len)
{
	struct path_component *root, *cwd, *dir;
	const char *name;
	size_t nlen;
	struct inode *node = NULL;
	char *path = addr_path(addr, len);
	int err;

	if (!path)
		return -ENOMEM;
	process_fs_get(&root, &cwd);
	err = vfs_resolve_parent(root, cwd, path, &dir, &name, &nlen);
	path_put(root);
	path_put(cwd);
	if (err)
		goto out_free;
	if (!nlen) {
		err = -EEXIST;
	} else {
		err = vfs_lookup(dir->inode, name, nlen, &node);
		if (!err)
			err = -EEXIST;
		else if (err == -ENOENT)
			err = vfs_mknod(dir->inode, name, nlen,
					S_IFSOCK | (0777 & ~process_fs_umask()), 0, &node);
	}
	if (err == -EEXIST)
		err = -EADDRINUSE;
	if (err)
		goto out_put_dir;
	mutex_lock(&unix_table);
	if (u->addrlen) {
		mutex_unlock(&unix_table);
		(void)vfs_unlink(dir->inode, name, nlen);
		err = -EINVAL;
		goto out_put_dir;
	}
	u->node = node;
	u->node_dev = node->sb ? node->sb->dev_id : 0;
	u->node_ino = node->ino;
	node = NULL;
	memcpy(u->addr, addr, (size_t)len);
	WRITE_ONCE(u->addrlen, (int)(UNIX_PATH_OFF + strlen(path) + 1));
	mutex_unlock(&unix_table);
out_put_dir:
	if (node)
		inode_put(node);
	path_put(dir);
out_free:
	kfree(path);
	return err;
}

static int unix_bind(struct socket *s, const void *addr, int len)
{
	struct unix_sock *u = unix_sk(s);
	const uint8_t *a = addr;
	uint16_t family = AF_UNSPEC;
	int err;

	if (len >= (int)sizeof(family))
		memcpy(&family, addr, sizeof(family));
	if (len == UNIX_PATH_OFF && family == AF_UNIX)
		return unix_autobind(u); /* 0 if already bound, as Linux */
	err = unix_validate(addr, len);
	if (err)
		return err;
	if (a[UNIX_PATH_OFF])
		return bind_path(u, addr, len);
	mutex_lock(&unix_table);
	if (u->addrlen) {
		err = -EINVAL;
	} else if (find_abstract(addr, len, u->type)) {
		err = -EADDRINUSE;
	} else {
		memcpy(u->addr, addr, (size_t)len);
		WRITE_ONCE(u->addrlen, len);
	}
	mutex_unlock(&unix_table);
	return err;
}

static int unix_getname(struct socket *s, void *addr, bool peer)
{
	struct unix_sock *u = unix_sk(s), *from = u;
	int len = UNIX_PATH_OFF;
	uint16_t family = AF_UNIX;

	mutex_lock(&u->lock);
	if (peer) {
		from = u->peer;
		if (!from || (connection(u) && u->state != UNIX_CONNECTED)) {
			mutex_unlock(&u->lock);
			return -ENOTCONN;
		}
	}
	mutex_lock(&unix_table);
	if (from->addrlen) {
		len = from->addrlen;
		memcpy(addr, from->addr, (size_t)len);
	} else {
		memcpy(addr, &family, sizeof(family));
	}
	mutex_unlock(&unix_table);
	mutex_unlock(&u->lock);
	return len;
}

/* ---- connections ---- */

static int unix_listen(struct socket *s, int backlog)
{
	struct unix_sock *u = unix_sk(s);
	int err = 0;

	if (!connection(u))
		return -EOPNOTSUPP;
	if ((unsigned)backlog > UNIX_SOMAXCONN)
		backlog = UNIX_SOMAXCONN;
	if (!READ_ONCE(u->addrlen))
		return -EINVAL;
	mutex_lock(&u->lock);
	if (u->state != UNIX_UNCONNECTED && u->state != UNIX_LISTENING) {
		err = -EINVAL;
	} else {
		u->backlog = backlog;
		u->state = UNIX_LISTENING;
		set_peercred(u, current_ucred(), current_cred()->groups);
	}
	mutex_unlock(&u->lock);
	unix_wake(u, 0); /* a larger backlog lets waiting connectors in */
	return err;
}

/* The listener's and the connector's locks, in address order (connect
 * is the only place two socket locks are held; u == l connects to
 * itself, which a listener refuses). */
static void lock_pair(struct unix_sock *l, struct unix_sock *u)
{
	if (l == u) {
		mutex_lock(&l->lock);
	} else if (l < u) {
		mutex_lock(&l->lock);
		mutex_lock(&u->lock);
	} else {
		mutex_lock(&u->lock);
		mutex_lock(&l->lock);
	}
}

static void unlock_pair(struct unix_sock *l, struct unix_sock *u)
{
	mutex_unlock(&l->lock);
	if (l != u)
		mutex_unlock(&u->lock);
}

/* Connectors waiting for room in a listener's queue. */
static long listener_room(void *arg)
{
	struct unix_sock *l = arg;

	return READ_ONCE(l->qlen) <= (unsigned)READ_ONCE(l->backlog) ||
	       READ_ONCE(l->state) != UNIX_LISTENING || READ_ONCE(l->dead);
}

/* The socket a connect names, *out with a reference: the name checked,
 * and the caller autobound first when it passes credentials (as Linux,
 * so the peer sees its address). */
static int find_peer(struct unix_sock *u, const void *addr, int len, struct unix_sock **out)
{
	int err = unix_validate(addr, len);

	if (err)
		return err;
	if (u->sock && READ_ONCE(u->sock->passcred) && !READ_ONCE(u->addrlen)) {
		err = unix_autobind(u);
		if (err)
			return err;
	}
	return unix_find(addr, len, u->type, out);
}

static int stream_connect(struct unix_sock *u, const void *addr, int len, bool nonblock)
{
	struct unix_sock *l, *e;
	struct unix_skb *skb;
	int err;

	err = find_peer(u, addr, len, &l);
	if (err)
		return err;
	e = unix_new(u->type);
	skb = kzalloc(UNIX_SKB_HDR);
	if (!e || !skb) {
		err = -ENOMEM;
		goto out;
	}
	for (;;) {
		long r;

		lock_pair(l, u);
		if (l->dead || l->state != UNIX_LISTENING || (l->shut & SOCK_RCV_SHUTDOWN)) {
			err = -ECONNREFUSED;
			break;
		}
		if (l->qlen <= (unsigned)l->backlog)
			break;
		unlock_pair(l, u);
		if (nonblock) {
			err = -EAGAIN;
			goto out;
		}
		r = wq_sleep_signalable_deadline(&l->wq, listener_room, l, unix_deadline(u, true));
		if (r < 0) {
			err = r == -ETIMEDOUT ? -EAGAIN : (int)r;
			goto out;
		}
	}
	if (!err && u->state != UNIX_UNCONNECTED)
		err = u->state == UNIX_CONNECTED ? -EISCONN : -EINVAL;
	if (err) {
		unlock_pair(l, u);
		goto out;
	}
	/* both locked: set up both ends, then queue the embryo */
	mutex_lock(&unix_table);
	memcpy(e->addr, l->addr, (size_t)l->addrlen);
	e->addrlen = l->addrlen;
	mutex_unlock(&unix_table);
	e->state = UNIX_CONNECTED;
	set_peercred(e, current_ucred(), current_cred()->groups);
	unix_get(u);
	e->peer = u;
	unix_get(e);
	u->peer = e;
	set_peercred(u, l->peercred, l->peergroups);
	WRITE_ONCE(u->state, UNIX_CONNECTED);
	skb->embryo = e;
	e = NULL;
	list_add_tail(&skb->link, &l->queue);
	WRITE_ONCE(l->qlen, l->qlen + 1);
	skb = NULL;
	unlock_pair(l, u);
	unix_wake(l, POLLIN | POLLRDNORM);
	unix_wake(u, POLLOUT);
out:
	kfree(skb);
	unix_put(e);
	unix_put(l);
	return err;
}

/* A datagram socket's connect: a default destination (AF_UNSPEC: none). */
static int dgram_connect(struct unix_sock *u, const void *addr, int len)
{
	struct unix_sock *to = NULL, *old;
	uint16_t family;
	int err;

	if (len < (int)sizeof(family))
		return -EINVAL;
	memcpy(&family, addr, sizeof(family));
	if (family != AF_UNSPEC) {
		err = find_peer(u, addr, len, &to);
		if (err)
			return err;
	}
	mutex_lock(&u->lock);
	old = u->peer;
	u->peer = to;
	WRITE_ONCE(u->state, to ? UNIX_CONNECTED : UNIX_UNCONNECTED);
	mutex_unlock(&u->lock);
	unix_put(old);
	unix_wake(u, 0);
	return 0;
}

static int unix_connect(struct socket *s, const void *addr, int len, bool nonblock)
{
	struct unix_sock *u = unix_sk(s);

	return connection(u) ? stream_connect(u, addr, len, nonblock) : dgram_connect(u, addr, len);
}

static long has_entry(void *arg)
{
	struct unix_sock *u = arg;

	return READ_ONCE(u->qlen) || READ_ONCE(u->state) != UNIX_LISTENING;
}

static int unix_accept(struct socket *s, struct socket *ns, bool nonblock)
{
	struct unix_sock *l = unix_sk(s), *e;
	struct unix_skb *skb;
	long r;

	if (!connection(l))
		return -EOPNOTSUPP;
	for (;;) {
		mutex_lock(&l->lock);
		if (l->state != UNIX_LISTENING) {
			mutex_unlock(&l->lock);
			return -EINVAL;
		}
		if (l->qlen)
			break;
		mutex_unlock(&l->lock);
		if (nonblock)
			return -EAGAIN;
		r = wq_sleep_signalable_deadline(&l->wq, has_entry, l, unix_deadline(l, false));
		if (r < 0)
			return r == -ETIMEDOUT ? -EAGAIN : (int)r;
	}
	skb = list_first_entry(&l->queue, struct unix_skb, link);
	list_del(&skb->link);
	WRITE_ONCE(l->qlen, l->qlen - 1);
	mutex_unlock(&l->lock);
	unix_wake(l, POLLOUT); /* room for a waiting connector */
	e = skb->embryo;
	kfree(skb);
	mutex_lock(&e->lock);
	e->sock = ns;
	mutex_unlock(&e->lock);
	ns->priv = e; /* the queue's reference becomes the socket's */
	return 0;
}

static int unix_socketpair(struct socket *a, struct socket *b)
{
	struct unix_sock *ua = unix_sk(a), *ub = unix_sk(b);
	struct ucred_k c = current_ucred();

	unix_get(ub);
	ua->peer = ub;
	unix_get(ua);
	ub->peer = ua;
	ua->state = ub->state = UNIX_CONNECTED;
	set_peercred(ua, c, current_cred()->groups);
	set_peercred(ub, c, current_cred()->groups);
	return 0;
}

static int unix_shutdown(struct socket *s, int how)
{
	struct unix_sock *u = unix_sk(s), *p;
	unsigned mode = (unsigned)how + 1, pmode = 0;

	mutex_lock(&u->lock);
	WRITE_ONCE(u->shut, u->shut | mode);
	p = u->peer;
	if (p)
		unix_get(p);
	mutex_unlock(&u->lock);
	unix_wake(u, 0);
	if (p && connection(u)) {
		if (mode & SOCK_RCV_SHUTDOWN)
			pmode |= SOCK_SEND_SHUTDOWN;
		if (mode & SOCK_SEND_SHUTDOWN)
			pmode |= SOCK_RCV_SHUTDOWN;
		mutex_lock(&p->lock);
		WRITE_ONCE(p->shut, p->shut | pmode);
		mutex_unlock(&p->lock);
		unix_wake(p, 0);
	}
	unix_put(p);
	return 0;
}

/* ---- readiness ---- */

static bool writable(struct unix_sock *u)
{
	return READ_ONCE(u->state) != UNIX_LISTENING &&
	       (__atomic_load_n(&u->wmem, __ATOMIC_RELAXED) << 2) <= (size_t)unix_sndbuf(u);
}

static unsigned unix_poll(struct socket *s, unsigned events, struct poll_table *pt)
{
	struct unix_sock *u = unix_sk(s), *p;
	unsigned mask = 0, shut;

	poll_wait(pt, &u->wq);
	shut = READ_ONCE(u->shut);
	if (READ_ONCE(u->err))
		mask |= POLLERR;
	if (shut == (SOCK_RCV_SHUTDOWN | SOCK_SEND_SHUTDOWN))
		mask |= POLLHUP;
	if (shut & SOCK_RCV_SHUTDOWN)
		mask |= POLLRDHUP | POLLIN | POLLRDNORM;
	if (READ_ONCE(u->qlen))
		mask |= POLLIN | POLLRDNORM;
	if (unix_oob_pending(u))
		mask |= POLLPRI;
	if (connection(u) && READ_ONCE(u->state) == UNIX_UNCONNECTED)
		mask |= POLLHUP;
	if (!connection(u)) {
		mutex_lock(&u->lock);
		p = u->peer;
		if (p)
			unix_get(p);
		mutex_unlock(&u->lock);
		if (p) {
			/* a connected datagram socket is writable while the
			 * receiver's queue has room */
			poll_wait(pt, &p->wq);
			if (READ_ONCE(p->qlen) > UNIX_DGRAM_QLEN && READ_ONCE(p->peer) != u) {
				unix_put(p);
				return mask & (events | POLLERR | POLLHUP);
			}
			unix_put(p);
		}
	}
	if (writable(u))
		mask |= POLLOUT | POLLWRNORM | POLLWRBAND;
	return mask & (events | POLLERR | POLLHUP);
}

/* ---- options and ioctls ---- */

static int unix_setsockopt(struct socket *s, int level, int name, const void *val, unsigned len)
{
	struct unix_sock *u = unix_sk(s);
	int v;

	if (level != SOL_SOCKET)
		return -EOPNOTSUPP;
	if (name != SO_PEEK_OFF)
		return -ENOPROTOOPT;
	if (len < sizeof(v))
		return -EINVAL;
	memcpy(&v, val, sizeof(v));
	mutex_lock(&u->lock);
	s->peek_off = v;
	mutex_unlock(&u->lock);
	return 0;
}

static int unix_getsockopt(struct socket *s, int level, int name, void *val, unsigned *len)
{
	struct unix_sock *u = unix_sk(s);
	int v;

	if (level != SOL_SOCKET)
		return -EOPNOTSUPP;
	switch (name) {
	case SO_PEERCRED: {
		struct ucred_k c = {.pid = 0, .uid = 65534, .gid = 65534};

		mutex_lock(&u->lock);
		if (u->has_peercred)
			c = u->peercred;
		mutex_unlock(&u->lock);
		*len = MIN(*len, (unsigned)sizeof(c));
		memcpy(val, &c, *len);
		return 0;
	}
	case SO_ACCEPTCONN:
		v = READ_ONCE(u->state) == UNIX_LISTENING;
		break;
	case SO_ERROR:
		mutex_lock(&u->lock);
		v = u->err;
		u->err = 0;
		mutex_unlock(&u->lock);
		break;
	case SO_PEEK_OFF:
		v = READ_ONCE(s->peek_off);
		break;
	default:
		return -ENOPROTOOPT;
	}
	*len = MIN(*len, (unsigned)sizeof(v));
	memcpy(val, &v, *len);
	return 0;
}

static int unix_peergroups(struct socket *s, struct group_list **out)
{
	struct unix_sock *u = unix_sk(s);
	int err = -ENODATA;

	mutex_lock(&u->lock);
	if (u->has_peercred) {
		*out = groups_get(u->peergroups);
		err = 0;
	}
	mutex_unlock(&u->lock);
	return err;
}

static long unix_ioctl(struct socket *s, unsigned cmd, uint64_t arg)
{
	struct unix_sock *u = unix_sk(s);
	struct unix_skb *skb;
	int n = 0;

	switch (cmd) {
	case SIOCINQ:
		mutex_lock(&u->lock);
		if (u->state == UNIX_LISTENING) {
			mutex_unlock(&u->lock);
			return -EINVAL;
		}
		list_for_each_entry (skb, &u->queue, link) {
			n += (int)(skb->len - skb->off);
			if (!connection(u))
				break;
		}
		mutex_unlock(&u->lock);
		break;
	case SIOCOUTQ:
		n = (int)__atomic_load_n(&u->wmem, __ATOMIC_RELAXED);
		break;
	case SIOCATMARK:
		return unix_oob_atmark(u, (int __user *)uptr(arg));
	default:
		return -ENOTTY;
	}
	return put_user(n, (int __user *)uptr(arg)) ? -EFAULT : 0;
}

/* ---- release ---- */

/* Files in flight whose last reference a release drops are released one
 * after another, not recursively: a socket queued in a socket queued in
 * ... would otherwise nest as deep as the chain. */
static struct spinlock deferred_lock = SPINLOCK_INIT("unix_deferred", LOCK_RANK_NONE);
static LIST_HEAD(deferred);
static bool draining; /* deferred_lock */

static void release_embryo(struct unix_sock *e);

void unix_purge(struct list_head *q)
{
	struct list_head *pos, *tmp;
	struct unix_skb *skb;
	bool drain;

	list_for_each_safe (pos, tmp, q) {
		skb = list_entry(pos, struct unix_skb, link);
		list_del(&skb->link);
		if (skb->embryo) {
			release_embryo(skb->embryo);
			kfree(skb);
			continue;
		}
		spin_lock(&deferred_lock);
		list_add_tail(&skb->link, &deferred);
		spin_unlock(&deferred_lock);
	}
	spin_lock(&deferred_lock);
	drain = !draining;
	draining = true;
	spin_unlock(&deferred_lock);
	if (!drain)
		return; /* an outer release is draining the list */
	for (;;) {
		spin_lock(&deferred_lock);
		if (list_empty(&deferred)) {
			draining = false;
			spin_unlock(&deferred_lock);
			return;
		}
		skb = list_first_entry(&deferred, struct unix_skb, link);
		list_del(&skb->link);
		spin_unlock(&deferred_lock);
		unix_skb_free(skb);
	}
}

/* u goes away: its peer sees the hang-up, its queue is freed. */
static void unix_release_sock(struct unix_sock *u)
{
	struct list_head q;
	struct unix_sock *p;
	bool unread;

	mutex_lock(&unix_table);
	list_del(&u->all_link);
	list_init(&u->all_link);
	mutex_unlock(&unix_table);
	list_init(&q);
	mutex_lock(&u->lock);
	u->dead = true;
	u->sock = NULL;
	WRITE_ONCE(u->shut, SOCK_RCV_SHUTDOWN | SOCK_SEND_SHUTDOWN);
	WRITE_ONCE(u->state, UNIX_UNCONNECTED);
	p = u->peer;
	u->peer = NULL;
	unread = u->qlen != 0;
	unix_oob_forget(u);
	if (!list_empty(&u->queue)) {
		q = u->queue;
		q.next->prev = &q;
		q.prev->next = &q;
		list_init(&u->queue);
	}
	WRITE_ONCE(u->qlen, 0);
	mutex_unlock(&u->lock);
	unix_wake(u, POLLHUP);
	if (p && connection(u)) {
		mutex_lock(&p->lock);
		if (p->peer == u) {
			WRITE_ONCE(p->shut, SOCK_RCV_SHUTDOWN | SOCK_SEND_SHUTDOWN);
			if (unread)
				WRITE_ONCE(p->err, ECONNRESET);
		}
		mutex_unlock(&p->lock);
		unix_wake(p, POLLIN | POLLHUP | POLLRDHUP);
	} else if (p) {
		unix_wake(p, POLLOUT);
	}
	unix_put(p);
	unix_purge(&q);
	unix_put(u);
	unix_gc(); /* the last reference to a cycle may have gone */
}

static void release_embryo(struct unix_sock *e)
{
	/* the client sees its connection reset */
	if (e->peer) {
		mutex_lock(&e->peer->lock);
		WRITE_ONCE(e->peer->err, ECONNRESET);
		mutex_unlock(&e->peer->lock);
	}
	unix_release_sock(e);
}

static void unix_release(struct socket *s)
{
	struct unix_sock *u = unix_sk(s);

	if (!u)
		return;
	s->priv = NULL;
	unix_release_sock(u);
}

/* ---- /proc/net/unix ---- */

int unix_count(void)
{
	struct unix_sock *u;
	int n = 0;

	mutex_lock(&unix_table);
	list_for_each_entry (u, &unix_all, all_link)
		n++;
	mutex_unlock(&unix_table);
	return n;
}

size_t unix_proc_show(char *buf, size_t size)
{
	struct unix_sock *u;
	size_t n = 0;

	n += (size_t)snprintf(buf, size,
			      "Num       RefCount Protocol Flags    Type St Inode Path\n");
	mutex_lock(&unix_table);
	list_for_each_entry (u, &unix_all, all_link) {
		struct socket *s = READ_ONCE(u->sock);
		unsigned st = u->state == UNIX_CONNECTED ? (s ? 3 : 2) : 1;
		char path[UNIX_ADDR_MAX + 2];
		int len = u->addrlen - UNIX_PATH_OFF;

		if (n + 200 > size)
			break;
		path[0] = 0;
		if (len > 0) {
			path[0] = ' ';
			for (int i = 0; i < len; i++) {
				char c = (char)u->addr[UNIX_PATH_OFF + i];

				if (u->node && !c)
					break;
				path[1 + i] = c ? c : '@';
				path[2 + i] = 0;
			}
		}
		n += (size_t)snprintf(buf + n, size - n,
				      "%016llx: %08X %08X %08X %04X %02X %5llu%s\n", 0ull,
				      (unsigned)READ_ONCE(u->refs), 0u,
				      u->state == UNIX_LISTENING ? 0x10000u : 0u, (unsigned)u->type,
				      st, s ? (unsigned long long)socket_ino(s) : 0ull, path);
	}
	mutex_unlock(&unix_table);
	return n;
}

/* fdinfo: the files in flight to the socket, as Linux's scm_fds (Linux
 * also counts, for a listener, those sent to connections not accepted
 * yet: 0 here) */
static int unix_show_fdinfo(struct socket *s, char *buf, size_t size)
{
	struct unix_sock *u = unix_sk(s);
	struct unix_skb *skb;
	unsigned n = 0;

	if (!u)
		return 0;
	mutex_lock(&u->lock);
	if (u->type == SOCK_DGRAM || u->state == UNIX_CONNECTED) {
		list_for_each_entry (skb, &u->queue, link)
			n += (unsigned)skb->nfp;
	}
	mutex_unlock(&u->lock);
	return snprintf(buf, size, "scm_fds: %u\n", n);
}

const struct proto_ops unix_ops = {
	.family = AF_UNIX,
	.create = unix_create,
	.socketpair = unix_socketpair,
	.bind = unix_bind,
	.connect = unix_connect,
	.listen = unix_listen,
	.accept = unix_accept,
	.sendmsg = unix_sendmsg,
	.recvmsg = unix_recvmsg,
	.shutdown = unix_shutdown,
	.getname = unix_getname,
	.setsockopt = unix_setsockopt,
	.getsockopt = unix_getsockopt,
	.peergroups = unix_peergroups,
	.poll = unix_poll,
	.ioctl = unix_ioctl,
	.release = unix_release,
	.show_fdinfo = unix_show_fdinfo,
};
