/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The stack's interfaces on the kernel's network devices: one lwIP netif
 * per Ethernet netdev (eth0, eth1, ...), through the service API's
 * network-device calls (kevlar_vfs/service.h).
 *
 * Each netif does Ethernet and ARP (etharp_output), IPv6 (ethip6_output,
 * its fe80:: address made from the MAC), has the device's MAC and MTU,
 * and its link follows the device's: link up while the device is open
 * and has carrier, and down for good (the interface too) when its driver
 * fails, while the stack and the other interfaces go on.  An interface is
 * administratively down until inet_ops.ifconfig configures it (the ip=
 * option, or a test), as Linux leaves a new device down.
 *
 * Transmit: linkoutput hands the pbuf chain to svc_netdev_xmit as the
 * layer's segment list (one segment per pbuf; a chain longer than the
 * layer takes is copied flat).  lwIP fills every checksum (CHECKSUM_GEN_*
 * are on), and the frame asks the layer for none, so each is computed once.
 * Receive: the receive thread ("inet-rx", a service thread) takes frames
 * the kernel queued from the drivers' interrupts (svc_netdev_recv: most
 * land straight in pool pbufs the thread gave the kernel ahead with
 * svc_netdev_post, the rest are copied into one it keeps ready) and runs
 * each through lwIP itself under the
 * core lock (netif->input is tcpip_input, LWIP_TCPIP_CORE_LOCKING_INPUT).
 * When the
 * kernel says the devices changed, the thread adds a netif for each new
 * device and brings links up and down.
 *
 * Locking: the netifs and `kifs` change only under lwIP's core lock;
 * `nkifs` is published with a release store, so the receive thread finds
 * an interface without the lock (they are never removed).
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <kevlar_vfs/inet.h>
#include <kevlar_vfs/service.h>
#include "lwip/dhcp.h"
#include "lwip/etharp.h"
#include "lwip/ethip6.h"
#include "lwip/netif.h"
#include "lwip/pbuf.h"
#include "lwip/sys.h"
#include "lwip/tcpip.h"
#include "netif/ethernet.h"
#include "inet.h"

#define KIF_MAX	  16
#define FRAME_MAX 1536 /* the kernel's receive queue's frames */
#define SEGS_MAX  16   /* the netdev layer's segments of one frame */
#define RECV_WAIT (1000ull * 1000 * 1000)
#define DHCP_POLL 20 /* ms */
#define RX_POSTED 64 /* pbufs given to the kernel ahead (its most) */

struct kif {
	struct netif netif;
	int ifindex;
	char name[SVC_NETDEV_NAME_MAX];
	bool failed; /* its driver failed: down for good */
	bool opened; /* svc_netdev_open succeeded */
	bool dhcp;   /* configured by DHCP */
	u8_t *flat;  /* a long chain's copy (core lock) */
	unsigned flat_size;
};

static struct kif *kifs[KIF_MAX]; /* core lock; then never changes */
static unsigned nkifs;		  /* atomic: kifs[0..nkifs) are published */
static struct vfs_sb *inet_sb;	  /* the instance (set at start) */
static u8_t rx_buf[FRAME_MAX];	  /* the receive thread's, without a pbuf */

static struct kif *kif_by_index(int ifindex)
{
	unsigned n = __atomic_load_n(&nkifs, __ATOMIC_ACQUIRE);

	for (unsigned i = 0; i < n; i++)
		if (kifs[i]->ifindex == ifindex)
			return kifs[i];
	return NULL;
}

static struct kif *kif_by_name(const char *name)
{
	unsigned n = __atomic_load_n(&nkifs, __ATOMIC_ACQUIRE);

	for (unsigned i = 0; i < n; i++)
		if (!strcmp(kifs[i]->name, name))
			return kifs[i];
	return NULL;
}

/* ---- transmit ---- */

static err_t kif_linkoutput(struct netif *netif, struct pbuf *p)
{
	struct kif *k = netif->state;
	struct svc_net_seg segs[SEGS_MAX];
	unsigned n = 0;
	int r;

	for (struct pbuf *q = p; q && n <= SEGS_MAX; q = q->next) {
		if (n < SEGS_MAX)
			segs[n] = (struct svc_net_seg){q->payload, q->len};
		n++;
		if (q->tot_len == q->len)
			break;
	}
	if (n > SEGS_MAX) {
		if (p->tot_len > k->flat_size)
			return ERR_BUF;
		segs[0] =
			(struct svc_net_seg){k->flat, pbuf_copy_partial(p, k->flat, p->tot_len, 0)};
		n = 1;
	}
	r = svc_netdev_xmit(kevlar_inet_cap(), k->ifindex, segs, n);
	if (r == -ENOBUFS)
		return ERR_MEM;
	return r ? ERR_IF : ERR_OK;
}

static err_t kif_init(struct netif *netif)
{
	struct kif *k = netif->state;
	struct svc_netdev_info info;

	if (svc_netdev_info(kevlar_inet_cap(), k->ifindex, &info))
		return ERR_IF;
	netif->name[0] = 'e';
	netif->name[1] = 't';
	netif->hwaddr_len = ETH_HWADDR_LEN;
	memcpy(netif->hwaddr, info.addr, ETH_HWADDR_LEN);
	netif->mtu = (u16_t)MIN(info.mtu, FRAME_MAX - SIZEOF_ETH_HDR - 4);
	netif->mtu6 = netif->mtu;
	/* IGMP: IP_ADD_MEMBERSHIP on the interface (the device passes every
	 * frame up, so no multicast filter is programmed) */
	netif->flags = NETIF_FLAG_BROADCAST | NETIF_FLAG_ETHARP | NETIF_FLAG_ETHERNET |
		       NETIF_FLAG_MLD6 | NETIF_FLAG_IGMP;
	netif->output = etharp_output;
	netif->output_ip6 = ethip6_output;
	netif->linkoutput = kif_linkoutput;
	return ERR_OK;
}

/* ---- the devices ---- */

/* Core lock: the device is new, make its netif (down until configured). */
static struct kif *kif_add(const struct svc_netdev_info *info)
{
	struct kif *k;

	if (nkifs == KIF_MAX)
		return NULL;
	k = kevlar_inet_calloc(1, sizeof(*k));
	if (!k)
		return NULL;
	k->ifindex = info->ifindex;
	memcpy(k->name, info->name, sizeof(k->name));
	k->flat_size = FRAME_MAX;
	k->flat = kevlar_inet_malloc(k->flat_size);
	if (!k->flat || !netif_add(&k->netif, NULL, NULL, NULL, k, kif_init, tcpip_input)) {
		kevlar_inet_free(k->flat);
		kevlar_inet_free(k);
		return NULL;
	}
	netif_create_ip6_linklocal_address(&k->netif, 1);
	netif_set_ip6_autoconfig_enabled(&k->netif, 1); /* SLAAC, as Linux's default */
	kifs[nkifs] = k;
	__atomic_store_n(&nkifs, nkifs + 1, __ATOMIC_RELEASE);
	return k;
}

/* Core lock: follow the device's state. */
static void kif_update(struct kif *k, const struct svc_netdev_info *info)
{
	if (k->failed)
		return;
	if (info->failed) {
		k->failed = true;
		netif_set_link_down(&k->netif);
		netif_set_down(&k->netif);
		svc_log("inet: %s: its device failed; the interface is down", k->name);
		return;
	}
	if (info->up && info->carrier)
		netif_set_link_up(&k->netif);
	else
		netif_set_link_down(&k->netif);
}

/* Core lock: a netif for every Ethernet device, links as the devices'. */
static void kif_sync(void)
{
	struct svc_netdev_info info;

	for (int i = svc_netdev_next(kevlar_inet_cap(), 0, &info); i;
	     i = svc_netdev_next(kevlar_inet_cap(), i, &info)) {
		struct kif *k = kif_by_index(i);

		if (!k)
			k = kif_add(&info);
		if (k)
			kif_update(k, &info);
	}
}

/* ---- receive ---- */

/*
 * The receive buffers: a frame's pbuf is a custom pbuf (lwIP hands it to
 * rx_pbuf_free when its last reference goes, wherever that is) with the
 * frame's room behind it, and a freed one waits on a free list for the
 * next frame instead of going back to the allocator: a bulk receive then
 * takes no allocation and no free per frame.  The list holds at most
 * RX_CACHE (a window's worth of frames and the posted ones); it is
 * guarded by SYS_ARCH_PROTECT, as a pbuf may be freed by any thread.
 */
#define RX_CACHE 192

struct rx_cell {
	struct pbuf_custom pc; /* first: lwIP's pbuf is the buffer */
	struct rx_cell *next;  /* on the free list */
	u8_t data[FRAME_MAX];
};

static struct rx_cell *rx_free; /* SYS_ARCH_PROTECT */
static unsigned rx_nfree;

static void rx_pbuf_free(struct pbuf *p)
{
	struct rx_cell *b = (struct rx_cell *)(void *)p;
	SYS_ARCH_DECL_PROTECT(lev);

	SYS_ARCH_PROTECT(lev);
	if (rx_nfree < RX_CACHE) {
		b->next = rx_free;
		rx_free = b;
		rx_nfree++;
		b = NULL;
	}
	SYS_ARCH_UNPROTECT(lev);
	if (b)
		kevlar_inet_free(b);
}

/* A pbuf of FRAME_MAX bytes in one piece, or NULL. */
static struct pbuf *rx_pbuf(void)
{
	struct rx_cell *b;
	SYS_ARCH_DECL_PROTECT(lev);

	SYS_ARCH_PROTECT(lev);
	b = rx_free;
	if (b) {
		rx_free = b->next;
		rx_nfree--;
	}
	SYS_ARCH_UNPROTECT(lev);
	if (!b)
		b = kevlar_inet_malloc(sizeof(*b));
	if (!b)
		return NULL;
	b->pc.custom_free_function = rx_pbuf_free;
	return pbuf_alloced_custom(PBUF_RAW, FRAME_MAX, PBUF_POOL, &b->pc, b->data,
				   sizeof(b->data));
}

/* The pbufs whose payloads the kernel holds (svc_netdev_post), oldest
 * first: it fills and gives them back in that order. */
static struct pbuf *posted[RX_POSTED];
static unsigned posted_head, nposted;

static void rx_post(struct vfs_sb *sb)
{
	while (nposted < RX_POSTED) {
		struct pbuf *p = rx_pbuf();

		if (!p)
			return;
		if (svc_netdev_post(kevlar_inet_cap(), sb, p->payload, FRAME_MAX)) {
			pbuf_free(p);
			return;
		}
		posted[(posted_head + nposted) % RX_POSTED] = p;
		nposted++;
	}
}

/* Frames go straight into receive pbufs (rx_pbuf: one piece,
 * which holds a frame, shrunk to the frame's length): the kernel fills
 * the posted ones in its interrupt, and copies a frame it had to queue
 * into a slot (none was posted) into the one the thread keeps ready.
 * Without that one (lwIP is out of buffers) such a frame is taken into
 * rx_buf and dropped, as a full queue drops it.  When the thread ends
 * (the instance failed) the kernel may still name the posted pbufs: they
 * are left to the instance's memory. */
static void rx_thread(void *arg)
{
	struct vfs_sb *sb = arg;
	struct pbuf *p = NULL;

	for (;;) {
		int ifindex = 0;
		void *frame = NULL;
		struct pbuf *got;
		ssize_t r;
		struct kif *k;

		rx_post(sb);
		if (!p)
			p = rx_pbuf();
		r = svc_netdev_recv(kevlar_inet_cap(), sb, &ifindex, p ? p->payload : rx_buf,
				    FRAME_MAX, &frame, RECV_WAIT);
		if (r == 0) {
			LOCK_TCPIP_CORE();
			kif_sync();
			UNLOCK_TCPIP_CORE();
			continue;
		}
		if (r == -ETIMEDOUT)
			continue;
		if (r < 0) {
			svc_log("inet: the receive thread ends (%d)", (int)r);
			if (p)
				pbuf_free(p);
			return;
		}
		if (p && frame == p->payload) {
			got = p;
			p = NULL;
		} else if (nposted && frame == posted[posted_head]->payload) {
			got = posted[posted_head];
			posted_head = (posted_head + 1) % RX_POSTED;
			nposted--;
		} else {
			got = NULL; /* in rx_buf: dropped for want of a buffer */
			if (frame != rx_buf)
				svc_panic("inet: a received frame in a buffer not ours");
		}
		k = kif_by_index(ifindex);
		if (!k || !got) {
			if (got)
				pbuf_free(got);
			continue; /* no interface; or dropped for want of a buffer */
		}
		pbuf_realloc(got, (u16_t)r);
		if (k->netif.input(got, &k->netif) != ERR_OK)
			pbuf_free(got);
	}
}

int kevlar_inet_netif_start(struct vfs_sb *sb)
{
	inet_sb = sb;
	LOCK_TCPIP_CORE();
	kif_sync();
	UNLOCK_TCPIP_CORE();
	return svc_thread_start(kevlar_inet_cap(), sb, "inet-rx", rx_thread, sb);
}

/* ---- configuration ---- */

static void log_addr(const struct kif *k, const char *how)
{
	char a[16], m[16], g[16];

	svc_log("inet: %s: %s address %s netmask %s gateway %s", k->name, how,
		ip4addr_ntoa_r(netif_ip4_addr(&k->netif), a, sizeof(a)),
		ip4addr_ntoa_r(netif_ip4_netmask(&k->netif), m, sizeof(m)),
		ip4addr_ntoa_r(netif_ip4_gw(&k->netif), g, sizeof(g)));
}

int kevlar_inet_ifconfig(struct vfs_sb *sb, const struct inet_ifconf *c)
{
	struct svc_netdev_info info;
	struct kif *k;
	uint64_t deadline;
	int r = 0;

	if (!c || !memchr(c->ifname, '\0', sizeof(c->ifname)))
		return -EINVAL;
	LOCK_TCPIP_CORE();
	kif_sync();
	k = kif_by_name(c->ifname);
	UNLOCK_TCPIP_CORE();
	if (!k)
		return -ENODEV;
	if (k->failed)
		return -ENETDOWN;
	r = svc_netdev_open(kevlar_inet_cap(), sb, k->ifindex); /* may sleep: no core lock */
	if (r)
		return r == -EIO ? -ENETDOWN : r;
	LOCK_TCPIP_CORE();
	k->opened = true;
	if (!svc_netdev_info(kevlar_inet_cap(), k->ifindex, &info))
		kif_update(k, &info);
	if (k->failed) {
		r = -ENETDOWN;
		goto out_unlock;
	}
	if (c->dhcp) {
		netif_set_up(&k->netif);
		if (!netif_default)
			netif_set_default(&k->netif);
		k->dhcp = true;
		if (dhcp_start(&k->netif) != ERR_OK)
			r = -ENOMEM;
	} else {
		ip4_addr_t a, m, g;

		ip4_addr_set_u32(&a, c->addr);
		ip4_addr_set_u32(&m, c->netmask);
		ip4_addr_set_u32(&g, c->gw);
		netif_set_addr(&k->netif, &a, &m, &g);
		netif_set_up(&k->netif);
		if (!netif_default || c->gw)
			netif_set_default(&k->netif);
		log_addr(k, "static");
	}
	UNLOCK_TCPIP_CORE();
	if (r || !c->dhcp)
		return r;
	deadline = svc_clock_ns() + c->timeout_ns;
	for (;;) {
		bool got;

		LOCK_TCPIP_CORE();
		got = dhcp_supplied_address(&k->netif);
		if (got)
			log_addr(k, "DHCP");
		UNLOCK_TCPIP_CORE();
		if (got)
			return 0;
		if (svc_clock_ns() >= deadline) {
			svc_log("inet: %s: no DHCP lease yet (the client goes on)", k->name);
			return -ETIMEDOUT;
		}
		sys_msleep(DHCP_POLL);
	}
out_unlock:
	UNLOCK_TCPIP_CORE();
	return r;
}

int kevlar_inet_ifstate(struct vfs_sb *sb, const char *ifname, struct inet_ifstate *st)
{
	struct kif *k;

	(void)sb;
	LOCK_TCPIP_CORE();
	kif_sync();
	k = kif_by_name(ifname);
	if (k) {
		const ip6_addr_t *ll = netif_ip6_addr(&k->netif, 0);

		memset(st, 0, sizeof(*st));
		st->addr = ip4_addr_get_u32(netif_ip4_addr(&k->netif));
		st->netmask = ip4_addr_get_u32(netif_ip4_netmask(&k->netif));
		st->gw = ip4_addr_get_u32(netif_ip4_gw(&k->netif));
		if (ip6_addr_islinklocal(ll) &&
		    !ip6_addr_isinvalid(netif_ip6_addr_state(&k->netif, 0)))
			memcpy(st->ip6_linklocal, ll->addr, sizeof(st->ip6_linklocal));
		memcpy(st->hwaddr, k->netif.hwaddr, sizeof(st->hwaddr));
		st->mtu = k->netif.mtu;
		st->up = netif_is_up(&k->netif);
		st->link_up = netif_is_link_up(&k->netif);
		st->dhcp = k->dhcp && dhcp_supplied_address(&k->netif);
		if (st->dhcp)
			st->dhcp_server = ip4_addr_get_u32(
				ip_2_ip4(&netif_dhcp_data(&k->netif)->server_ip_addr));
	}
	UNLOCK_TCPIP_CORE();
	return k ? 0 : -ENODEV;
}

int kevlar_inet_netif_updown(struct vfs_sb *sb, const char *ifname, bool up)
{
	struct svc_netdev_info info;
	struct kif *k;
	int r = 0;

	LOCK_TCPIP_CORE();
	kif_sync();
	k = kif_by_name(ifname);
	UNLOCK_TCPIP_CORE();
	if (!k)
		return -ENODEV;
	if (k->failed)
		return -ENETDOWN;
	if (up) {
		r = svc_netdev_open(kevlar_inet_cap(), sb, k->ifindex); /* may sleep */
		if (r)
			return r == -EIO ? -ENETDOWN : r;
	}
	LOCK_TCPIP_CORE();
	if (up) {
		k->opened = true;
		if (!svc_netdev_info(kevlar_inet_cap(), k->ifindex, &info))
			kif_update(k, &info);
		if (!k->failed)
			netif_set_up(&k->netif);
	} else {
		netif_set_down(&k->netif);
	}
	r = k->failed ? -ENETDOWN : 0;
	UNLOCK_TCPIP_CORE();
	return r;
}

const char *kevlar_inet_netif_name(const struct netif *netif)
{
	unsigned n = __atomic_load_n(&nkifs, __ATOMIC_ACQUIRE);

	for (unsigned i = 0; i < n; i++)
		if (&kifs[i]->netif == netif)
			return kifs[i]->name;
	return NULL;
}

struct netif *kevlar_inet_netif(const char *ifname)
{
	struct kif *k = kif_by_name(ifname);

	return k ? &k->netif : NULL;
}

int kevlar_inet_netif_ifindex(const struct netif *n)
{
	unsigned cnt = __atomic_load_n(&nkifs, __ATOMIC_ACQUIRE);

	for (unsigned i = 0; i < cnt; i++)
		if (&kifs[i]->netif == n)
			return kifs[i]->ifindex;
	return 1; /* lwIP's loopback netif is the kernel's lo */
}
