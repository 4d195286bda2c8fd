/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Loopback delivery.  lwIP puts each packet an interface sends to itself
 * (all of the loopback netif's: 127.0.0.1, ::1; an Ethernet netif's to
 * its own address) on that netif's queue (netif_loop_output), to be fed
 * to ip_input by netif_poll.  lwIP's threaded mode posts that netif_poll
 * to the tcpip thread: a mailbox message and two thread switches per
 * packet, most of a UDP round trip on 127.0.0.1.  Here the core lock's
 * holder empties the queues itself as it lets go of the lock
 * (UNLOCK_TCPIP_CORE, lwipopts.h): a socket slot's caller, so a loopback
 * send is received before it returns as on Linux's lo, or the tcpip
 * thread after a timer or a frame from a device.  Every unlock is at the
 * top of a locked section, never inside lwIP's input, so tcp_input and
 * its kin are not entered twice (why lwIP queues at all); what the
 * delivery sends in turn (an ACK, an echo reply) joins a queue and goes
 * in the same loop.  The queues are written only under the core lock.
 */
#include "lwip/netif.h"
#include "lwip/tcpip.h"

void kevlar_inet_core_unlock(void)
{
	struct netif *n;
	bool again;

	do {
		again = false;
		NETIF_FOREACH(n)
		{
			if (n->loop_first) {
				netif_poll(n);
				again = true;
			}
		}
	} while (again);
	sys_mutex_unlock(&lock_tcpip_core);
}
