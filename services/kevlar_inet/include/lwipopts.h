/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * lwIP's configuration for Kevlar's TCP/IP stack (docs/architecture.md
 * §18).  An OS port (NO_SYS=0) with the core lock: lwIP's tcpip thread
 * runs the timers and packet input, and every other caller (the port's
 * self-tests now, the AF_INET socket family later) calls the raw API
 * (tcp_*, udp_*, raw_*) holding the lock.  lwIP's sockets and netconn
 * layers are not built: the user ABI is Kevlar's own socket layer.
 * Memory comes from the service allocator (charged to the instance).
 */
#pragma once

/* ---- the OS port ---- */
#define NO_SYS			0
#define LWIP_TCPIP_CORE_LOCKING 1
/* tcpip_input runs the packet in the caller (netif.c's inet-rx thread)
 * under the core lock, instead of a message and a switch to the tcpip
 * thread per frame */
#define LWIP_TCPIP_CORE_LOCKING_INPUT 1
#define SYS_LIGHTWEIGHT_PROT	      1
#define LWIP_SOCKET		      0
#define LWIP_NETCONN		      0
#define LWIP_NETIF_API		      0
#define TCPIP_MBOX_SIZE		      256
#define DEFAULT_RAW_RECVMBOX_SIZE     0
#define DEFAULT_UDP_RECVMBOX_SIZE     0
#define DEFAULT_TCP_RECVMBOX_SIZE     0
#define DEFAULT_ACCEPTMBOX_SIZE	      0
#define TCPIP_THREAD_NAME	      "tcpip"
#define LWIP_MARK_TCPIP_THREAD()      kevlar_inet_mark_tcpip_thread()
#define LWIP_ASSERT_CORE_LOCKED()     kevlar_inet_assert_core_locked()
void kevlar_inet_mark_tcpip_thread(void);
void kevlar_inet_assert_core_locked(void);

/* ---- memory: the service allocator ---- */
#define MEM_LIBC_MALLOC 1
#define MEMP_MEM_MALLOC 1
#define MEM_ALIGNMENT	8
#define mem_clib_malloc kevlar_inet_malloc
#define mem_clib_free	kevlar_inet_free
#define mem_clib_calloc kevlar_inet_calloc
void *kevlar_inet_malloc(__SIZE_TYPE__ size);
void *kevlar_inet_calloc(__SIZE_TYPE__ n, __SIZE_TYPE__ size);
void kevlar_inet_free(void *p);
#define MEMP_NUM_TCP_PCB	64
#define MEMP_NUM_TCP_PCB_LISTEN 16
#define MEMP_NUM_UDP_PCB	32
#define MEMP_NUM_RAW_PCB	16
#define MEMP_NUM_TCP_SEG	512
#define MEMP_NUM_PBUF		256
#define PBUF_POOL_SIZE		256
/* a pool pbuf holds one received Ethernet frame (netif.c's 1536 bytes),
 * not lwIP's default of a whole TCP_MSS segment (8 KiB per frame) */
#define PBUF_POOL_BUFSIZE	 1536
#define MEMP_NUM_SYS_TIMEOUT	 (LWIP_NUM_SYS_TIMEOUT_INTERNAL + 8)
#define MEMP_NUM_TCPIP_MSG_INPKT 256

/* ---- protocols ---- */
/* Linux's default TTL and hop limit (ping shows them) */
#define IP_DEFAULT_TTL 64
#define LWIP_ICMP6_HL  64

#define LWIP_IPV4	     1
#define LWIP_IPV6	     1
#define LWIP_ARP	     1
#define LWIP_ETHERNET	     1
#define LWIP_ICMP	     1
#define LWIP_RAW	     1
#define LWIP_UDP	     1
#define LWIP_UDPLITE	     1 /* IPPROTO_UDPLITE sockets */
#define LWIP_TCP	     1
#define LWIP_IPV6_ND	     1
#define LWIP_IPV6_MLD	     1
#define LWIP_IPV6_AUTOCONFIG 1
#define LWIP_ICMP6	     1
#define LWIP_IGMP	     1 /* IP_ADD_MEMBERSHIP (sock_mcast.c) */
#define LWIP_DHCP	     1
#define LWIP_AUTOIP	     0
#define LWIP_DNS	     0
#define IP_REASSEMBLY	     1
#define IP_FRAG		     1
#define LWIP_IPV6_REASS	     1
#define LWIP_IPV6_FRAG	     1
/* a reassembly helper (two pointers on 64 bits) does not fit in the 8
 * bytes of a fragment header: ip6_reass_tmr asserts it, once a second */
#define IPV6_FRAG_COPYHEADER		   1
#define LWIP_RANDOMIZE_INITIAL_LOCAL_PORTS 1
#define LWIP_SO_RCVBUF			   0
#define SO_REUSE			   1
/* a multicast or broadcast datagram goes to every socket bound to its
 * port, as Linux's IP_MULTICAST_ALL */
#define SO_REUSE_RXTOALL 1
/* TCP_KEEPIDLE, TCP_KEEPINTVL, TCP_KEEPCNT per pcb */
#define LWIP_TCP_KEEPALIVE 1
/* Linux's net.ipv4.ip_default_ttl (lwIP's own default is 255) */
#define IP_DEFAULT_TTL 64

/* ---- TCP ---- */
#define TCP_MSS 8192
/* Window scaling (RFC 7323): a receive window past 64 KiB, TCP_WND >>
 * TCP_RCV_SCALE in the header; a peer that does not scale (QEMU's slirp)
 * gets lwIP's 16-bit cap, 65535.  A socket's receive queue is a list of
 * pbuf chains (tcp_rxq.c), so it holds the whole window. */
#define LWIP_WND_SCALE 1
#define TCP_RCV_SCALE  3
/* 8 bytes under 128 KiB: lwIP compares TCP_WND / 2 with a 16-bit MSS
 * (tcp_update_rcv_ann_wnd), which clang rejects as always false at 64 KiB */
#define TCP_WND		 (128 * 1024 - 8)
#define TCP_SND_BUF	 (128 * 1024)
#define TCP_SND_QUEUELEN (4 * TCP_SND_BUF / 1460)
/* lwIP's default (half the buffer) must stay 4 MSS under 64 KiB; only
 * lwIP's netconn layer, not built, reads it */
#define TCP_SNDLOWAT	    16384
#define TCP_LISTEN_BACKLOG  0
#define LWIP_TCP_TIMESTAMPS 0
#define TCP_QUEUE_OOSEQ	    1
/* TIME-WAIT (2 MSL) lasts 60 s, as Linux's (lwIP's default is 120 s) */
#define TCP_MSL 30000UL
/* initial sequence numbers as RFC 6528 and Linux (tcp_isn.c) */
unsigned kevlar_inet_tcp_isn(const void *local_ip, unsigned short local_port, const void *remote_ip,
			     unsigned short remote_port);
#define LWIP_HOOK_TCP_ISN(lip, lport, rip, rport) kevlar_inet_tcp_isn(lip, lport, rip, rport)

/* ---- interfaces: the loopback one (127.0.0.1, ::1) ---- */
#define LWIP_HAVE_LOOPIF	   1
#define LWIP_NETIF_LOOPBACK	   1
#define LWIP_LOOPIF_MULTICAST	   1 /* the loopback joins groups (IGMP flag) */
#define LWIP_LOOPBACK_MAX_PBUFS	   0
#define LWIP_NETIF_STATUS_CALLBACK 0
#define LWIP_NETIF_LINK_CALLBACK   0
#define LWIP_SINGLE_NETIF	   0
/* A packet an interface sends to itself (the loopback netif's, or one to
 * an interface's own address) is delivered by the core lock's holder as
 * it lets go of the lock (loop.c), not by a netif_poll message to the
 * tcpip thread: a loopback send reaches its socket before it returns. */
#define LWIP_NETIF_LOOPBACK_MULTITHREADING 0
void kevlar_inet_core_unlock(void);
#define LOCK_TCPIP_CORE()   sys_mutex_lock(&lock_tcpip_core)
#define UNLOCK_TCPIP_CORE() kevlar_inet_core_unlock()
/* AF_PACKET sees what comes in on the loopback netif (looptap.c): the
 * hooks run for every IP packet received, eat none (0) */
struct pbuf;
struct netif;
int kevlar_inet_loop_hook(struct pbuf *p, struct netif *inp);
#define LWIP_HOOK_IP4_INPUT(p, inp) kevlar_inet_loop_hook(p, inp)
#define LWIP_HOOK_IP6_INPUT(p, inp) kevlar_inet_loop_hook(p, inp)

/* ---- checksums: ours (chksum.c, eight bytes a step), in C ---- */
unsigned short kevlar_inet_chksum(const void *data, int len);
#define LWIP_CHKSUM	  kevlar_inet_chksum
#define CHECKSUM_GEN_IP	  1
#define CHECKSUM_CHECK_IP 1
/* per interface: lwIP's loopif (127.0.0.1, ::1) neither computes nor
 * checks TCP's and UDP's, as Linux's lo does not (its packets never leave
 * memory; the IP header's and ICMP's it does: inet.c); every other netif
 * computes and checks them all */
#define LWIP_CHECKSUM_CTRL_PER_NETIF 1

/* ---- lwIP's own assertions: on where the profile checks asserts ---- */
#if !CONFIG_ASSERTS
#define LWIP_NOASSERT 1
#endif

/* ---- statistics and debugging: off ---- */
#define LWIP_STATS 0

#define LWIP_PERF 0
