/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * TCP sockets over lwIP's raw API (called with the core lock held, see
 * sock.h).  lwIP's callbacks keep the socket's state: received bytes
 * queue on `rxq` (tcp_rxq.c; the window is opened again, tcp_recved, as
 * they are read), new connections queue on the listener, errors become
 * the pending SO_ERROR; each wakes ring 1.  A socket closed with unread
 * data resets its connection, as Linux does; one closed otherwise sends
 * its FIN and lwIP finishes the close (and resets a peer that sends more).
 *
 * SO_RCVBUF and SO_SNDBUF (inet_params.rcvbuf, sndbuf; half of each is
 * what the user asked for) shape what lwIP's fixed TCP_WND and
 * TCP_SND_BUF allow.  The receive window: lwIP opens it again only by
 * tcp_recved, so the socket withholds (rwnd_held) TCP_WND minus the
 * limit from the bytes it has read; the window never shrinks below what
 * was advertised (RFC 7323 2.4), so it comes down to the limit as the
 * first window's worth is read, and the peer's SYN-time window is
 * lwIP's.  The send side: a send takes no more than leaves the bytes
 * queued and unacknowledged under the limit.
 *
 * Received frames come in batches (the kernel queues them from the
 * driver's interrupt; netif.c's inet-rx thread feeds them to lwIP one by
 * one).  While more frames wait (svc_netdev_rx_pending), a data segment
 * does not wake its reader, and lwIP's ACK of every second segment is put
 * off (up to ACK_STRETCH of them, 16 segments); both go when the batch
 * ends: when the core lock is released with no frame waiting
 * (inet_tcp_batch_check, from sys_arch.c's unlock: the end of the last
 * frame, whatever its kind), at a data segment with nothing behind it,
 * when BATCH_WAKE_BYTES are queued unread, or after BATCH_MAX releases
 * (a queue that never empties).  So a reader runs once per batch, not
 * once per segment, and the sender gets one ACK per batch, as Linux's
 * NAPI and GRO give.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include "lwip/priv/tcp_priv.h"
#include "lwip/ip.h"
#include "lwip/netif.h"
#include "lwip/sys.h"
#include "lwip/tcp.h"
#include "inet.h"
#include "sock.h"

#define INET_BACKLOG_MAX 4096
#define INET_QUICKACKS \
	16 /* segments acknowledged at once on a new connection (Linux's TCP_MAX_QUICKACKS) */

#define ACK_STRETCH	 8	     /* every-second-segment ACKs put off in a row */
#define BATCH_WAKE_BYTES (32 * 1024) /* unread bytes that wake the reader anyway */

#define BATCH_MAX 64 /* core-lock releases (about frames) a batch may last */

static struct inet_sock *batch_head; /* sockets with work put off (core lock) */
static unsigned batch_age;	     /* core-lock releases since the batch began */

/* The most of lwIP's window and send buffer this socket may use. */
static size_t rwnd_limit(const struct inet_sock *k)
{
	size_t max = k->tcp ? TCP_WND_MAX(k->tcp) : TCP_WND;

	return k->params.rcvbuf ? MIN(max, (size_t)k->params.rcvbuf / 2) : max;
}

static size_t sndbuf_limit(const struct inet_sock *k)
{
	return k->params.sndbuf ? MIN((size_t)TCP_SND_BUF, (size_t)k->params.sndbuf / 2)
				: (size_t)TCP_SND_BUF;
}

/* Bytes the socket may still hand lwIP to send. */
static size_t snd_room(const struct inet_sock *k)
{
	size_t queued = TCP_SND_BUF - k->tcp->snd_buf, lim = sndbuf_limit(k);

	if (queued >= lim || tcp_sndqueuelen(k->tcp) >= TCP_SND_QUEUELEN - 2)
		return 0;
	return MIN((size_t)tcp_sndbuf(k->tcp), lim - queued);
}

/*
 * `n` more bytes were read (or, negative, put back): give lwIP's window
 * what the socket's limit allows.  lwIP announces a larger window by
 * itself only past TCP_WND_UPDATE_THRESHOLD; under a smaller limit the
 * update goes out once it moves the window's edge by a quarter of it,
 * and under any limit once it at least doubles the window the peer has.
 */
static void rwnd_read(struct inet_sock *k, long n)
{
	struct tcp_pcb *pcb = k->tcp;
	size_t lim = rwnd_limit(k);
	long keep = pcb ? (long)(TCP_WND_MAX(pcb) - lim) : 0, give;
	uint32_t edge;

	k->rwnd_held += n;
	if (!pcb || k->rwnd_held <= keep)
		return;
	give = k->rwnd_held - keep;
	k->rwnd_held = keep;
	edge = pcb->rcv_ann_right_edge;
	while (give > 0) {
		u16_t c = (u16_t)MIN(give, 0xffffL);

		tcp_recved(pcb, c);
		give -= c;
	}
	if (pcb->rcv_ann_right_edge == edge &&
	    (pcb->state == ESTABLISHED || pcb->state == FIN_WAIT_1 || pcb->state == FIN_WAIT_2)) {
		uint32_t grown = pcb->rcv_nxt + pcb->rcv_ann_wnd - edge;
		int32_t now = (int32_t)(edge - pcb->rcv_nxt);

		/* Linux's rule too (tcp_cleanup_rbuf): an update that at least
		 * doubles the window the peer has goes at once */
		if ((grown >= MAX(lim / 4, 1u) && lim / 4 < TCP_WND_UPDATE_THRESHOLD) ||
		    (grown && (int64_t)grown >= now)) {
			tcp_ack_now(pcb);
			tcp_output(pcb);
		}
	}
}

static void tcp_note_local(struct inet_sock *k)
{
	if (k->tcp)
		inet_from_ip(k->family, &k->tcp->local_ip, k->tcp->local_port, &k->local);
}

/* The connection is established: a socket whose SO_RCVBUF was set before
 * starts with its window down to the limit, or to what its SYN already
 * advertised (never less), the difference held back from the reads. */
static void rwnd_start(struct inet_sock *k)
{
	struct tcp_pcb *pcb = k->tcp;
	size_t lim = rwnd_limit(k), ann = pcb->rcv_ann_right_edge - pcb->rcv_nxt;
	size_t to = MAX(lim, ann);

	if (pcb->rcv_wnd > to) {
		k->rwnd_held += (long)(pcb->rcv_wnd - to);
		pcb->rcv_wnd = (tcpwnd_size_t)to;
		tcp_update_rcv_ann_wnd(pcb);
	}
}

/* The batch ended: wake the readers and send the ACKs put off. */
static void batch_flush(void)
{
	while (batch_head) {
		struct inet_sock *k = batch_head;

		batch_head = k->batch_next;
		k->batch_next = NULL;
		k->batched = false;
		k->acks_put_off = 0;
		if (k->ack_owed && k->tcp) {
			/* tcp_output does nothing while lwIP's input is in this
			 * pcb: the input outputs the ACK when it is done */
			tcp_ack_now(k->tcp);
			tcp_output(k->tcp);
		}
		k->ack_owed = false;
		if (k->wake_owed) {
			k->wake_owed = false;
			inet_sock_wake(k, INET_POLLIN);
		}
	}
}

void inet_tcp_batch_check(void)
{
	if (!batch_head)
		return;
	if (svc_netdev_rx_pending() && ++batch_age < BATCH_MAX)
		return;
	batch_age = 0;
	batch_flush();
}

/* A socket going away leaves the batch. */
static void batch_forget(struct inet_sock *k)
{
	struct inet_sock **pp = &batch_head;

	if (!k->batched)
		return;
	while (*pp && *pp != k)
		pp = &(*pp)->batch_next;
	if (*pp)
		*pp = k->batch_next;
	k->batched = false;
}

/* A data segment arrived while more frames wait: put its wake-up and
 * lwIP's ACK off to the end of the batch, within bounds. */
static bool batch_defer(struct inet_sock *k, struct tcp_pcb *pcb)
{
	const struct netif *in = ip_current_input_netif();

	/* only a device's frames: the loopback's come one at a time from the
	 * tcpip thread, whatever the devices' queue holds */
	if (!in || !(in->flags & NETIF_FLAG_ETHERNET) || k->rxq_bytes >= BATCH_WAKE_BYTES ||
	    !svc_netdev_rx_pending())
		return false;
	if (!k->batched) {
		k->batched = true;
		k->batch_next = batch_head;
		batch_head = k;
	}
	k->wake_owed = true;
	if (pcb->flags & TF_ACK_NOW) {
		if (k->acks_put_off < ACK_STRETCH) {
			tcp_clear_flags(pcb, TF_ACK_NOW);
			tcp_set_flags(pcb, TF_ACK_DELAY);
			k->acks_put_off++;
			k->ack_owed = true;
		} else {
			k->acks_put_off = 0; /* this one goes: it covers the ones before */
			k->ack_owed = false;
		}
	}
	return true;
}

static err_t tcp_recv_cb(void *arg, struct tcp_pcb *pcb, struct pbuf *p, err_t err)
{
	struct inet_sock *k = arg;

	(void)err;
	if (!p) {
		k->eof = true;
		inet_sock_wake(k, INET_POLLIN | INET_POLLRDHUP);
		return ERR_OK;
	}
	if (tcp_rxq_append(k, p))
		return ERR_MEM; /* lwIP keeps it (refused_data) and offers it again */
	if (k->quick) {
		/* Linux acknowledges a new connection's first segments at
		 * once (its quickack mode); lwIP would delay every ACK */
		k->quick--;
		tcp_ack_now(pcb);
	} else if (batch_defer(k, pcb)) {
		return ERR_OK;
	}
	if (k->batched) {
		batch_forget(k);
		k->acks_put_off = 0;
		k->ack_owed = k->wake_owed = false;
		tcp_ack_now(pcb); /* covers the ACKs put off (sent after this callback) */
	}
	inet_sock_wake(k, INET_POLLIN);
	return ERR_OK;
}

static err_t tcp_sent_cb(void *arg, struct tcp_pcb *pcb, u16_t len)
{
	(void)pcb;
	(void)len;
	inet_sock_wake(arg, INET_POLLOUT);
	return ERR_OK;
}

/* lwIP has freed the pcb (a reset, a refused or timed-out connect). */
static void tcp_err_cb(void *arg, err_t err)
{
	struct inet_sock *k = arg;

	k->tcp = NULL;
	if (k->connecting)
		k->err = err == ERR_RST ? ECONNREFUSED : ETIMEDOUT;
	else if (err == ERR_ABRT)
		k->err = ETIMEDOUT; /* lwIP gave up: keepalive probes or retransmissions */
	else
		k->err = err == ERR_RST ? ECONNRESET : -inet_errno(err);
	k->connecting = false;
	k->reset = true;
	inet_sock_wake(k, INET_POLLERR | INET_POLLHUP | INET_POLLIN | INET_POLLOUT);
}

static err_t tcp_connected_cb(void *arg, struct tcp_pcb *pcb, err_t err)
{
	struct inet_sock *k = arg;

	(void)pcb;
	(void)err;
	k->connecting = false;
	k->connected = true;
	tcp_note_local(k);
	rwnd_start(k);
	inet_sock_wake(k, INET_POLLOUT);
	return ERR_OK;
}

/*
 * TCP_USER_TIMEOUT, every TCP_SLOW_INTERVAL (lwIP's poll): a connection
 * that has sent data its peer does not acknowledge, or holds data its
 * peer's shut window keeps back, for user_timeout_ms with no progress of
 * lastack is dropped with ETIMEDOUT, and, as Linux's tcp_write_err, no
 * reset is sent.  The clock starts at the first poll that finds it
 * waiting, so the drop comes up to one interval late.
 */
static err_t tcp_poll_cb(void *arg, struct tcp_pcb *pcb)
{
	struct inet_sock *k = arg;
	bool waiting = pcb->unacked || (pcb->unsent && !pcb->snd_wnd);
	uint32_t now = sys_now();

	if (!k || !k->has_params || !k->params.user_timeout_ms)
		return ERR_OK;
	if (!waiting || !k->uto_since || pcb->lastack != k->uto_ack) {
		k->uto_since = waiting ? now | 1 : 0;
		k->uto_ack = pcb->lastack;
		return ERR_OK;
	}
	if (now - k->uto_since < k->params.user_timeout_ms)
		return ERR_OK;
	tcp_abandon(pcb, 0); /* tcp_err_cb: ERR_ABRT, ETIMEDOUT */
	return ERR_ABRT;
}

/* Ring 1's pcb options onto pcb (a listener has only the IP fields). */
static void tcp_apply(struct inet_sock *k, struct tcp_pcb *pcb)
{
	const struct inet_params *p = &k->params;

	if (!k->has_params)
		return;
	pcb->ttl = p->ttl;
	pcb->tos = p->tos;
	k->keepalive = p->keepalive;
	if (p->keepalive)
		ip_set_option(pcb, SOF_KEEPALIVE);
	else
		ip_reset_option(pcb, SOF_KEEPALIVE);
	if (k->listening)
		return;
	pcb->keep_idle = p->keepidle_s * 1000u;
	pcb->keep_intvl = p->keepintvl_s * 1000u;
	pcb->keep_cnt = p->keepcnt;
	k->uto_since = 0;
	tcp_poll(pcb, p->user_timeout_ms ? tcp_poll_cb : NULL, 1);
}

static void tcp_attach(struct inet_sock *k, struct tcp_pcb *pcb)
{
	k->tcp = pcb;
	if (k->netif_idx) /* SO_BINDTODEVICE (sock_bind.c) onto a fresh pcb */
		pcb->netif_idx = k->netif_idx;
	k->quick = INET_QUICKACKS;
	tcp_arg(pcb, k);
	tcp_recv(pcb, tcp_recv_cb);
	tcp_sent(pcb, tcp_sent_cb);
	tcp_err(pcb, tcp_err_cb);
	if (k->nodelay)
		tcp_nagle_disable(pcb);
	if (k->keepalive)
		ip_set_option(pcb, SOF_KEEPALIVE);
	tcp_apply(k, pcb);
}

/* The listener that takes the next connection: the owner, or in turn
 * each member of its SO_REUSEPORT group (Linux spreads by a hash of the
 * addresses; round robin spreads as evenly). */
static struct inet_sock *rp_pick(struct inet_sock *owner)
{
	struct inet_sock *l = owner->rp_turn ? owner->rp_turn : owner;

	owner->rp_turn = l == owner ? owner->rp_next : l->rp_next;
	return l;
}

static err_t tcp_accept_cb(void *arg, struct tcp_pcb *npcb, err_t err)
{
	struct inet_sock *l = arg, *n;

	if (err != ERR_OK || !npcb)
		return ERR_VAL;
	l = rp_pick(l);
	n = l->acq_len > l->backlog ? NULL : inet_sock_alloc(l->family, 1);
	if (!n) {
		tcp_abort(npcb);
		return ERR_ABRT;
	}
	n->nodelay = l->nodelay;
	n->keepalive = l->keepalive;
	n->params = l->params;
	n->has_params = l->has_params;
	tcp_attach(n, npcb);
	n->bound = n->connected = n->has_peer = true;
	tcp_note_local(n);
	rwnd_start(n);
	inet_from_ip(l->family, &npcb->remote_ip, npcb->remote_port, &n->peer);
	if (l->acq_tail)
		l->acq_tail->acq_next = n;
	else
		l->acq_head = n;
	l->acq_tail = n;
	l->acq_len++;
	inet_sock_wake(l, INET_POLLIN);
	return ERR_OK;
}

static struct tcp_pcb *tcp_fresh(struct inet_sock *k)
{
	struct tcp_pcb *pcb =
		tcp_new_ip_type(k->family == INET_AF6 ? IPADDR_TYPE_ANY : IPADDR_TYPE_V4);

	if (pcb)
		tcp_attach(k, pcb);
	return pcb;
}

int inet_tcp_new(struct inet_sock *k)
{
	return tcp_fresh(k) ? 0 : -ENOMEM;
}

/* Drop a pcb we no longer want callbacks from: reset it when `abort`. */
static void tcp_drop(struct tcp_pcb *pcb, bool abort)
{
	tcp_arg(pcb, NULL);
	tcp_recv(pcb, NULL);
	tcp_sent(pcb, NULL);
	tcp_err(pcb, NULL);
	if (abort || tcp_close(pcb) != ERR_OK)
		tcp_abort(pcb);
}

/* A member closes: out of its owner's chain. */
static void rp_leave(struct inet_sock *k)
{
	struct inet_sock **pp = &k->rp_owner->rp_next;

	while (*pp && *pp != k)
		pp = &(*pp)->rp_next;
	if (*pp)
		*pp = k->rp_next;
	if (k->rp_owner->rp_turn == k)
		k->rp_owner->rp_turn = NULL;
}

/* The owner closes with members left: the first takes the pcb and the rest. */
static void rp_hand_over(struct inet_sock *k)
{
	struct inet_sock *n = k->rp_next;

	n->tcp = k->tcp;
	k->tcp = NULL;
	n->rp_owner = NULL;
	n->rp_turn = NULL;
	for (struct inet_sock *m = n->rp_next; m; m = m->rp_next)
		m->rp_owner = n;
	tcp_arg(n->tcp, n);
}

/* An SO_REUSEPORT socket joins the listener that holds its address and
 * port, if that one has SO_REUSEPORT too: 0, or -EADDRINUSE. */
static int rp_join(struct inet_sock *k)
{
	struct tcp_pcb_listen *lp;

	for (lp = tcp_listen_pcbs.listen_pcbs; lp; lp = lp->next) {
		struct inet_sock *o = lp->callback_arg;

		if (!o || lp->local_port != k->local.port || !o->reuseport ||
		    memcmp(&o->local, &k->local, sizeof(k->local)))
			continue;
		tcp_drop(k->tcp, false);
		k->tcp = NULL;
		k->rp_owner = o;
		k->rp_next = o->rp_next;
		o->rp_next = k;
		return 0;
	}
	return -EADDRINUSE;
}

void inet_tcp_close(struct inet_sock *k)
{
	while (k->acq_head) {
		struct inet_sock *n = k->acq_head;

		k->acq_head = n->acq_next;
		if (n->tcp)
			tcp_drop(n->tcp, true);
		batch_forget(n);
		tcp_rxq_free(n);
		inet_sock_free(n);
	}
	if (k->rp_owner) {
		rp_leave(k);
	} else if (k->listening && k->rp_next) {
		rp_hand_over(k);
	} else if (k->tcp) {
		if (k->listening) {
			tcp_arg(k->tcp, NULL);
			tcp_accept(k->tcp, NULL);
			tcp_close(k->tcp);
		} else {
			tcp_drop(k->tcp, k->rxq != NULL || (k->has_params && k->params.linger0));
		}
	}
	batch_forget(k);
	tcp_rxq_free(k);
}

int inet_tcp_bind(struct inet_sock *k, const struct inet_addr *a)
{
	ip_addr_t ip;
	err_t e;

	if (!k->tcp)
		return -EINVAL;
	inet_sock_ip(k, a, &ip);
	if (k->reuse)
		ip_set_option(k->tcp, SOF_REUSEADDR);
	e = tcp_bind(k->tcp, &ip, a->port);
	if (e != ERR_OK)
		return e == ERR_USE ? -EADDRINUSE : -EINVAL;
	k->bound = true;
	tcp_note_local(k);
	return 0;
}

int inet_tcp_listen(struct inet_sock *k, int backlog)
{
	struct tcp_pcb *lpcb;
	err_t e;

	if (backlog < 0)
		backlog = 0;
	if (backlog > INET_BACKLOG_MAX)
		backlog = INET_BACKLOG_MAX;
	if (k->listening) {
		k->backlog = backlog;
		return 0;
	}
	if (k->connected || k->connecting || !k->tcp)
		return -EINVAL;
	if (!k->bound) {
		struct inet_addr any = {.family = (uint16_t)k->family};
		int err = inet_tcp_bind(k, &any);

		if (err)
			return err;
	}
	lpcb = tcp_listen_with_backlog_and_err(k->tcp, 255, &e);
	if (!lpcb && e == ERR_USE && k->reuseport) {
		int err = rp_join(k);

		if (err)
			return err;
		k->listening = true;
		k->backlog = backlog;
		return 0;
	}
	if (!lpcb)
		return inet_errno(e);
	k->tcp = lpcb; /* the old pcb is freed */
	tcp_arg(lpcb, k);
	tcp_accept(lpcb, tcp_accept_cb);
	k->listening = true;
	k->backlog = backlog;
	return 0;
}

int inet_tcp_accept(struct inet_sock *k, void *cookie, struct inet_sock **out)
{
	struct inet_sock *n = k->acq_head;

	if (!k->listening)
		return -EINVAL;
	if (!n)
		return -EAGAIN;
	k->acq_head = n->acq_next;
	if (!k->acq_head)
		k->acq_tail = NULL;
	k->acq_len--;
	n->acq_next = NULL;
	n->cookie = cookie;
	*out = n;
	return 0;
}

int inet_tcp_connect(struct inet_sock *k, const struct inet_addr *a)
{
	ip_addr_t ip;
	err_t e;

	if (k->connected || k->listening)
		return -EISCONN;
	if (k->connecting)
		return -EALREADY;
	if (!k->tcp) {
		/* a failed connect freed the pcb: start again, as Linux can */
		k->reset = k->eof = k->bound = false;
		if (!tcp_fresh(k))
			return -ENOBUFS;
	}
	inet_sock_ip(k, a, &ip);
	k->err = 0;
	e = tcp_connect(k->tcp, &ip, a->port, tcp_connected_cb);
	if (e != ERR_OK)
		return inet_errno(e);
	k->connecting = k->bound = k->has_peer = true;
	k->peer = *a;
	tcp_note_local(k);
	return -EINPROGRESS;
}

int inet_tcp_send(struct inet_sock *k, const void *buf, size_t len, unsigned flags)
{
	size_t n;
	err_t e;
	int err;

	if (k->err) {
		err = -k->err;
		k->err = 0;
		return err;
	}
	if (k->connecting)
		return -EAGAIN;
	if (!k->connected || !k->tcp || k->shut_wr)
		return -EPIPE;
	n = MIN(len, snd_room(k));
	n = MIN(n, (size_t)0xffff);
	if (!n)
		return len ? -EAGAIN : 0;
	e = tcp_write(k->tcp, buf, (u16_t)n,
		      TCP_WRITE_FLAG_COPY | ((flags & INET_MSG_MORE) ? TCP_WRITE_FLAG_MORE : 0));
	if (e == ERR_MEM)
		return -EAGAIN;
	if (e != ERR_OK)
		return -EPIPE;
	if (!(flags & INET_MSG_MORE))
		tcp_output(k->tcp);
	return (int)n;
}

int inet_tcp_recv(struct inet_sock *k, void *buf, size_t len, unsigned flags)
{
	int err;

	if (k->rxq && len) {
		bool peek = flags & INET_MSG_PEEK;
		size_t n = tcp_rxq_read(k, buf, MIN(len, (size_t)0x7fffffff), peek);

		if (!peek)
			rwnd_read(k, (long)n);
		return (int)n;
	}
	if (k->err) {
		err = -k->err;
		k->err = 0;
		return err;
	}
	if (k->eof || k->shut_rd || k->reset || !len)
		return 0;
	if (!k->connected && !k->connecting)
		return -ENOTCONN;
	return -EAGAIN;
}

int inet_tcp_shutdown(struct inet_sock *k, int how)
{
	if (!k->connected && !k->connecting && !k->listening)
		return -ENOTCONN;
	if (how != 1)
		k->shut_rd = true;
	if (how != 0 && !k->shut_wr) {
		k->shut_wr = true;
		if (k->tcp && k->connected)
			tcp_shutdown(k->tcp, 0, 1);
	}
	inet_sock_wake(k, 0);
	return 0;
}

int inet_tcp_poll(struct inet_sock *k)
{
	int mask = 0;

	if (k->listening)
		return k->acq_head ? INET_POLLIN : 0;
	if (k->err)
		mask |= INET_POLLERR;
	if ((k->shut_rd && k->shut_wr) || k->reset || (!k->connected && !k->connecting))
		mask |= INET_POLLHUP;
	if (k->eof || k->shut_rd || k->reset)
		mask |= INET_POLLIN | INET_POLLRDHUP;
	if (k->rxq)
		mask |= INET_POLLIN;
	if (k->connecting)
		return mask;
	if (!k->tcp || k->shut_wr || !k->connected || snd_room(k) > 0)
		mask |= INET_POLLOUT;
	return mask;
}

int inet_tcp_opt(struct inet_sock *k, enum inet_opt opt, bool set, int *val)
{
	switch (opt) {
	case INET_OPT_NODELAY:
		if (!set) {
			*val = k->nodelay;
			return 0;
		}
		k->nodelay = *val != 0;
		if (k->tcp && k->nodelay)
			tcp_nagle_disable(k->tcp);
		else if (k->tcp)
			tcp_nagle_enable(k->tcp);
		return 0;
	case INET_OPT_KEEPALIVE:
		if (!set) {
			*val = k->keepalive;
			return 0;
		}
		k->keepalive = *val != 0;
		if (k->tcp && k->keepalive)
			ip_set_option(k->tcp, SOF_KEEPALIVE);
		else if (k->tcp)
			ip_reset_option(k->tcp, SOF_KEEPALIVE);
		return 0;
	default:
		return -ENOPROTOOPT;
	}
}

void inet_tcp_params(struct inet_sock *k)
{
	if (!k->tcp)
		return;
	tcp_apply(k, k->tcp);
	if (!k->params.cork && k->connected)
		tcp_output(k->tcp); /* uncorked: what MSG_MORE held goes now */
	if (!k->listening && k->connected)
		rwnd_read(k, 0); /* a larger SO_RCVBUF gives back what it held */
}

static uint8_t linux_state(const struct inet_sock *k)
{
	static const uint8_t map[] = {
		[CLOSED] = INET_TCP_CLOSE,
		[LISTEN] = INET_TCP_LISTEN,
		[SYN_SENT] = INET_TCP_SYN_SENT,
		[SYN_RCVD] = INET_TCP_SYN_RECV,
		[ESTABLISHED] = INET_TCP_ESTABLISHED,
		[FIN_WAIT_1] = INET_TCP_FIN_WAIT1,
		[FIN_WAIT_2] = INET_TCP_FIN_WAIT2,
		[CLOSE_WAIT] = INET_TCP_CLOSE_WAIT,
		[CLOSING] = INET_TCP_CLOSING,
		[LAST_ACK] = INET_TCP_LAST_ACK,
		[TIME_WAIT] = INET_TCP_TIME_WAIT,
	};

	if (k->listening)
		return INET_TCP_LISTEN;
	if (!k->tcp || (unsigned)k->tcp->state >= sizeof(map))
		return INET_TCP_CLOSE;
	return map[k->tcp->state];
}

#define TICK_US (TCP_SLOW_INTERVAL * 1000u) /* lwIP's RTT and RTO unit */

void inet_tcp_query(struct inet_sock *k, struct inet_query *q)
{
	struct tcp_pcb *pcb = k->listening ? NULL : k->tcp;

	q->state = linux_state(k);
	q->inq = (unsigned)MIN(k->rxq_bytes, (size_t)0xffffffffu);
	if (!pcb)
		return;
	q->outq = TCP_SND_BUF - pcb->snd_buf; /* tcp_sndbuf() is capped at 64 KiB */
	q->mss = pcb->mss;
	q->rtt_us = (unsigned)(pcb->sa >> 3) * TICK_US;
	q->rttvar_us = (unsigned)(pcb->sv >> 2) * TICK_US;
	q->rto_us = (unsigned)pcb->rto * TICK_US;
	q->snd_cwnd = pcb->mss ? pcb->cwnd / pcb->mss : 0; /* Linux counts segments */
	q->snd_ssthresh = pcb->mss ? pcb->ssthresh / pcb->mss : 0;
	q->rcv_wnd = pcb->rcv_wnd;
	q->snd_wnd = pcb->snd_wnd;
	q->retransmits = pcb->nrtx;
	for (struct tcp_seg *s = pcb->unacked; s; s = s->next)
		q->unacked++;
}

int inet_tcp_unrecv(struct inet_sock *k, const void *buf, size_t len)
{
	int err = tcp_rxq_unread(k, buf, len);

	/* The window already grew by these bytes (tcp_recved): held back
	 * from the next reads, so it does not grow twice. */
	if (!err)
		k->rwnd_held -= (long)len;
	return err;
}

int inet_tcp_read_queued(struct inet_sock *k, void *buf, size_t len, size_t off, bool peek)
{
	size_t n;

	len = MIN(len, (size_t)0x7fffffff);
	if (peek)
		return (int)tcp_rxq_peek_at(k, off, buf, len);
	n = tcp_rxq_read(k, buf, len, false);
	rwnd_read(k, (long)n);
	return (int)n;
}
