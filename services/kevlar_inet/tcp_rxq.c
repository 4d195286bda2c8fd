/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * A TCP socket's receive queue: the bytes lwIP delivered and the reader
 * has not taken yet, in order.  lwIP hands each delivery over as a pbuf
 * chain whose length (tot_len) is 16 bits, so one chain cannot hold a
 * window past 64 KiB: the queue is a list of chains, each under 64 KiB.
 * A delivery joins the last chain while that stays under the limit, so
 * a new list entry is made about once per 64 KiB (and the socket keeps
 * one spare entry, so a queue that empties and fills again, as a
 * request-response exchange does, allocates none).  Bytes a reader could
 * not copy out (EFAULT) go back at the head (tcp_rxq_unread), so none is
 * lost.  Guarded by lwIP's core lock, as the rest of struct inet_sock.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include "lwip/pbuf.h"
#include "inet.h"
#include "sock.h"

#define CHAIN_MAX 0xffffu /* a pbuf chain's tot_len */

struct inet_rxchain {
	struct inet_rxchain *next;
	struct pbuf *p;
};

static struct inet_rxchain *chain_new(struct inet_sock *k, struct pbuf *p)
{
	struct inet_rxchain *c = k->rx_spare;

	if (c)
		k->rx_spare = NULL;
	else
		c = svc_alloc_raw(kevlar_inet_cap(), sizeof(*c));
	if (c) {
		c->next = NULL;
		c->p = p;
	}
	return c;
}

static void chain_free(struct inet_sock *k, struct inet_rxchain *c)
{
	if (!k->rx_spare)
		k->rx_spare = c;
	else
		svc_free(kevlar_inet_cap(), c);
}

int tcp_rxq_append(struct inet_sock *k, struct pbuf *p)
{
	struct inet_rxchain *t = k->rxq_tail;

	if (t && (unsigned)t->p->tot_len + p->tot_len <= CHAIN_MAX) {
		pbuf_cat(t->p, p);
	} else {
		struct inet_rxchain *c = chain_new(k, p);

		if (!c)
			return -ENOMEM;
		if (t)
			t->next = c;
		else
			k->rxq = c;
		k->rxq_tail = c;
	}
	k->rxq_bytes += p->tot_len;
	return 0;
}

size_t tcp_rxq_read(struct inet_sock *k, void *buf, size_t len, bool peek)
{
	struct inet_rxchain *c = k->rxq;
	size_t done = 0;

	while (c && done < len) {
		u16_t n = (u16_t)MIN(len - done, (size_t)c->p->tot_len);

		pbuf_copy_partial(c->p, (uint8_t *)buf + done, n, 0);
		done += n;
		if (peek) {
			c = c->next;
			continue;
		}
		c->p = pbuf_free_header(c->p, n);
		if (c->p)
			break; /* len reached inside this chain */
		k->rxq = c->next;
		chain_free(k, c);
		c = k->rxq;
	}
	if (!k->rxq)
		k->rxq_tail = NULL;
	if (!peek)
		k->rxq_bytes -= done;
	return done;
}

size_t tcp_rxq_peek_at(const struct inet_sock *k, size_t off, void *buf, size_t len)
{
	size_t done = 0;

	for (const struct inet_rxchain *c = k->rxq; c && done < len; c = c->next) {
		u16_t n;

		if (off >= c->p->tot_len) {
			off -= c->p->tot_len;
			continue;
		}
		n = (u16_t)MIN(len - done, (size_t)c->p->tot_len - off);
		pbuf_copy_partial(c->p, (uint8_t *)buf + done, n, (u16_t)off);
		done += n;
		off = 0;
	}
	return done;
}

int tcp_rxq_unread(struct inet_sock *k, const void *buf, size_t len)
{
	/* back to front, so each new chain goes in before the last one */
	while (len) {
		size_t n = MIN(len, (size_t)CHAIN_MAX);
		struct pbuf *p = pbuf_alloc(PBUF_RAW, (u16_t)n, PBUF_RAM);
		struct inet_rxchain *c = p ? chain_new(k, p) : NULL;

		if (!c) {
			if (p)
				pbuf_free(p);
			return -ENOMEM;
		}
		pbuf_take(p, (const uint8_t *)buf + len - n, (u16_t)n);
		c->next = k->rxq;
		k->rxq = c;
		if (!k->rxq_tail)
			k->rxq_tail = c;
		k->rxq_bytes += n;
		len -= n;
	}
	return 0;
}

void tcp_rxq_free(struct inet_sock *k)
{
	while (k->rxq) {
		struct inet_rxchain *c = k->rxq;

		k->rxq = c->next;
		pbuf_free(c->p);
		svc_free(kevlar_inet_cap(), c);
	}
	if (k->rx_spare)
		svc_free(kevlar_inet_cap(), k->rx_spare);
	k->rx_spare = NULL;
	k->rxq_tail = NULL;
	k->rxq_bytes = 0;
}
