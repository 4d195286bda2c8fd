/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The stack's self-tests (inet_ops.selftest, run by KTAP suite `inet`,
 * kernel/net/inet_ktest.c): the port (the tcpip thread, semaphores and
 * mailboxes with their timeouts) and the stack over the loopback
 * interface (TCP over 127.0.0.1 and ::1, UDP, ICMP echo), through lwIP's
 * raw API under the core lock, as the AF_INET family will use it.  Each
 * returns 0, or -errno after logging what went wrong.  Callbacks run in
 * the tcpip thread holding the core lock; a test waits for them on a
 * semaphore with a deadline, then takes the lock and detaches what is
 * left, so nothing of a test outlives it.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <kevlar_vfs/inet.h>
#include <kevlar_vfs/service.h>
#include "lwip/icmp.h"
#include "lwip/inet_chksum.h"
#include "lwip/ip.h"
#include "lwip/prot/ip4.h"
#include "lwip/raw.h"
#include "lwip/sys.h"
#include "lwip/tcp.h"
#include "lwip/tcpip.h"
#include "lwip/udp.h"
#include "inet.h"

#define WAIT_MS	  60000 /* a whole test's deadline under TCG */
#define TCP_BYTES (1024u * 1024u)
#define UDP_COUNT 64
#define CHUNK	  2048

#define FAIL(err, ...)                                  \
	({                                              \
		svc_log("inet selftest: " __VA_ARGS__); \
		(err);                                  \
	})

/* The byte at `off` of stream/datagram `seed`: changes with both, so a
 * lost, repeated or reordered chunk shows. */
static u8_t pattern(u32_t off, u32_t seed)
{
	return (u8_t)((off * 131u) ^ (off >> 9) ^ (seed * 29u));
}

static void fill(u8_t *buf, u32_t off, u32_t seed, u32_t n)
{
	for (u32_t i = 0; i < n; i++)
		buf[i] = pattern(off + i, seed);
}

/* Does the pbuf chain hold the stream `seed` from `off` on? */
static bool matches(const struct pbuf *p, u32_t off, u32_t seed)
{
	for (const struct pbuf *q = p; q; q = q->next) {
		const u8_t *b = q->payload;

		for (u16_t i = 0; i < q->len; i++)
			if (b[i] != pattern(off++, seed))
				return false;
	}
	return true;
}

/* ---- the port ---- */

struct thread_probe {
	sys_sem_t sem;
	uintptr_t ran_in;
};

static void probe_cb(void *arg)
{
	struct thread_probe *pr = arg;

	pr->ran_in = svc_thread_self();
	sys_sem_signal(&pr->sem);
}

static int test_thread(void)
{
	struct thread_probe pr = {};
	u32_t t0;
	int err = 0;

	if (!kevlar_inet_tcpip_thread())
		return FAIL(-ESRCH, "the tcpip thread never ran");
	if (sys_sem_new(&pr.sem, 0) != ERR_OK)
		return -ENOMEM;
	t0 = sys_now();
	if (tcpip_callback(probe_cb, &pr) != ERR_OK)
		err = FAIL(-EIO, "tcpip_callback refused");
	else if (sys_arch_sem_wait(&pr.sem, WAIT_MS) == SYS_ARCH_TIMEOUT)
		err = FAIL(-ETIMEDOUT, "the tcpip thread did not run the callback");
	else if (pr.ran_in != kevlar_inet_tcpip_thread() || pr.ran_in == svc_thread_self())
		err = FAIL(-EIO, "the callback ran outside the tcpip thread");
	/* sys_now advances: a 20 ms timeout takes at least 20 ms of it */
	if (!err && sys_arch_sem_wait(&pr.sem, 20) != SYS_ARCH_TIMEOUT)
		err = FAIL(-EIO, "an unsignalled semaphore was taken");
	if (!err && sys_now() - t0 < 20)
		err = FAIL(-EIO, "sys_now advanced %u ms over a 20 ms wait", sys_now() - t0);
	sys_sem_free(&pr.sem);
	return err;
}

static void signal_cb(void *arg)
{
	sys_sem_signal(arg);
}

static int test_sem(void)
{
	sys_sem_t s, two;
	u32_t t0, r;
	int err = 0;

	if (sys_sem_new(&s, 0) != ERR_OK)
		return -ENOMEM;
	if (sys_sem_new(&two, 2) != ERR_OK) {
		sys_sem_free(&s);
		return -ENOMEM;
	}
	t0 = sys_now();
	r = sys_arch_sem_wait(&s, 50);
	if (r != SYS_ARCH_TIMEOUT)
		err = FAIL(-EIO, "an empty semaphore did not time out (%u)", r);
	else if (sys_now() - t0 < 50 || sys_now() - t0 > 10000)
		err = FAIL(-EIO, "a 50 ms timeout took %u ms", sys_now() - t0);
	if (!err) {
		sys_sem_signal(&s);
		if (sys_arch_sem_wait(&s, 1000) == SYS_ARCH_TIMEOUT)
			err = FAIL(-EIO, "a signalled semaphore timed out");
	}
	if (!err && (sys_arch_sem_wait(&two, 1) == SYS_ARCH_TIMEOUT ||
		     sys_arch_sem_wait(&two, 1) == SYS_ARCH_TIMEOUT ||
		     sys_arch_sem_wait(&two, 1) != SYS_ARCH_TIMEOUT))
		err = FAIL(-EIO, "a semaphore of 2 did not give exactly 2");
	/* signalled by another thread while this one waits without a timeout */
	if (!err && tcpip_callback(signal_cb, &s) != ERR_OK)
		err = FAIL(-EIO, "tcpip_callback refused");
	if (!err && sys_arch_sem_wait(&s, 0) == SYS_ARCH_TIMEOUT)
		err = FAIL(-EIO, "a wait for ever timed out");
	sys_sem_free(&two);
	sys_sem_free(&s);
	return err;
}

static void post_cb(void *arg)
{
	static int msg = 42;

	sys_mbox_post(arg, &msg);
}

static int test_mbox(void)
{
	static int v[5];
	sys_mbox_t mb;
	void *m = NULL;
	u32_t t0;
	int err = 0;

	if (sys_mbox_new(&mb, 4) != ERR_OK)
		return -ENOMEM;
	for (int i = 0; i < 4 && !err; i++)
		if (sys_mbox_trypost(&mb, &v[i]) != ERR_OK)
			err = FAIL(-EIO, "trypost %d into a mailbox of 4 failed", i);
	if (!err && sys_mbox_trypost(&mb, &v[4]) != ERR_MEM)
		err = FAIL(-EIO, "a full mailbox took a fifth message");
	if (!err && (sys_arch_mbox_tryfetch(&mb, &m) == SYS_MBOX_EMPTY || m != &v[0]))
		err = FAIL(-EIO, "tryfetch did not give the first message");
	for (int i = 1; i < 4 && !err; i++)
		if (sys_arch_mbox_fetch(&mb, &m, 100) == SYS_ARCH_TIMEOUT || m != &v[i])
			err = FAIL(-EIO, "fetch %d out of order or missing", i);
	if (!err && sys_arch_mbox_tryfetch(&mb, &m) != SYS_MBOX_EMPTY)
		err = FAIL(-EIO, "an empty mailbox gave a message");
	t0 = sys_now();
	if (!err && sys_arch_mbox_fetch(&mb, &m, 30) != SYS_ARCH_TIMEOUT)
		err = FAIL(-EIO, "an empty mailbox did not time out");
	if (!err && sys_now() - t0 < 30)
		err = FAIL(-EIO, "a 30 ms fetch timed out after %u ms", sys_now() - t0);
	/* posted by the tcpip thread while this one waits for ever */
	if (!err && tcpip_callback(post_cb, &mb) != ERR_OK)
		err = FAIL(-EIO, "tcpip_callback refused");
	if (!err && (sys_arch_mbox_fetch(&mb, &m, 0) == SYS_ARCH_TIMEOUT || *(int *)m != 42))
		err = FAIL(-EIO, "the other thread's message did not arrive");
	sys_mbox_free(&mb);
	return err;
}

/* ---- TCP: 1 MiB each way over the loopback interface ---- */

struct tcp_test;

struct tcp_end {
	struct tcp_test *t;
	struct tcp_pcb *pcb; /* NULL once closed or lost */
	u32_t seed_out, seed_in;
	u32_t queued, acked, received;
	bool fin_sent, fin_seen, closed;
};

struct tcp_test {
	sys_sem_t done;
	struct tcp_pcb *listener;
	struct tcp_end client, server;
	int err;
	bool signalled;
};

static void tcp_finish(struct tcp_test *t, int err)
{
	if (err && !t->err)
		t->err = err;
	if (!t->signalled && (t->err || (t->client.closed && t->server.closed))) {
		t->signalled = true;
		sys_sem_signal(&t->done);
	}
}

static void detach(struct tcp_pcb *pcb)
{
	tcp_arg(pcb, NULL);
	tcp_recv(pcb, NULL);
	tcp_sent(pcb, NULL);
	tcp_err(pcb, NULL);
}

/* Everything sent and acked, everything received, the peer's FIN seen:
 * close (lwIP finishes the handshake on its own, without our callbacks). */
static void tcp_progress(struct tcp_end *e)
{
	u8_t chunk[CHUNK];

	while (e->pcb && e->queued < TCP_BYTES) {
		u32_t n = LWIP_MIN(TCP_BYTES - e->queued, CHUNK);

		n = LWIP_MIN(n, tcp_sndbuf(e->pcb));
		if (!n || tcp_sndqueuelen(e->pcb) >= TCP_SND_QUEUELEN - 1)
			break;
		fill(chunk, e->queued, e->seed_out, n);
		if (tcp_write(e->pcb, chunk, (u16_t)n, TCP_WRITE_FLAG_COPY) != ERR_OK)
			break;
		e->queued += n;
	}
	if (e->pcb)
		tcp_output(e->pcb);
	if (e->pcb && !e->fin_sent && e->acked >= TCP_BYTES) {
		e->fin_sent = true;
		if (tcp_shutdown(e->pcb, 0, 1) != ERR_OK)
			tcp_finish(e->t, FAIL(-EIO, "shutdown failed"));
	}
	if (e->pcb && e->fin_sent && e->fin_seen && e->received == TCP_BYTES) {
		detach(e->pcb);
		if (tcp_close(e->pcb) != ERR_OK)
			tcp_abort(e->pcb);
		e->pcb = NULL;
		e->closed = true;
		tcp_finish(e->t, 0);
	}
}

static err_t end_sent(void *arg, struct tcp_pcb *pcb, u16_t len)
{
	struct tcp_end *e = arg;

	e->acked += len;
	tcp_progress(e);
	return ERR_OK;
}

static err_t end_recv(void *arg, struct tcp_pcb *pcb, struct pbuf *p, err_t err)
{
	struct tcp_end *e = arg;

	if (!p) {
		e->fin_seen = true;
		if (e->received != TCP_BYTES)
			tcp_finish(e->t,
				   FAIL(-EIO, "FIN after %u of %u bytes", e->received, TCP_BYTES));
		tcp_progress(e);
		return ERR_OK;
	}
	if (!e->t->err && !matches(p, e->received, e->seed_in))
		tcp_finish(e->t, FAIL(-EIO, "wrong bytes at %u..%u", e->received,
				      e->received + p->tot_len));
	e->received += p->tot_len;
	if (!e->t->err && e->received > TCP_BYTES)
		tcp_finish(e->t, FAIL(-EIO, "%u bytes received, %u sent", e->received, TCP_BYTES));
	tcp_recved(pcb, p->tot_len);
	pbuf_free(p);
	tcp_progress(e);
	return ERR_OK;
}

static void end_err(void *arg, err_t err)
{
	struct tcp_end *e = arg;

	e->pcb = NULL; /* lwIP freed it */
	tcp_finish(e->t, FAIL(-EIO, "connection lost (lwIP error %d)", err));
}

static void end_attach(struct tcp_end *e, struct tcp_pcb *pcb)
{
	e->pcb = pcb;
	tcp_arg(pcb, e);
	tcp_recv(pcb, end_recv);
	tcp_sent(pcb, end_sent);
	tcp_err(pcb, end_err);
}

static err_t client_connected(void *arg, struct tcp_pcb *pcb, err_t err)
{
	struct tcp_end *e = arg;

	if (err != ERR_OK)
		tcp_finish(e->t, FAIL(-EIO, "connect failed (%d)", err));
	else
		tcp_progress(e);
	return ERR_OK;
}

static err_t server_accept(void *arg, struct tcp_pcb *pcb, err_t err)
{
	struct tcp_test *t = arg;

	if (err != ERR_OK || !pcb || t->server.pcb || t->server.closed) {
		tcp_finish(t, FAIL(-EIO, "accept failed (%d)", err));
		return ERR_VAL;
	}
	end_attach(&t->server, pcb);
	tcp_progress(&t->server);
	return ERR_OK;
}

static int test_tcp(u8_t type)
{
	ip_addr_t addr;
	struct tcp_test *t = svc_alloc(kevlar_inet_cap(), sizeof(*t));
	struct tcp_pcb *l, *c;
	int err;

	if (!t)
		return -ENOMEM;
	ip_addr_set_loopback(type == IPADDR_TYPE_V6, &addr);
	if (sys_sem_new(&t->done, 0) != ERR_OK) {
		svc_free(kevlar_inet_cap(), t);
		return -ENOMEM;
	}
	t->client = (struct tcp_end){.t = t, .seed_out = 1, .seed_in = 2};
	t->server = (struct tcp_end){.t = t, .seed_out = 2, .seed_in = 1};

	LOCK_TCPIP_CORE();
	l = tcp_new_ip_type(type);
	c = tcp_new_ip_type(type);
	if (!l || !c || tcp_bind(l, &addr, 0) != ERR_OK) {
		err = FAIL(-ENOMEM, "no pcbs or bind failed");
		goto out_unlock;
	}
	t->listener = tcp_listen(l);
	if (!t->listener) {
		err = FAIL(-ENOMEM, "listen failed");
		goto out_unlock;
	}
	l = NULL;
	tcp_arg(t->listener, t);
	tcp_accept(t->listener, server_accept);
	end_attach(&t->client, c);
	if (tcp_connect(c, &addr, t->listener->local_port, client_connected) != ERR_OK) {
		err = FAIL(-EIO, "tcp_connect refused");
		goto out_unlock;
	}
	c = NULL;
	UNLOCK_TCPIP_CORE();

	if (sys_arch_sem_wait(&t->done, WAIT_MS) == SYS_ARCH_TIMEOUT)
		svc_log("inet selftest: timed out: client %u/%u/%u, server %u/%u/%u "
			"(queued/acked/received)",
			t->client.queued, t->client.acked, t->client.received, t->server.queued,
			t->server.acked, t->server.received);
	LOCK_TCPIP_CORE();
	err = t->err;
	if (!err && !(t->client.closed && t->server.closed))
		err = -ETIMEDOUT;
out_unlock:
	for (struct tcp_end *e = &t->client; e <= &t->server; e++)
		if (e->pcb) {
			if (e->pcb == c)
				c = NULL;
			detach(e->pcb);
			tcp_abort(e->pcb);
		}
	if (t->listener) {
		tcp_arg(t->listener, NULL);
		tcp_close(t->listener);
	}
	if (l)
		tcp_close(l);
	if (c)
		tcp_close(c);
	UNLOCK_TCPIP_CORE();
	sys_sem_free(&t->done);
	svc_free(kevlar_inet_cap(), t);
	return err;
}

/* ---- UDP: datagrams over 127.0.0.1 ---- */

struct udp_test {
	sys_sem_t done;
	u16_t from_port;
	unsigned got;
	int err;
};

static u16_t udp_len(unsigned i)
{
	return (u16_t)(1 + (i * 97u) % 1400u);
}

static void udp_got(void *arg, struct udp_pcb *pcb, struct pbuf *p, const ip_addr_t *addr,
		    u16_t port)
{
	struct udp_test *u = arg;

	if (!u->err && (p->tot_len != udp_len(u->got) || !matches(p, 0, 100 + u->got) ||
			port != u->from_port || !ip_addr_isloopback(addr)))
		u->err = FAIL(-EIO, "datagram %u: %u bytes from port %u, wrong", u->got, p->tot_len,
			      port);
	pbuf_free(p);
	if (++u->got == UDP_COUNT || u->err)
		sys_sem_signal(&u->done);
}

static int test_udp(void)
{
	struct udp_test u = {};
	struct udp_pcb *rx, *tx = NULL;
	ip_addr_t lo;
	u8_t buf[1400];
	int err = 0;

	ip_addr_set_loopback(0, &lo);
	if (sys_sem_new(&u.done, 0) != ERR_OK)
		return -ENOMEM;
	LOCK_TCPIP_CORE();
	rx = udp_new();
	tx = udp_new();
	if (!rx || !tx || udp_bind(rx, &lo, 0) != ERR_OK || udp_bind(tx, &lo, 0) != ERR_OK) {
		err = FAIL(-ENOMEM, "no UDP pcbs or bind failed");
		goto out_unlock;
	}
	u.from_port = tx->local_port;
	udp_recv(rx, udp_got, &u);
	for (unsigned i = 0; i < UDP_COUNT && !err; i++) {
		struct pbuf *p = pbuf_alloc(PBUF_TRANSPORT, udp_len(i), PBUF_RAM);

		if (!p) {
			err = FAIL(-ENOMEM, "no pbuf");
			break;
		}
		fill(buf, 0, 100 + i, udp_len(i));
		pbuf_take(p, buf, udp_len(i));
		if (udp_sendto(tx, p, &lo, rx->local_port) != ERR_OK)
			err = FAIL(-EIO, "udp_sendto %u failed", i);
		pbuf_free(p);
	}
	UNLOCK_TCPIP_CORE();
	if (!err && sys_arch_sem_wait(&u.done, WAIT_MS) == SYS_ARCH_TIMEOUT)
		err = FAIL(-ETIMEDOUT, "%u of %u datagrams arrived", u.got, UDP_COUNT);
	LOCK_TCPIP_CORE();
	if (!err)
		err = u.err;
out_unlock:
	if (rx)
		udp_remove(rx);
	if (tx)
		udp_remove(tx);
	UNLOCK_TCPIP_CORE();
	sys_sem_free(&u.done);
	return err;
}

/* ---- ICMP: an echo request answered (127.0.0.1; a gateway: selftest_if.c) ---- */

#define PING_ID	  0x4b56
#define PING_SEQ  7
#define PING_DATA 32

struct ping_test {
	sys_sem_t done;
	bool answered, seen_request;
};

/* Every ICMP packet in (lwIP gives raw pcbs the IP header too): keep the
 * reply to our request, let anything else (the request itself) go on to
 * lwIP's ICMP, which answers it. */
static u8_t ping_got(void *arg, struct raw_pcb *pcb, struct pbuf *p, const ip_addr_t *addr)
{
	struct ping_test *pt = arg;
	struct icmp_echo_hdr h;
	u16_t hlen;
	u8_t ip0;

	if (pbuf_copy_partial(p, &ip0, 1, 0) != 1)
		return 0;
	hlen = (u16_t)((ip0 & 0x0f) * 4);
	if (pbuf_copy_partial(p, &h, sizeof(h), hlen) != sizeof(h) || h.id != PP_HTONS(PING_ID) ||
	    h.seqno != PP_HTONS(PING_SEQ))
		return 0;
	if (h.type == ICMP_ECHO) {
		pt->seen_request = true;
		return 0;
	}
	if (h.type != ICMP_ER || p->tot_len != hlen + sizeof(h) + PING_DATA)
		return 0;
	for (u16_t i = 0; i < PING_DATA; i++)
		if (pbuf_get_at(p, (u16_t)(hlen + sizeof(h) + i)) != pattern(i, 7))
			return 0;
	pt->answered = true;
	pbuf_free(p);
	sys_sem_signal(&pt->done);
	return 1;
}

int kevlar_inet_ping(const ip_addr_t *dst)
{
	struct ping_test pt = {};
	struct raw_pcb *pcb;
	struct icmp_echo_hdr *h;
	struct pbuf *p;
	int err = 0;

	if (sys_sem_new(&pt.done, 0) != ERR_OK)
		return -ENOMEM;
	LOCK_TCPIP_CORE();
	pcb = raw_new(IP_PROTO_ICMP);
	p = pbuf_alloc(PBUF_IP, sizeof(*h) + PING_DATA, PBUF_RAM);
	if (!pcb || !p) {
		err = FAIL(-ENOMEM, "no raw pcb or pbuf");
		goto out_unlock;
	}
	raw_recv(pcb, ping_got, &pt);
	h = p->payload;
	ICMPH_TYPE_SET(h, ICMP_ECHO);
	ICMPH_CODE_SET(h, 0);
	h->id = PP_HTONS(PING_ID);
	h->seqno = PP_HTONS(PING_SEQ);
	h->chksum = 0;
	fill((u8_t *)(h + 1), 0, 7, PING_DATA);
	h->chksum = inet_chksum(h, (u16_t)(sizeof(*h) + PING_DATA));
	if (raw_sendto(pcb, p, dst) != ERR_OK)
		err = FAIL(-EIO, "raw_sendto failed");
	UNLOCK_TCPIP_CORE();
	if (!err && sys_arch_sem_wait(&pt.done, WAIT_MS) == SYS_ARCH_TIMEOUT)
		err = FAIL(-ETIMEDOUT, "no echo reply (the request %s)",
			   pt.seen_request ? "arrived" : "never arrived");
	LOCK_TCPIP_CORE();
out_unlock:
	if (p)
		pbuf_free(p);
	if (pcb)
		raw_remove(pcb);
	UNLOCK_TCPIP_CORE();
	sys_sem_free(&pt.done);
	return err;
}

int kevlar_inet_selftest(struct vfs_sb *sb, unsigned test)
{
	switch (test) {
	case INET_TEST_THREAD:
		return test_thread();
	case INET_TEST_SEM:
		return test_sem();
	case INET_TEST_MBOX:
		return test_mbox();
	case INET_TEST_TCP4:
		return test_tcp(IPADDR_TYPE_V4);
	case INET_TEST_TCP6:
		return test_tcp(IPADDR_TYPE_V6);
	case INET_TEST_UDP4:
		return test_udp();
	case INET_TEST_PING4: {
		ip_addr_t lo;

		ip_addr_set_loopback(0, &lo);
		return kevlar_inet_ping(&lo);
	}
	}
	return -EINVAL;
}
