/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * kevlar_inet: the TCP/IP stack (lwIP 2.1.3, Debian's source package,
 * fetched and built by mk/lwip.mk) as a ring-2 service.  The kernel makes
 * its one instance (an internal type: no mount(2), not in
 * /proc/filesystems); the mount starts lwIP (tcpip_init: lwIP's globals,
 * the loopback interface with 127.0.0.1 and ::1, the tcpip thread),
 * waits until its thread runs, and makes an interface for each Ethernet
 * device (netif.c).  Ring 1 calls in through the protocol
 * table (kevlar_vfs/inet.h), each call a contained crossing.  lwIP keeps
 * global state, so a second mount is refused (-EBUSY): a failed stack
 * stays failed until the next boot.
 */
#include <klib/errno.h>
#include <kevlar_vfs/inet.h>
#include <kevlar_vfs/service.h>
#include "lwip/netif.h"
#include "lwip/tcpip.h"
#include "inet.h"
#include "sock.h"
#include "sock_icmp.h"

static bool started; /* lwIP was started (once per boot) */

/* lwIP's loopif starts with every checksum off (LWIP_CHECKSUM_CTRL_PER_NETIF):
 * as Linux's lo, TCP and UDP stay without (their packets never leave
 * memory), but the IPv4 header and ICMP/ICMPv6 messages carry theirs, which
 * ping and raw sockets show. */
static void loopif_checksums(void)
{
	struct netif *n;

	NETIF_FOREACH(n)
	{
		if (n->name[0] == 'l' && n->name[1] == 'o')
			NETIF_SET_CHECKSUM_CTRL(
				n, NETIF_CHECKSUM_GEN_IP | NETIF_CHECKSUM_CHECK_IP |
					   NETIF_CHECKSUM_GEN_ICMP | NETIF_CHECKSUM_CHECK_ICMP |
					   NETIF_CHECKSUM_GEN_ICMP6 | NETIF_CHECKSUM_CHECK_ICMP6);
	}
}

static void tcpip_ready(void *arg)
{
	loopif_checksums();
	kevlar_inet_looptap_init(); /* the tcpip thread: before any traffic */
	svc_sem_post(kevlar_inet_cap(), arg);
}

static const struct vfs_sb_ops inet_sb_ops = {};
static const struct inet_ops inet_proto = {
	.selftest = kevlar_inet_selftest,
	.ifconfig = kevlar_inet_ifconfig,
	.ifstate = kevlar_inet_ifstate,
	.iftest = kevlar_inet_iftest,
	.sock_new = kevlar_inet_sock_new,
	.sock_close = kevlar_inet_sock_close,
	.sock_bind = kevlar_inet_sock_bind,
	.sock_listen = kevlar_inet_sock_listen,
	.sock_accept = kevlar_inet_sock_accept,
	.sock_connect = kevlar_inet_sock_connect,
	.sock_send = kevlar_inet_sock_send,
	.sock_recv = kevlar_inet_sock_recv,
	.sock_shutdown = kevlar_inet_sock_shutdown,
	.sock_getname = kevlar_inet_sock_getname,
	.sock_poll = kevlar_inet_sock_poll,
	.sock_opt = kevlar_inet_sock_opt,
	.if_get = kevlar_inet_if_get,
	.if_set = kevlar_inet_if_set,
	.route_get = kevlar_inet_route_get,
	.pcb_list = kevlar_inet_pcb_list,
	.raw_new = kevlar_inet_raw_new,
	.raw_close = kevlar_inet_raw_close,
	.raw_bind = kevlar_inet_raw_bind,
	.raw_send = kevlar_inet_raw_send,
	.raw_recv = kevlar_inet_raw_recv,
	.raw_getname = kevlar_inet_raw_getname,
	.raw_poll = kevlar_inet_raw_poll,
	.sock_params = kevlar_inet_sock_params,
	.sock_query = kevlar_inet_sock_query,
	.sock_unrecv = kevlar_inet_sock_unrecv,
	.sock_send_ctl = kevlar_inet_sock_send_ctl,
	.sock_mcast = kevlar_inet_sock_mcast,

	.sock_read_queued = kevlar_inet_sock_read_queued,
};
static const void *const inet_tables[] = {&inet_sb_ops, &inet_proto, NULL};

static int inet_mount(struct vfs_sb *sb, const char *source, const void *data, size_t len)
{
	struct svc_sem *ready;
	int err;

	if (started)
		return -EBUSY;
	started = true;
	err = kevlar_inet_port_init(sb);
	if (err)
		return err;
	ready = svc_sem_new(sb->cap, 0);
	if (!ready)
		return -ENOMEM;
	tcpip_init(tcpip_ready, ready);
	(void)svc_sem_wait(sb->cap, ready, 0);
	svc_sem_free(sb->cap, ready);
	sb->ops = &inet_sb_ops;
	/* the interfaces of the devices there now; later ones as they come */
	return kevlar_inet_netif_start(sb);
}

static const struct fs_type inet_type = {
	.name = "inet",
	.mount = inet_mount,
	.ops_tables = inet_tables,
	.internal = true,
	.inet = &inet_proto,
};
VFS_SERVICE(inet_type);
