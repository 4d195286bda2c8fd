/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * /proc/net/route, if_inet6, tcp, tcp6, udp and udp6 in Linux's formats
 * (fib_route_seq_show, if6_seq_show, tcp4/6_seq_show, udp4/6_seq_show:
 * the same headers, columns, widths and padding), from the interface
 * configuration (ifconf.h) and the stack's protocol control blocks
 * (inet_ops.pcb_list).  Not known here, so shown as 0: a socket's uid
 * and inode, timers, retransmits; the kernel pointer is 0 as Linux shows
 * it to a reader without CAP_SYSLOG.
 */
#include <klib/errno.h>
#include <klib/printf.h>
#include <klib/string.h>
#include <linux/if.h>
#include <linux/if_addr.h>
#include <linux/route.h>
#include <linux/rtnetlink.h>
#include <platform/kmalloc.h>
#include <kernel/inet.h>
#include <kernel/netdev.h>
#include <kernel/vfs.h>
#include "ifconf.h"

#define PCB_MAX 256

struct out {
	char *buf;
	size_t size, len;
};

static void put(struct out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(struct out *o, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (o->len >= o->size)
		return;
	va_start(ap, fmt);
	n = vsnprintf(o->buf + o->len, o->size - o->len, fmt, ap);
	va_end(ap);
	o->len = MIN(o->size, o->len + (size_t)n);
}

/* seq_pad: spaces up to `width` characters of the line started at `from`, then a newline. */
static void pad(struct out *o, size_t from, size_t width)
{
	while (o->len - from < width && o->len < o->size)
		o->buf[o->len++] = ' ';
	put(o, "\n");
}

static uint32_t h32(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, 4);
	return v; /* the be32 word as the host reads it: Linux's %08X of __be32 */
}

/* ---- route ---- */

static void route_line(struct out *o, const char *name, uint32_t dst, uint32_t gw, unsigned flags,
		       uint32_t mask)
{
	size_t from = o->len;

	put(o, "%s\t%08X\t%08X\t%04X\t%d\t%u\t%d\t%08X\t%d\t%u\t%u", name, dst, gw, flags, 0, 0u, 0,
	    mask, 0, 0u, 0u);
	pad(o, from, 127);
}

static int route_default(struct net_device *dev, void *arg)
{
	struct ifview v;

	ifview_get(dev, &v);
	if (v.inet && v.in.is_default && (v.flags & IFF_UP))
		route_line(arg, dev->name, 0, v.in.gw, RTF_UP | RTF_GATEWAY, 0);
	return 0;
}

static int route_subnet(struct net_device *dev, void *arg)
{
	struct ifview v;

	ifview_get(dev, &v);
	if (v.inet && v.in.addr && (v.flags & IFF_UP) && !(v.flags & IFF_LOOPBACK))
		route_line(arg, dev->name, v.in.addr & v.in.netmask, 0, RTF_UP, v.in.netmask);
	return 0;
}

/* ---- if_inet6 ---- */

static int if6_one(struct net_device *dev, void *arg)
{
	struct out *o = arg;
	struct ifview v;

	ifview_get(dev, &v);
	if (!v.inet || !(v.flags & IFF_UP))
		return 0;
	for (unsigned i = 0; i < v.in.naddr6; i++) {
		const struct inet_ifaddr6 *a = &v.in.addr6[i];
		unsigned scope = a->prefixlen == 128	       ? 0x10
				 : a->addr[0] != 0xfe	       ? 0
				 : (a->addr[1] & 0xc0) == 0x80 ? 0x20 /* link */
				 : (a->addr[1] & 0xc0) == 0xc0 ? 0x40 /* site */
							       : 0;
		unsigned flags = (a->flags & INET_IFA6_AUTOCONF) ? 0 : IFA_F_PERMANENT;

		if (a->flags & INET_IFA6_TENTATIVE)
			flags |= IFA_F_TENTATIVE;
		for (int j = 0; j < 16; j++)
			put(o, "%02x", a->addr[j]);
		put(o, " %02x %02x %02x %02x %8s\n", dev->ifindex, a->prefixlen, scope, flags,
		    dev->name);
	}
	return 0;
}

/* ---- tcp, udp ---- */

static void addr_hex(struct out *o, const struct inet_addr *a, bool v6)
{
	if (!v6) {
		put(o, "%08X:%04X", h32(a->addr), a->port);
		return;
	}
	put(o, "%08X%08X%08X%08X:%04X", h32(a->addr), h32(a->addr + 4), h32(a->addr + 8),
	    h32(a->addr + 12), a->port);
}

static void pcbs(struct out *o, unsigned proto, bool v6)
{
	static const char tcp_hdr[] = "  sl  local_address rem_address   st tx_queue rx_queue tr "
				      "tm->when retrnsmt   uid  timeout inode";
	static const char v6_hdr[] =
		"  sl  local_address                         remote_address  "
		"                      st tx_queue rx_queue tr tm->when retrnsmt "
		"  uid  timeout inode";
	bool tcp = proto == INET_PROTO_TCP;
	struct vfs_sb *sb = inet_instance();
	struct inet_pcbinfo *p = kmalloc(PCB_MAX * sizeof(*p));
	int n = 0, sl = 0;

	if (!v6 && tcp) {
		put(o, "%-149s\n", tcp_hdr);
	} else if (!v6) {
		put(o, "%-127s\n",
		    "   sl  local_address rem_address   st tx_queue rx_queue tr "
		    "tm->when retrnsmt   uid  timeout inode ref pointer drops");
	} else {
		put(o, "%s%s\n", v6_hdr, tcp ? "" : " ref pointer drops");
	}
	if (p && !IS_ERR(sb))
		n = inet_pcb_list(sb, proto, p, PCB_MAX);
	for (int i = 0; i < MIN(n, PCB_MAX); i++) {
		size_t from = o->len;

		if ((p[i].local.family == INET_AF6) != v6)
			continue;
		put(o, tcp ? "%4d: " : "%5d: ", sl++);
		addr_hex(o, &p[i].local, v6);
		put(o, " ");
		addr_hex(o, &p[i].remote, v6);
		put(o, " %02X %08X:%08X %02X:%08lX %08X %5u %8d %lu ", p[i].state, p[i].tx_queue,
		    p[i].rx_queue, 0, 0ul, 0u, 0u, 0, 0ul);
		if (tcp)
			put(o, "%d %016x %lu %lu %u %u %d", 1, 0, 0ul, 0ul, 0u, 10u,
			    p[i].state == 10 ? 0 : -1);
		else
			put(o, "%d %016x %u", 2, 0, 0u);
		if (v6)
			put(o, "\n");
		else
			pad(o, from, tcp ? 149 : 127);
	}
	kfree(p);
}

size_t inet_proc_show(enum inet_proc which, char *buf, size_t size)
{
	struct out o = {buf, size, 0};

	switch (which) {
	case INET_PROC_ROUTE:
		put(&o, "%-127s\n",
		    "Iface\tDestination\tGateway "
		    "\tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT");
		(void)netdev_for_each(route_default, &o);
		(void)netdev_for_each(route_subnet, &o);
		break;
	case INET_PROC_IF_INET6:
		(void)netdev_for_each(if6_one, &o);
		break;
	case INET_PROC_TCP:
	case INET_PROC_TCP6:
		pcbs(&o, INET_PROTO_TCP, which == INET_PROC_TCP6);
		break;
	case INET_PROC_UDP:
	case INET_PROC_UDP6:
		pcbs(&o, INET_PROTO_UDP, which == INET_PROC_UDP6);
		break;
	}
	return o.len;
}
