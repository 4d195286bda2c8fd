/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * /proc/net: the sockets of each family, as Linux lists them (the
 * family's own show function fills the text; kernel/socket.h), and the
 * network devices' counters (dev: kernel/netdev.h), and the TCP/IP
 * stack's routes, IPv6 addresses and sockets (kernel/inet.h).
 */
#include <klib/errno.h>
#include <platform/kmalloc.h>
#include <kernel/inet.h>
#include <kernel/netdev.h>
#include <kernel/netlink.h>
#include <kernel/socket.h>
#include "procfs.h"

#define NET_SHOW_MAX (64u << 10)

static int show(struct pbuf *b, size_t (*fn)(char *buf, size_t size))
{
	char *text = kmalloc(NET_SHOW_MAX);
	size_t len;

	if (!text)
		return -ENOMEM;
	len = fn(text, NET_SHOW_MAX);
	pbuf_put(b, text, len);
	kfree(text);
	return 0;
}

int proc_show_net_unix(struct pbuf *b, const struct proc_node *n)
{
	return show(b, unix_proc_show);
}

int proc_show_net_netlink(struct pbuf *b, const struct proc_node *n)
{
	return show(b, netlink_proc_show);
}

int proc_show_net_dev(struct pbuf *b, const struct proc_node *n)
{
	return show(b, netdev_proc_show);
}

int proc_show_net_inet(struct pbuf *b, const struct proc_node *n)
{
	static const enum inet_proc which[] = {
		[PE_NET_ROUTE] = INET_PROC_ROUTE, [PE_NET_IF_INET6] = INET_PROC_IF_INET6,
		[PE_NET_TCP] = INET_PROC_TCP,	  [PE_NET_TCP6] = INET_PROC_TCP6,
		[PE_NET_UDP] = INET_PROC_UDP,	  [PE_NET_UDP6] = INET_PROC_UDP6,
	};
	char *text = kmalloc(NET_SHOW_MAX);

	if (!text)
		return -ENOMEM;
	pbuf_put(b, text, inet_proc_show(which[n->id], text, NET_SHOW_MAX));
	kfree(text);
	return 0;
}
