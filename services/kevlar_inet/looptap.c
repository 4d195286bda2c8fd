/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The loopback interface's tap: lwIP's traffic on 127.0.0.1 and ::1 goes
 * through its own loopback netif, never through the kernel's `lo`
 * device, so AF_PACKET sockets would not see it.  lwIP's IP input hooks
 * look at each packet that comes in on that netif: when a packet socket
 * exists (svc_packet_tapped: a compare, then one call and a load), the
 * IP packet goes to the kernel as pbuf segments (svc_packet_loop), which
 * shows it on `lo` as sent and received, as Linux does.
 * Installed once, in the tcpip thread, at the stack's start.
 */
#include <kevlar_vfs/service.h>
#include "lwip/netif.h"
#include "lwip/pbuf.h"
#include "inet.h"

#define TAP_SEGS 16 /* a longer chain is not shown */

static struct netif *loop; /* lwIP's loopback netif (set once at start) */

static void tap(struct pbuf *p)
{
	struct svc_net_seg segs[TAP_SEGS];
	unsigned n = 0;

	if (!p->len)
		return;
	for (struct pbuf *q = p; q; q = q->next) {
		if (n == TAP_SEGS)
			return;
		segs[n++] = (struct svc_net_seg){q->payload, q->len};
		if (q->tot_len == q->len)
			break;
	}
	svc_packet_loop(kevlar_inet_cap(), segs, n, (*(const uint8_t *)p->payload >> 4) == 6);
}

/* lwIP's IP input hooks (lwipopts.h): every packet lwIP loops
 * (netif_loop_output, whatever output path chose it) comes back in
 * through ip_input on the loopback netif. */
int kevlar_inet_loop_hook(struct pbuf *p, struct netif *inp)
{
	if (inp == loop && svc_packet_tapped())
		tap(p);
	return 0;
}

void kevlar_inet_looptap_init(void)
{
	loop = netif_find("lo0");
}
