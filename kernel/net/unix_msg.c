/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * AF_UNIX sending and receiving (kernel/net/unix.h).
 *
 * A stream send cuts the data into skbs of at most half the send buffer
 * (64 KiB), waiting before each for the sender's unread total (wmem) to
 * fall below SO_SNDBUF; a datagram or seqpacket send is one skb, at most
 * SO_SNDBUF - 32 bytes (EMSGSIZE), and also waits while an unconnected
 * receiver's queue holds more than net.unix.max_dgram_qlen messages.
 * Control messages ride on the first skb: SCM_RIGHTS takes a reference
 * to each file (at most SCM_MAX_FD per message; ETOOMANYREFS past the
 * sender's in-flight limit, unix_gc.c), SCM_CREDENTIALS the
 * checked credentials (every skb carries the sender's by default).
 *
 * A stream receive takes bytes across skbs until the request is met
 * (MSG_WAITALL) or, without it, until the queue is empty; it stops at
 * an skb that carried files, at the urgent byte's mark (unix_oob.c) and,
 * with SO_PASSCRED, where the sender's credentials change.  send(MSG_OOB)
 * queues its last byte as an skb of its own, the receiver's mark.
 * MSG_PEEK leaves the queue alone (SO_PEEK_OFF moves where it starts).
 * A datagram receive takes one skb, dropping what does not fit
 * (MSG_TRUNC).
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <linux/poll.h>
#include <linux/capability.h>
#include <platform/kmalloc.h>
#include <kernel/cred.h>
#include <kernel/file.h>
#include <kernel/poll.h>
#include <kernel/process.h>
#include <kernel/sched.h>
#include "unix.h"

#define SKB_OVERHEAD 512 /* charged per skb beside its data, as Linux's truesize */
#define STREAM_CHUNK (65536u - UNIX_SKB_HDR) /* an skb in 16 pages */

/* Control data of one send. */
struct scm {
	struct ucred_k cred;
	struct file **fp; /* kmalloc()ed, SCM_MAX_FD slots */
	int nfp;
};

static void scm_destroy(struct scm *sc)
{
	for (int i = 0; i < sc->nfp; i++)
		file_put(sc->fp[i]);
	kfree(sc->fp);
	sc->fp = NULL;
	sc->nfp = 0;
}

static int scm_rights(struct scm *sc, const uint8_t *data, size_t len)
{
	int n = (int)(len / sizeof(int));

	if (n <= 0)
		return 0;
	if (!sc->fp) {
		sc->fp = kzalloc(SCM_MAX_FD * sizeof(*sc->fp));
		if (!sc->fp)
			return -ENOMEM;
	}
	if (sc->nfp + n > SCM_MAX_FD)
		return -EINVAL;
	for (int i = 0; i < n; i++) {
		struct thread *t = current_thread();
		struct file *f;
		int fd;

		memcpy(&fd, data + i * sizeof(int), sizeof(int));
		f = t->files ? fdtable_get(t->files, fd) : NULL;
		if (!f)
			return -EBADF;
		sc->fp[sc->nfp++] = f;
	}
	return 0;
}

/* Linux's scm_check_creds: one's own pid and ids unless privileged. */
static int scm_creds(struct scm *sc, const uint8_t *data, size_t len)
{
	const struct cred *c = current_cred();
	struct ucred_k u;

	if (len != sizeof(u))
		return -EINVAL;
	memcpy(&u, data, sizeof(u));
	if ((u.pid == current_process()->pid || capable(CAP_SYS_ADMIN)) &&
	    (u.uid == c->uid || u.uid == c->euid || u.uid == c->suid || capable(CAP_SETUID)) &&
	    (u.gid == c->gid || u.gid == c->egid || u.gid == c->sgid || capable(CAP_SETGID))) {
		sc->cred = u;
		return 0;
	}
	return -EPERM;
}

/* Parse the control messages of a send, as Linux's __scm_send. */
static int scm_send(struct sock_msg *m, struct scm *sc)
{
	const struct cred *c = current_cred();
	size_t pos = 0;

	sc->cred = (struct ucred_k){.pid = current_process()->pid, .uid = c->uid, .gid = c->gid};
	while (m->control && pos + sizeof(struct cmsghdr_k) <= m->controllen) {
		struct cmsghdr_k h;
		const uint8_t *data = m->control + pos + sizeof(h);
		int err = 0;

		memcpy(&h, m->control + pos, sizeof(h));
		if (h.cmsg_len < sizeof(h) || h.cmsg_len > m->controllen - pos)
			return -EINVAL;
		if (h.cmsg_level == SOL_SOCKET) {
			switch (h.cmsg_type) {
			case SCM_RIGHTS:
				err = scm_rights(sc, data, h.cmsg_len - sizeof(h));
				break;
			case SCM_CREDENTIALS:
				err = scm_creds(sc, data, h.cmsg_len - sizeof(h));
				break;
			default:
				err = -EINVAL;
			}
		}
		if (err)
			return err;
		pos += CMSG_ALIGN_K(h.cmsg_len);
	}
	if (sc->nfp)
		unix_gc_on_send();
	return 0;
}

static struct unix_skb *skb_new(struct unix_sock *from, size_t len)
{
	struct unix_skb *skb = kmalloc(UNIX_SKB_HDR + len);

	if (!skb)
		return NULL;
	memset(skb, 0, UNIX_SKB_HDR);
	skb->len = len;
	skb->truesize = len + SKB_OVERHEAD;
	unix_get(from);
	skb->from = from;
	__atomic_add_fetch(&from->wmem, skb->truesize, __ATOMIC_RELAXED);
	return skb;
}

void unix_skb_free(struct unix_skb *skb)
{
	struct unix_sock *from = skb->from;

	unix_inflight_del(skb);
	for (int i = 0; i < skb->nfp; i++)
		file_put(skb->fp[i]);
	kfree(skb->fp);
	if (from) {
		__atomic_sub_fetch(&from->wmem, skb->truesize, __ATOMIC_RELAXED);
		poll_wake(&from->wq, POLLOUT | POLLWRNORM);
		unix_put(from);
	}
	kfree(skb);
}

/* Hand the send's files and credentials to the skb: 0, or -ETOOMANYREFS
 * when the sender has too many descriptors in flight. */
static int skb_attach(struct unix_skb *skb, struct scm *sc)
{
	if (sc->nfp) {
		int err = unix_inflight_check();

		if (err)
			return err;
		skb->fp_uid = current_cred()->uid;
	}
	skb->cred = sc->cred;
	skb->fp = sc->fp;
	skb->nfp = sc->nfp;
	skb->truesize += (size_t)sc->nfp * 64;
	__atomic_add_fetch(&skb->from->wmem, (size_t)sc->nfp * 64, __ATOMIC_RELAXED);
	sc->fp = NULL;
	sc->nfp = 0;
	return 0;
}

struct room_wait {
	struct unix_sock *u;
	size_t limit;
};

static long has_room(void *arg)
{
	struct room_wait *w = arg;

	return __atomic_load_n(&w->u->wmem, __ATOMIC_RELAXED) < w->limit ||
	       (READ_ONCE(w->u->shut) & SOCK_SEND_SHUTDOWN) || READ_ONCE(w->u->err);
}

/* Wait until u may allocate another skb (its wmem under SO_SNDBUF). */
static int wait_wmem(struct unix_sock *u, bool nonblock)
{
	struct room_wait w = {.u = u};
	long r;

	for (;;) {
		w.limit = (size_t)unix_sndbuf(u);
		if (__atomic_load_n(&u->wmem, __ATOMIC_RELAXED) < w.limit)
			return 0;
		if (nonblock)
			return -EAGAIN;
		r = wq_sleep_signalable_deadline(&u->wq, has_room, &w, unix_deadline(u, true));
		if (r < 0)
			return r == -ETIMEDOUT ? -EAGAIN : (int)r;
		if (READ_ONCE(u->shut) & SOCK_SEND_SHUTDOWN)
			return -EPIPE;
	}
}

/* Queue skb on `to` (to->lock held). */
static void enqueue(struct unix_sock *to, struct unix_skb *skb)
{
	list_add_tail(&skb->link, &to->queue);
	WRITE_ONCE(to->qlen, to->qlen + 1);
	unix_inflight_add(skb);
}

/* The urgent byte of a send(MSG_OOB): one skb of its own, the receiver's
 * mark (unix_oob.c).  0 or -errno. */
static int send_oob(struct unix_sock *u, struct unix_sock *p, struct sock_msg *m, struct scm *sc,
		    bool nonblock)
{
	struct unix_skb *skb;
	int err = wait_wmem(u, nonblock);

	if (err)
		return err;
	skb = skb_new(u, 1);
	if (!skb)
		return -ENOMEM;
	err = sock_msg_get(m, skb->data, 1) ? -EFAULT : skb_attach(skb, sc);
	if (err) {
		unix_skb_free(skb);
		return err;
	}
	mutex_lock(&p->lock);
	if (p->dead || (p->shut & SOCK_RCV_SHUTDOWN)) {
		mutex_unlock(&p->lock);
		unix_skb_free(skb);
		return -EPIPE;
	}
	enqueue(p, skb);
	unix_oob_set(p, skb);
	if (p->sock)
		socket_send_sigurg(p->sock);
	mutex_unlock(&p->lock);
	poll_wake(&p->wq, POLLIN | POLLRDNORM | POLLPRI);
	return 0;
}

static ssize_t stream_send(struct unix_sock *u, struct sock_msg *m, bool nonblock)
{
	struct scm sc = {.fp = NULL};
	struct unix_sock *p = NULL;
	bool oob = m->flags & MSG_OOB;
	size_t sent = 0, len = m->len;
	ssize_t err = scm_send(m, &sc);

	if (err)
		goto out;
	if (oob) {
		err = -EOPNOTSUPP; /* no byte to make urgent */
		if (!len)
			goto out;
		len--;
	}
	mutex_lock(&u->lock);
	if (m->namelen) {
		err = u->state == UNIX_CONNECTED ? -EISCONN : -EOPNOTSUPP;
	} else if (!u->peer || u->state != UNIX_CONNECTED) {
		err = -ENOTCONN;
	} else {
		p = u->peer;
		unix_get(p);
		err = (u->shut & SOCK_SEND_SHUTDOWN) ? -EPIPE : 0;
	}
	mutex_unlock(&u->lock);
	if (err)
		goto out;
	while (sent < len) {
		size_t n = MIN(len - sent, STREAM_CHUNK);
		int half = unix_sndbuf(u) / 2 - 64;
		struct unix_skb *skb;

		if (half > 0)
			n = MIN(n, (size_t)half);
		err = wait_wmem(u, nonblock);
		if (err)
			break;
		skb = skb_new(u, n);
		if (!skb) {
			err = -ENOMEM;
			break;
		}
		if (sock_msg_get(m, skb->data, n)) {
			unix_skb_free(skb);
			err = -EFAULT;
			break;
		}
		err = skb_attach(skb, &sc);
		if (err) {
			unix_skb_free(skb);
			break;
		}
		mutex_lock(&p->lock);
		if (p->dead || (p->shut & SOCK_RCV_SHUTDOWN)) {
			mutex_unlock(&p->lock);
			unix_skb_free(skb);
			err = -EPIPE;
			break;
		}
		enqueue(p, skb);
		mutex_unlock(&p->lock);
		poll_wake(&p->wq, POLLIN | POLLRDNORM);
		sent += n;
	}
	if (oob && sent == len) {
		err = send_oob(u, p, m, &sc, nonblock);
		if (!err)
			sent++;
	}
out:
	unix_put(p);
	scm_destroy(&sc);
	return sent ? (ssize_t)sent : err;
}

struct qroom_wait {
	struct unix_sock *to, *u;
};

static long queue_room(void *arg)
{
	struct qroom_wait *w = arg;

	return READ_ONCE(w->to->qlen) <= UNIX_DGRAM_QLEN || READ_ONCE(w->to->dead) ||
	       (READ_ONCE(w->to->shut) & SOCK_RCV_SHUTDOWN);
}

static ssize_t dgram_send(struct unix_sock *u, struct sock_msg *m, bool nonblock)
{
	struct scm sc = {.fp = NULL};
	struct unix_sock *to = NULL;
	struct unix_skb *skb = NULL;
	bool by_name = false;
	ssize_t err = scm_send(m, &sc);

	if (err)
		goto out;
	err = -EOPNOTSUPP;
	if (m->flags & MSG_OOB)
		goto out;
	if (u->type == SOCK_SEQPACKET) {
		/* a pending error (a reset) first, and consumed, as Linux */
		mutex_lock(&u->lock);
		err = -u->err;
		u->err = 0;
		mutex_unlock(&u->lock);
		if (!err)
			err = READ_ONCE(u->state) == UNIX_CONNECTED ? 0 : -ENOTCONN;
		m->namelen = 0;
		if (err)
			goto out;
	}
	if (m->namelen) {
		err = unix_validate(m->name, m->namelen);
		by_name = true;
	} else {
		mutex_lock(&u->lock);
		to = u->peer;
		if (to)
			unix_get(to);
		mutex_unlock(&u->lock);
		err = to ? 0 : -ENOTCONN;
	}
	if (!err && (READ_ONCE(u->shut) & SOCK_SEND_SHUTDOWN))
		err = -EPIPE;
	if (err)
		goto out;
	if (u->sock && READ_ONCE(u->sock->passcred) && !READ_ONCE(u->addrlen)) {
		err = unix_autobind(u);
		if (err)
			goto out;
	}
	err = -EMSGSIZE;
	if (m->len > (size_t)unix_sndbuf(u) - 32)
		goto out;
	err = wait_wmem(u, nonblock);
	if (err)
		goto out;
	err = -ENOMEM;
	skb = skb_new(u, m->len);
	if (!skb)
		goto out;
	err = -EFAULT;
	if (sock_msg_get(m, skb->data, m->len))
		goto out;
	if (by_name) {
		err = unix_find(m->name, m->namelen, u->type, &to);
		if (err)
			goto out;
	}
	err = skb_attach(skb, &sc);
	if (err)
		goto out;
	for (;;) {
		struct qroom_wait w = {.to = to, .u = u};
		long r;

		mutex_lock(&to->lock);
		if (to->dead) {
			err = u->type == SOCK_SEQPACKET ? -EPIPE : -ECONNREFUSED;
		} else if (to->peer && to->peer != u) {
			err = -EPERM;
		} else if (to->shut & SOCK_RCV_SHUTDOWN) {
			err = -EPIPE;
		} else if (to->peer != u && to->qlen > UNIX_DGRAM_QLEN) {
			err = -EAGAIN;
		} else {
			enqueue(to, skb);
			skb = NULL;
			err = 0;
		}
		mutex_unlock(&to->lock);
		if (err != -EAGAIN || nonblock)
			break;
		r = wq_sleep_signalable_deadline(&to->wq, queue_room, &w, unix_deadline(u, true));
		if (r < 0) {
			err = r == -ETIMEDOUT ? -EAGAIN : r;
			break;
		}
	}
	if (!err) {
		poll_wake(&to->wq, POLLIN | POLLRDNORM);
		err = (ssize_t)m->len;
	}
	if (err == -ECONNREFUSED && !by_name) {
		/* the peer is gone: forget it, as Linux does */
		struct unix_sock *old = NULL;

		mutex_lock(&u->lock);
		if (u->peer == to) {
			old = u->peer;
			u->peer = NULL;
			WRITE_ONCE(u->state, UNIX_UNCONNECTED);
		}
		mutex_unlock(&u->lock);
		unix_put(old);
	}
out:
	if (skb)
		unix_skb_free(skb);
	unix_put(to);
	scm_destroy(&sc);
	return err;
}

ssize_t unix_sendmsg(struct socket *s, struct sock_msg *m, bool nonblock)
{
	struct unix_sock *u = unix_sk(s);

	return u->type == SOCK_STREAM ? stream_send(u, m, nonblock) : dgram_send(u, m, nonblock);
}

/* ---- receiving ---- */

/* Deliver an skb's credentials and files to the receiver (no lock). */
static void scm_recv(struct socket *s, struct sock_msg *m, const struct ucred_k *cred,
		     struct file **fp, int nfp)
{
	struct thread *t = current_thread();
	bool cloexec = m->flags & MSG_CMSG_CLOEXEC;
	size_t room;
	int *fds, i = 0;

	if (READ_ONCE(s->passcred) && cred)
		sock_msg_put_cmsg(m, SOL_SOCKET, SCM_CREDENTIALS, cred, sizeof(*cred));
	if (!nfp)
		return;
	room = m->control ? m->controllen - m->control_used : 0;
	fds = kmalloc((size_t)nfp * sizeof(int));
	if (fds && room > sizeof(struct cmsghdr_k) && t->files) {
		int max = (int)((room - sizeof(struct cmsghdr_k)) / sizeof(int));

		for (; i < nfp && i < max; i++) {
			int fd = fdtable_install(t->files, fp[i], 0, cloexec);

			if (fd < 0)
				break;
			fds[i] = fd;
		}
	}
	if (i)
		sock_msg_put_cmsg(m, SOL_SOCKET, SCM_RIGHTS, fds, (size_t)i * sizeof(int));
	if (i < nfp)
		m->out_flags |= MSG_CTRUNC;
	for (int k = 0; k < nfp; k++)
		file_put(fp[k]);
	kfree(fp);
	kfree(fds);
}

/* The files of an skb as the receiver takes them: moved out, or, for a
 * peek, new references (u->lock held).  *nfp 0: none. */
static struct file **take_files(struct unix_skb *skb, bool peek, int *nfp)
{
	struct file **fp;

	*nfp = skb->nfp;
	if (!skb->nfp)
		return NULL;
	if (!peek) {
		unix_inflight_del(skb);
		fp = skb->fp;
		skb->fp = NULL;
		skb->nfp = 0;
		return fp;
	}
	fp = kmalloc((size_t)skb->nfp * sizeof(*fp));
	if (!fp) {
		*nfp = 0;
		return NULL;
	}
	for (int i = 0; i < skb->nfp; i++)
		fp[i] = file_get(skb->fp[i]);
	return fp;
}

static long readable(void *arg)
{
	struct unix_sock *u = arg;

	return READ_ONCE(u->qlen) > READ_ONCE(u->consumed) ||
	       (READ_ONCE(u->shut) & SOCK_RCV_SHUTDOWN) || READ_ONCE(u->err);
}

/* Wait for something to read (u->lock dropped and taken again). */
static int wait_data(struct unix_sock *u, bool nonblock)
{
	long r;

	if (nonblock)
		return -EAGAIN;
	mutex_unlock(&u->lock);
	r = wq_sleep_signalable_deadline(&u->wq, readable, u, unix_deadline(u, false));
	mutex_lock(&u->lock);
	if (r < 0)
		return r == -ETIMEDOUT ? -EAGAIN : (int)r;
	return 0;
}

/* The sender's name into m (unix_table keeps it stable). */
static void put_name(struct sock_msg *m, struct unix_sock *from)
{
	if (!m->want_name)
		return;
	mutex_lock(&unix_table);
	m->namelen = from ? from->addrlen : 0;
	if (m->namelen)
		memcpy(m->name, from->addr, (size_t)m->namelen);
	mutex_unlock(&unix_table);
}

static ssize_t stream_recv(struct socket *s, struct unix_sock *u, struct sock_msg *m, bool nonblock)
{
	bool peek = m->flags & MSG_PEEK, waitall = m->flags & MSG_WAITALL;
	size_t copied = 0, skip = 0;
	/* SO_RCVLOWAT: a read waits for that much (or all of a short buffer) */
	size_t target =
		waitall ? m->len : MAX(MIN((size_t)READ_ONCE(s->rcvlowat), m->len), (size_t)1);
	struct ucred_k cred = {0};
	struct file **fp = NULL;
	struct list_head done;
	struct list_head *pos, *tmp;
	bool have_cred = false;
	int err = 0, nfp = 0;

	list_init(&done);
	m->namelen = 0;
	mutex_lock(&u->lock);
	if (u->state != UNIX_CONNECTED) {
		mutex_unlock(&u->lock);
		return -EINVAL;
	}
	if (m->flags & MSG_OOB) {
		mutex_unlock(&u->lock);
		return unix_oob_recv(s, u, m);
	}
	if (peek && s->peek_off >= 0)
		skip = (size_t)s->peek_off;
	while (copied < m->len || !m->len) {
		struct unix_skb *skb = NULL, *it;
		size_t n, avail, skipped = skip;
		bool stop = false;

		it = list_empty(&u->queue) ? NULL
					   : list_first_entry(&u->queue, struct unix_skb, link);
		while (it) {
			if (!skipped && (it->off == it->len || it == u->oob)) {
				it = unix_oob_manage(s, u, it, peek, copied, &done, &stop);
				if (!it)
					break;
			}
			/* a peek never read the urgent byte: not part of skip */
			avail = it == u->oob && peek && !READ_ONCE(s->oobinline)
					? 0
					: it->len - it->off;
			if (skipped < avail) {
				skb = it;
				break;
			}
			skipped -= avail;
			it = it->link.next == &u->queue
				     ? NULL
				     : list_entry(it->link.next, struct unix_skb, link);
		}
		if (stop)
			break;
		if (!skb) {
			if (copied >= target || (peek && copied))
				break;
			if (u->err) {
				err = -u->err;
				u->err = 0;
				break;
			}
			if (u->shut & SOCK_RCV_SHUTDOWN)
				break;
			err = wait_data(u, nonblock);
			if (err)
				break;
			continue;
		}
		if (have_cred && READ_ONCE(s->passcred) && memcmp(&cred, &skb->cred, sizeof(cred)))
			break; /* never glue two writers' data together */
		if (!have_cred) {
			cred = skb->cred;
			have_cred = true;
			put_name(m, skb->from);
		}
		if (!m->len)
			break;
		n = MIN(skb->len - skb->off - skipped, m->len - copied);
		if (sock_msg_put(m, skb->data + skb->off + skipped, n)) {
			err = -EFAULT;
			break;
		}
		copied += n;
		if (peek) {
			if (s->peek_off >= 0)
				s->peek_off += (int)n;
			skip += n;
			fp = take_files(skb, true, &nfp);
			if (nfp)
				break;
			continue;
		}
		if (s->peek_off >= 0)
			s->peek_off -= (int)MIN((size_t)s->peek_off, n);
		skb->off += n;
		if (skb->off == skb->len) {
			fp = take_files(skb, false, &nfp);
			list_del(&skb->link);
			WRITE_ONCE(u->qlen, u->qlen - 1);
			list_add_tail(&skb->link, &done);
			if (nfp)
				break;
		}
	}
	mutex_unlock(&u->lock);
	list_for_each_safe (pos, tmp, &done) {
		list_del(pos);
		unix_skb_free(list_entry(pos, struct unix_skb, link));
	}
	if (copied || !err) {
		scm_recv(s, m, have_cred ? &cred : NULL, fp, nfp);
		return (ssize_t)copied;
	}
	for (int i = 0; i < nfp; i++)
		file_put(fp[i]);
	kfree(fp);
	return err;
}

static ssize_t dgram_recv(struct socket *s, struct unix_sock *u, struct sock_msg *m, bool nonblock)
{
	bool peek = m->flags & MSG_PEEK;
	struct unix_skb *skb;
	struct file **fp;
	struct ucred_k cred;
	size_t n, len;
	int err, nfp;

	if (m->flags & MSG_OOB)
		return -EOPNOTSUPP;
	m->namelen = 0;
	mutex_lock(&u->lock);
	if (u->type == SOCK_SEQPACKET && u->state != UNIX_CONNECTED) {
		mutex_unlock(&u->lock);
		return -ENOTCONN;
	}
	while (list_empty(&u->queue)) {
		/* Linux: a shut datagram socket reads EOF only when it would
		 * block; a non-blocking read gets EAGAIN (seqpacket: EOF) */
		if ((u->shut & SOCK_RCV_SHUTDOWN) && (u->type == SOCK_SEQPACKET || !nonblock)) {
			mutex_unlock(&u->lock);
			return 0;
		}
		err = wait_data(u, nonblock);
		if (err) {
			mutex_unlock(&u->lock);
			return err;
		}
	}
	skb = list_first_entry(&u->queue, struct unix_skb, link);
	len = skb->len;
	n = MIN(len, m->len);
	if (n < len)
		m->out_flags |= MSG_TRUNC;
	if (sock_msg_put(m, skb->data, n)) {
		mutex_unlock(&u->lock);
		return -EFAULT;
	}
	put_name(m, skb->from);
	cred = skb->cred;
	fp = take_files(skb, peek, &nfp);
	if (!peek) {
		list_del(&skb->link);
		WRITE_ONCE(u->qlen, u->qlen - 1);
	}
	mutex_unlock(&u->lock);
	if (!peek) {
		unix_skb_free(skb);
		poll_wake(&u->wq, POLLOUT); /* room for senders waiting on the queue */
	}
	scm_recv(s, m, &cred, fp, nfp);
	return (ssize_t)((m->flags & MSG_TRUNC) ? len : n);
}

ssize_t unix_recvmsg(struct socket *s, struct sock_msg *m, bool nonblock)
{
	struct unix_sock *u = unix_sk(s);

	return u->type == SOCK_STREAM ? stream_recv(s, u, m, nonblock)
				      : dgram_recv(s, u, m, nonblock);
}
