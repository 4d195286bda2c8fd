/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The self-tests of the interfaces on real devices (inet_ops.iftest, run
 * by KTAP suite `inet`, kernel/net/inet_if_ktest.c, against QEMU's user
 * network): an ICMP echo answered by the gateway, the gateway's MAC
 * resolved by ARP afresh, a TFTP request answered through lwIP's UDP, a
 * TCP connection refused with a RST.  Each returns 0, or -errno after
 * logging what went wrong; callbacks run in the tcpip thread under the
 * core lock, the test waits on a semaphore with a deadline, then detaches
 * what is left.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <kevlar_vfs/inet.h>
#include <kevlar_vfs/service.h>
#include "lwip/etharp.h"
#include "lwip/ip_addr.h"
#include "lwip/netif.h"
#include "lwip/sys.h"
#include "lwip/tcp.h"
#include "lwip/tcpip.h"
#include "lwip/udp.h"
#include "inet.h"

#define WAIT_MS	 20000 /* under TCG */
#define ARP_POLL 20    /* ms */

#define FAIL(err, ...)                                \
	({                                            \
		svc_log("inet iftest: " __VA_ARGS__); \
		(err);                                \
	})

/* ---- ARP: the destination's MAC resolved afresh ---- */

static int test_arp(struct netif *netif, struct inet_iftest_arg *a)
{
	ip4_addr_t dst;
	uint64_t deadline =
		svc_clock_ns() + (uint64_t)(a->timeout_ms ? a->timeout_ms : WAIT_MS) * 1000000;

	ip4_addr_set_u32(&dst, a->dst);
	LOCK_TCPIP_CORE();
	etharp_cleanup_netif(netif); /* forget what is known: the answer must be new */
	if (etharp_request(netif, &dst) != ERR_OK) {
		UNLOCK_TCPIP_CORE();
		return FAIL(-EIO, "%s: etharp_request failed", a->ifname);
	}
	UNLOCK_TCPIP_CORE();
	for (;;) {
		struct eth_addr *mac;
		const ip4_addr_t *ip;
		ssize_t i;

		LOCK_TCPIP_CORE();
		i = etharp_find_addr(netif, &dst, &mac, &ip);
		if (i >= 0)
			memcpy(a->mac, mac->addr, sizeof(a->mac));
		UNLOCK_TCPIP_CORE();
		if (i >= 0)
			return 0;
		if (svc_clock_ns() >= deadline)
			return FAIL(-ETIMEDOUT, "no ARP reply");
		sys_msleep(ARP_POLL);
	}
}

/* ---- UDP: a TFTP read request answered (with an error: no such file) ---- */

#define TFTP_RRQ   1
#define TFTP_ERROR 5

struct udp_test {
	sys_sem_t done;
	u16_t opcode;
	ip_addr_t from;
};

static void udp_got(void *arg, struct udp_pcb *pcb, struct pbuf *p, const ip_addr_t *addr,
		    u16_t port)
{
	struct udp_test *u = arg;
	u8_t op[2];

	(void)pcb;
	(void)port;
	if (!u->opcode && pbuf_copy_partial(p, op, 2, 0) == 2) {
		u->opcode = (u16_t)(op[0] << 8 | op[1]);
		ip_addr_copy(u->from, *addr);
		sys_sem_signal(&u->done);
	}
	pbuf_free(p);
}

static int test_udp(struct inet_iftest_arg *a)
{
	static const char rrq[] = "\0\1kevlar-no-such-file\0octet";
	struct udp_test u = {};
	struct udp_pcb *pcb;
	struct pbuf *p;
	ip_addr_t dst;
	int err = 0;

	ip_addr_set_ip4_u32_val(dst, a->dst);
	if (sys_sem_new(&u.done, 0) != ERR_OK)
		return -ENOMEM;
	LOCK_TCPIP_CORE();
	pcb = udp_new_ip_type(IPADDR_TYPE_V4);
	p = pbuf_alloc(PBUF_TRANSPORT, sizeof(rrq), PBUF_RAM);
	if (!pcb || !p) {
		err = FAIL(-ENOMEM, "no udp pcb or pbuf");
		goto out_unlock;
	}
	udp_recv(pcb, udp_got, &u);
	memcpy(p->payload, rrq, sizeof(rrq)); /* its last NUL ends "octet" */
	if (udp_sendto(pcb, p, &dst, a->port) != ERR_OK)
		err = FAIL(-EIO, "udp_sendto failed");
	UNLOCK_TCPIP_CORE();
	if (!err &&
	    sys_arch_sem_wait(&u.done, a->timeout_ms ? a->timeout_ms : WAIT_MS) == SYS_ARCH_TIMEOUT)
		err = FAIL(-ETIMEDOUT, "no answer to the TFTP request");
	LOCK_TCPIP_CORE();
	if (!err && (u.opcode != TFTP_ERROR || !ip_addr_cmp(&u.from, &dst)))
		err = FAIL(-EPROTO, "the answer is opcode %u, not a TFTP error from the server",
			   u.opcode);
out_unlock:
	if (p)
		pbuf_free(p);
	if (pcb)
		udp_remove(pcb);
	UNLOCK_TCPIP_CORE();
	sys_sem_free(&u.done);
	return err;
}

/* ---- TCP: a connection refused (the peer's RST) ---- */

struct tcp_test {
	sys_sem_t done;
	err_t err;	/* what tcp_err said */
	bool connected; /* (wrongly) accepted */
};

static void tcp_failed(void *arg, err_t err)
{
	struct tcp_test *tt = arg;

	tt->err = err; /* the pcb is freed by lwIP */
	sys_sem_signal(&tt->done);
}

static err_t tcp_connected(void *arg, struct tcp_pcb *pcb, err_t err)
{
	struct tcp_test *tt = arg;

	(void)pcb;
	(void)err;
	tt->connected = true;
	sys_sem_signal(&tt->done);
	return ERR_OK;
}

static int test_tcp_rst(struct inet_iftest_arg *a)
{
	struct tcp_test tt = {.err = ERR_OK};
	struct tcp_pcb *pcb;
	ip_addr_t dst;
	int err = 0;
	bool waited;

	ip_addr_set_ip4_u32_val(dst, a->dst);
	if (sys_sem_new(&tt.done, 0) != ERR_OK)
		return -ENOMEM;
	LOCK_TCPIP_CORE();
	pcb = tcp_new_ip_type(IPADDR_TYPE_V4);
	if (!pcb) {
		err = FAIL(-ENOMEM, "no tcp pcb");
		goto out_unlock;
	}
	tcp_arg(pcb, &tt);
	tcp_err(pcb, tcp_failed);
	if (tcp_connect(pcb, &dst, a->port, tcp_connected) != ERR_OK) {
		tcp_abort(pcb);
		err = FAIL(-EIO, "tcp_connect failed");
		goto out_unlock;
	}
	UNLOCK_TCPIP_CORE();
	waited = sys_arch_sem_wait(&tt.done, a->timeout_ms ? a->timeout_ms : WAIT_MS) !=
		 SYS_ARCH_TIMEOUT;
	LOCK_TCPIP_CORE();
	if (!waited) {
		tcp_abort(pcb); /* calls tcp_failed with ERR_ABRT: pcb gone */
		err = FAIL(-ETIMEDOUT, "no answer to the SYN");
	} else if (tt.connected) {
		tcp_abort(pcb);
		err = FAIL(-EPROTO, "the connection was accepted");
	} else if (tt.err != ERR_RST) {
		err = FAIL(-EPROTO, "the connection failed with lwIP error %d, not a RST", tt.err);
	}
out_unlock:
	UNLOCK_TCPIP_CORE();
	sys_sem_free(&tt.done);
	return err;
}

int kevlar_inet_iftest(struct vfs_sb *sb, unsigned test, struct inet_iftest_arg *a)
{
	struct netif *netif;
	ip_addr_t dst;

	(void)sb;
	if (!a || !memchr(a->ifname, '\0', sizeof(a->ifname)))
		return -EINVAL;
	netif = kevlar_inet_netif(a->ifname);
	if (!netif)
		return -ENODEV;
	switch (test) {
	case INET_IFTEST_PING:
		ip_addr_set_ip4_u32_val(dst, a->dst);
		return kevlar_inet_ping(&dst);
	case INET_IFTEST_ARP:
		return test_arp(netif, a);
	case INET_IFTEST_UDP:
		return test_udp(a);
	case INET_IFTEST_TCP_RST:
		return test_tcp_rst(a);
	}
	return -EINVAL;
}
