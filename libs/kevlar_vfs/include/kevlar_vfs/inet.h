/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The TCP/IP stack's protocol table: how ring 1 calls into the ring-2
 * service kevlar_inet (lwIP and its port, docs/architecture.md §18).  The
 * stack is an instance of the internal service type "inet" (fs_type.inet
 * points here); ring 1 calls these slots only through the dispatch
 * wrappers of kernel/fs/dispatch_inet.c, each call a contained crossing
 * (op "inet"): a fault in the stack gives -EIO and fails the instance.
 * The socket layer's AF_INET family will add its calls here (lwIP's raw
 * API under the core lock); today the table holds the stack's self-tests.
 */
#pragma once

#include <kevlar_vfs/types.h>

struct vfs_sb;

/* The self-tests of the port and the stack (KTAP suite `inet`). */
enum inet_selftest {
	INET_TEST_THREAD, /* the tcpip thread runs callbacks; sys_now advances */
	INET_TEST_SEM,	  /* semaphores: signalled, and timing out on time */
	INET_TEST_MBOX,	  /* mailboxes: order, full, timing out on time */
	INET_TEST_TCP4,	  /* 1 MiB each way over 127.0.0.1, checked, closed */
	INET_TEST_TCP6,	  /* the same over ::1 */
	INET_TEST_UDP4,	  /* datagrams over 127.0.0.1, checked, in order */
	INET_TEST_PING4,  /* an ICMP echo to 127.0.0.1 answered */
	INET_TEST_COUNT
};

/* An interface's configuration (inet_ops.ifconfig): the kernel command
 * line's ip= option, or a self-test.  Addresses in network byte order. */
struct inet_ifconf {
	char ifname[16]; /* the netdev's name: "eth0" */
	bool dhcp;	 /* lwIP's DHCP client; else the addresses below */
	uint32_t addr, netmask, gw;
	uint64_t timeout_ns; /* DHCP: how long to wait for an address */
};

/* An interface as the stack sees it (inet_ops.ifstate). */
struct inet_ifstate {
	uint32_t addr, netmask, gw; /* IPv4, network byte order (0: none) */
	uint8_t ip6_linklocal[16];  /* its fe80:: address (zero: none) */
	uint8_t hwaddr[6];
	unsigned mtu;
	bool up;	      /* administratively up (configured) */
	bool link_up;	      /* the device is open and has carrier */
	bool dhcp;	      /* the address came from DHCP */
	uint32_t dhcp_server; /* then: the server that leased it */
};

/* The tests of the interfaces on real devices (inet_ops.iftest). */
enum inet_iftest {
	INET_IFTEST_PING,    /* an ICMP echo to dst answered */
	INET_IFTEST_ARP,     /* dst's MAC resolved afresh into mac[] */
	INET_IFTEST_UDP,     /* a TFTP read request to dst:port answered with a TFTP error */
	INET_IFTEST_TCP_RST, /* a TCP connect to dst:port refused (a RST) */
	INET_IFTEST_COUNT
};

struct inet_iftest_arg {
	char ifname[16]; /* the interface the test uses */
	uint32_t dst;	 /* network byte order */
	uint16_t port;
	unsigned timeout_ms; /* 0: 20 s */
	uint8_t mac[6];	     /* INET_IFTEST_ARP: the answer */
};
/* An IP endpoint as the two rings pass it: ring 1 parses and checks
 * the user's sockaddr_in/in6, the stack never sees a user layout. */
#define INET_AF4 2  /* Linux's AF_INET */
#define INET_AF6 10 /* Linux's AF_INET6 */
struct inet_addr {
	uint16_t family;  /* INET_AF4 or INET_AF6 */
	uint16_t port;	  /* host order */
	uint8_t addr[16]; /* network order: 4 bytes for INET_AF4 */
};

/* Ports: below INET_UNPRIV_PORT_START a bind needs CAP_NET_BIND_SERVICE
 * (Linux's net.ipv4.ip_unprivileged_port_start); the stack picks
 * ephemeral ports in [INET_EPHEMERAL_FIRST, INET_EPHEMERAL_LAST], lwIP's
 * TCP and UDP range (Linux's default is 32768-60999). */
#define INET_UNPRIV_PORT_START 1024
#define INET_EPHEMERAL_FIRST   0xc000
#define INET_EPHEMERAL_LAST    0xffff

/* A socket's state inside the stack (kevlar_inet/sock_*.c): opaque to
 * ring 1, which holds one per AF_INET/AF_INET6 socket. */
struct inet_sock;

/* Readiness as the stack reports it (svc_sock_notify, sock_poll): Linux's
 * poll bits. */
#define INET_POLLIN    0x001
#define INET_POLLOUT   0x004
#define INET_POLLERR   0x008
#define INET_POLLHUP   0x010
#define INET_POLLRDHUP 0x2000

/* Options the stack keeps (sock_opt). */
enum inet_opt {
	INET_OPT_NODELAY,   /* TCP_NODELAY */
	INET_OPT_KEEPALIVE, /* SO_KEEPALIVE */
	INET_OPT_ERROR,	    /* SO_ERROR: get only, clears the pending error */
	INET_OPT_LISTENING, /* SO_ACCEPTCONN: get only */
	INET_OPT_REUSEADDR, /* SO_REUSEADDR: set before bind */
	INET_OPT_V6ONLY,    /* IPV6_V6ONLY: an AF_INET6 socket takes no IPv4 */
	INET_OPT_REUSEPORT, /* SO_REUSEPORT: set before listen */
	INET_OPT_UDPLITE,   /* a datagram socket speaks UDP-Lite (IPPROTO_UDPLITE) */
	INET_OPT_BINDDEV,   /* SO_BINDTODEVICE: set only, the kernel's ifindex (0: none) */
};

/* The options that shape a socket's pcb (sock_params), checked by ring 1
 * against Linux's rules; the stack applies them now and to the pcbs it
 * makes later (a reconnect, an accepted child inherits its listener's). */
struct inet_params {
	uint8_t ttl;				   /* IP_TTL, IPV6_UNICAST_HOPS */
	uint8_t tos;				   /* IP_TOS, IPV6_TCLASS */
	uint8_t mcast_ttl;			   /* IP_MULTICAST_TTL, IPV6_MULTICAST_HOPS */
	bool mcast_loop;			   /* IP_MULTICAST_LOOP, IPV6_MULTICAST_LOOP */
	bool keepalive;				   /* SO_KEEPALIVE */
	unsigned keepidle_s, keepintvl_s, keepcnt; /* TCP_KEEPIDLE, _KEEPINTVL, _KEEPCNT */
	bool cork;    /* TCP_CORK: cleared, the queued segments go out */
	bool linger0; /* SO_LINGER {1, 0}: close resets the connection */
	/* SO_RCVBUF, SO_SNDBUF as the socket layer keeps them (doubled, as
	 * Linux), 0 while the user has not set them: TCP holds its receive
	 * window and its unacknowledged bytes to half of each (the size the
	 * user asked for), within the stack's own limits */
	unsigned rcvbuf, sndbuf;
	/* TCP_USER_TIMEOUT, ms (0: none): how long sent data may stay
	 * unacknowledged, or queued data unsent behind a shut window, before
	 * the connection is dropped with ETIMEDOUT */
	unsigned user_timeout_ms;
};

/* Linux's TCP states (include/net/tcp_states.h), as TCP_INFO shows them. */
enum inet_tcp_state {
	INET_TCP_ESTABLISHED = 1,
	INET_TCP_SYN_SENT,
	INET_TCP_SYN_RECV,
	INET_TCP_FIN_WAIT1,
	INET_TCP_FIN_WAIT2,
	INET_TCP_TIME_WAIT,
	INET_TCP_CLOSE,
	INET_TCP_CLOSE_WAIT,
	INET_TCP_LAST_ACK,
	INET_TCP_LISTEN,
	INET_TCP_CLOSING,
};

/* What the stack tells about a socket (sock_query). */
struct inet_query {
	unsigned inq;  /* TCP: bytes not read; UDP: the next datagram's length */
	unsigned outq; /* bytes queued and not acknowledged (UDP: 0, sent at once) */
	/* TCP_INFO's fields lwIP has */
	uint8_t state; /* enum inet_tcp_state */
	unsigned mss, rtt_us, rttvar_us, rto_us, snd_cwnd, snd_ssthresh, rcv_wnd, snd_wnd;
	unsigned retransmits, unacked;
	/* UDP: the datagram last received or peeked (IP_PKTINFO, IP_RECVTTL...) */
	struct inet_addr dst; /* its destination address */
	unsigned ifindex;     /* the interface it came in on (its netdev's ifindex) */
	uint8_t ttl, tos;     /* the IPv4 TTL and TOS, or IPv6 hop limit and class */
};

/* A ping or raw socket's state inside the stack (kevlar_inet/sock_icmp.c):
 * opaque to ring 1 (kernel/net/inet_icmp.c). */
struct inet_raw;

/* A datagram a ping or raw socket received (raw_recv). */
struct inet_raw_info {
	struct inet_addr from; /* the sender (port 0) */
	size_t full;	       /* its whole length (what recv can give) */
	uint8_t ttl;	       /* IPv4 TTL or IPv6 hop limit as received */
	uint8_t tos;	       /* IPv4 TOS or IPv6 traffic class */
	uint64_t stamp_ns;     /* arrival, svc_clock_ns() */
};

/* What sendmsg's control messages choose for one datagram (sock_send_ctl),
 * checked by ring 1 as Linux's ip_cmsg_send/ip6_datagram_send_ctl. */
struct inet_sendctl {
	struct inet_addr src; /* IP_PKTINFO's ipi_spec_dst, IPV6_PKTINFO's ipi6_addr
			       * (family 0: the socket's own choice) */
	unsigned ifindex;     /* their ipi_ifindex, ipi6_ifindex (0: the route's) */
	bool nonlocal;	      /* src need not be this host's (IPV6_FREEBIND) */
	int ttl, tos;	      /* IP_TTL/IPV6_HOPLIMIT, IP_TOS/IPV6_TCLASS (-1: the socket's) */
};

/* Multicast on a datagram socket (sock_mcast): join or leave a group on
 * an interface, or choose the interface multicast goes out of.  The
 * interface is named by its ifindex, else (IPv4) by one of its addresses,
 * else (join) by the route to the group; all zero for INET_MCAST_IF: the
 * route's again.  Addresses in network byte order. */
enum inet_mcast_op { INET_MCAST_JOIN, INET_MCAST_LEAVE, INET_MCAST_IF };
#define INET_MCAST_MAX 20 /* memberships per socket (net.ipv4.igmp_max_memberships) */
struct inet_mcast_req {
	unsigned op;	   /* enum inet_mcast_op */
	uint16_t family;   /* INET_AF4 or INET_AF6: the group's */
	uint8_t group[16]; /* 4 bytes for INET_AF4 */
	uint8_t addr[4];   /* INET_AF4: an address of the interface (0: none) */
	unsigned ifindex;
};

/* Flags of sock_send/sock_recv. */
#define INET_MSG_PEEK 0x1
#define INET_MSG_MORE 0x2

/* Network configuration (inet_ops.if_get, if_set, route_get, pcb_list;
 * services/kevlar_inet/netcfg.c).  An interface is named as its netdev:
 * "lo" is the stack's loopback interface, "eth0"... the Ethernet ones.
 * Addresses in network byte order. */
#define INET_IF_ADDR6_MAX    3	 /* lwIP's IPv6 addresses per interface */
#define INET_IFA6_TENTATIVE  0x1 /* duplicate detection not finished */
#define INET_IFA6_DEPRECATED 0x2
#define INET_IFA6_AUTOCONF   0x4 /* made by SLAAC from a router's prefix */
#define INET_LIFE_FOREVER    0xffffffffu
struct inet_ifaddr6 {
	uint8_t addr[16];
	uint8_t prefixlen;	  /* lwIP keeps none: 64, or 128 for ::1 */
	uint8_t flags;		  /* INET_IFA6_* */
	uint32_t valid_s, pref_s; /* lifetimes left (INET_LIFE_FOREVER) */
};
struct inet_ifinfo {
	bool up;		    /* administratively up in the stack */
	bool link_up;		    /* its link (a device open with carrier) */
	bool is_default;	    /* the default route goes out of it */
	unsigned mtu;		    /* the stack's (0: the device's) */
	uint32_t addr, netmask, gw; /* IPv4 (0: none) */
	unsigned naddr6;
	struct inet_ifaddr6 addr6[INET_IF_ADDR6_MAX];
};
/* What inet_ops.if_set changes. */
enum inet_ifset_what {
	INET_IFSET_UP,	      /* open the device, bring the interface up */
	INET_IFSET_DOWN,      /* the interface down (ring 1 stops the device) */
	INET_IFSET_MTU,	      /* mtu */
	INET_IFSET_ADDR4,     /* addr and netmask (addr 0: remove the address) */
	INET_IFSET_DEFAULT,   /* the default route: via gw out of it (gw 0: delete it) */
	INET_IFSET_ADDR6_ADD, /* add addr6 */
	INET_IFSET_ADDR6_DEL, /* remove addr6 */
};
struct inet_ifset {
	unsigned what; /* enum inet_ifset_what */
	unsigned mtu;
	uint32_t addr, netmask, gw;
	uint8_t addr6[16];
};
/* The stack's route to dst (inet_ops.route_get). */
struct inet_route {
	char ifname[16];
	struct inet_addr src; /* the source address it would use */
	struct inet_addr gw;  /* the next hop (family 0: dst is on the link) */
};
/* One protocol control block (inet_ops.pcb_list): /proc/net/tcp, udp... */
#define INET_PROTO_TCP 6
#define INET_PROTO_UDP 17
struct inet_pcbinfo {
	struct inet_addr local, remote; /* family INET_AF6 for an IPv6 or dual pcb */
	uint8_t state;			/* Linux's TCP_ESTABLISHED... (UDP: 7 or 1) */
	uint32_t tx_queue, rx_queue;	/* bytes */
};

struct inet_ops {
	/* Run one self-test: 0, or -errno with a line in the kernel log
	 * saying what failed (-EINVAL: no such test).  May sleep. */
	int (*selftest)(struct vfs_sb *sb, unsigned test);
	/* Configure the interface of a netdev (open the device, bring the
	 * interface up; DHCP waits at most conf->timeout_ns): 0, -ENODEV (no
	 * such Ethernet device), -ENETDOWN (its driver failed), -ETIMEDOUT (no
	 * DHCP lease in time; the client goes on), -EINVAL.  May sleep. */
	int (*ifconfig)(struct vfs_sb *sb, const struct inet_ifconf *conf);
	/* The interface of netdev `ifname`: 0 or -ENODEV. */
	int (*ifstate)(struct vfs_sb *sb, const char *ifname, struct inet_ifstate *st);
	/* Run one interface test (enum inet_iftest): 0 or -errno, with a line
	 * in the kernel log saying what failed.  May sleep. */
	int (*iftest)(struct vfs_sb *sb, unsigned test, struct inet_iftest_arg *arg);

	/*
	 * Sockets (lwIP's raw API under the core lock).  None of them
	 * waits: an operation that would wait answers -EAGAIN (connect:
	 * -EINPROGRESS) and the stack later calls svc_sock_notify(cookie,
	 * events) from its thread when readiness changes; ring 1 sleeps.
	 * `type` is 1 (stream: TCP) or 2 (datagram: UDP).  Errors are
	 * Linux's errnos.
	 */
	int (*sock_new)(struct vfs_sb *sb, void *cookie, int family, int type,
			struct inet_sock **out);
	/* The socket is gone: no notify after it returns.  A TCP socket
	 * with unread data resets its connection (Linux). */
	int (*sock_close)(struct vfs_sb *sb, struct inet_sock *k);
	int (*sock_bind)(struct vfs_sb *sb, struct inet_sock *k, const struct inet_addr *a);
	int (*sock_listen)(struct vfs_sb *sb, struct inet_sock *k, int backlog);
	/* A queued connection with its new cookie: 0 and *out, -EAGAIN,
	 * -EINVAL (not listening). */
	int (*sock_accept)(struct vfs_sb *sb, struct inet_sock *k, void *cookie,
			   struct inet_sock **out);
	int (*sock_connect)(struct vfs_sb *sb, struct inet_sock *k, const struct inet_addr *a);
	/* Bytes queued (at most len), or -errno.  `to`: a datagram's
	 * destination (NULL: the connected peer). */
	int (*sock_send)(struct vfs_sb *sb, struct inet_sock *k, const void *buf, size_t len,
			 const struct inet_addr *to, unsigned flags);
	/* Bytes copied (stream: at most len; datagram: one datagram, cut
	 * to len, its whole length in *full), 0 at end of stream, or
	 * -errno; the sender into *from (NULL: not wanted). */
	int (*sock_recv)(struct vfs_sb *sb, struct inet_sock *k, void *buf, size_t len,
			 unsigned flags, struct inet_addr *from, size_t *full);
	int (*sock_shutdown)(struct vfs_sb *sb, struct inet_sock *k, int how);
	int (*sock_getname)(struct vfs_sb *sb, struct inet_sock *k, bool peer,
			    struct inet_addr *out);
	/* The INET_POLL* bits ready now. */
	int (*sock_poll)(struct vfs_sb *sb, struct inet_sock *k);
	int (*sock_opt)(struct vfs_sb *sb, struct inet_sock *k, enum inet_opt opt, bool set,
			int *val);

	/*
	 * Network configuration (netcfg.c), each under the core lock.
	 * if_get: the interface `ifname`: 0 or -ENODEV.  if_set: change it:
	 * 0, -ENODEV, -EINVAL (a bad mtu or address), -EEXIST (an IPv6
	 * address it has), -EADDRNOTAVAIL (one it has not), -ENOSPC (no free
	 * IPv6 slot), -ENETUNREACH (a gateway off its subnets), -ENETDOWN
	 * (its driver failed).  May sleep (UP opens the device).
	 */
	int (*if_get)(struct vfs_sb *sb, const char *ifname, struct inet_ifinfo *out);
	int (*if_set)(struct vfs_sb *sb, const char *ifname, const struct inet_ifset *rq);
	/* The route to dst: 0, -ENETUNREACH. */
	int (*route_get)(struct vfs_sb *sb, const struct inet_addr *dst, struct inet_route *out);
	/* The pcbs of `proto` (INET_PROTO_*) into out[0..n): how many there
	 * are (more than n: the caller asks again with room). */
	int (*pcb_list)(struct vfs_sb *sb, unsigned proto, struct inet_pcbinfo *out, unsigned n);
	/*
	 * Ping and raw sockets (raw PCBs, sock_icmp.c).  `ping`: an
	 * ICMP/ICMPv6 echo socket (protocol 1 or 58), whose identifier is
	 * its "port"; else a raw socket of IP protocol `protocol` (IPv4:
	 * received datagrams keep their IP header, as Linux).  None waits;
	 * readiness through svc_sock_notify as the sockets above.
	 */
	int (*raw_new)(struct vfs_sb *sb, void *cookie, int family, int protocol, bool ping,
		       struct inet_raw **out);
	int (*raw_close)(struct vfs_sb *sb, struct inet_raw *r);
	/* Bind (connect false: a local address, a ping socket's port is its
	 * identifier, 0 picks one) or connect (a default destination and a
	 * source filter; family INET_AF4/6 or 0 to dissolve). */
	int (*raw_bind)(struct vfs_sb *sb, struct inet_raw *r, const struct inet_addr *a,
			bool connect);
	/* Send one datagram (ping: an echo request header and payload, the
	 * identifier and checksum filled in): len or -errno. */
	int (*raw_send)(struct vfs_sb *sb, struct inet_raw *r, const void *buf, size_t len,
			const struct inet_addr *to);
	/* One datagram, cut to len: bytes copied or -EAGAIN. */
	int (*raw_recv)(struct vfs_sb *sb, struct inet_raw *r, void *buf, size_t len,
			unsigned flags, struct inet_raw_info *info);
	int (*raw_getname)(struct vfs_sb *sb, struct inet_raw *r, bool peer, struct inet_addr *out);
	int (*raw_poll)(struct vfs_sb *sb, struct inet_raw *r);

	/* Apply the pcb options in *p (struct inet_params): 0 or -errno. */
	int (*sock_params)(struct vfs_sb *sb, struct inet_sock *k, const struct inet_params *p);
	/* Fill *q (struct inet_query): 0 or -errno. */
	int (*sock_query)(struct vfs_sb *sb, struct inet_sock *k, struct inet_query *q);
	/* Put `len` bytes a TCP receive took back at the head of the
	 * received data (ring 1 could not copy them out: EFAULT), so no
	 * byte is lost: 0 or -ENOMEM. */
	int (*sock_unrecv)(struct vfs_sb *sb, struct inet_sock *k, const void *buf, size_t len);
	/* Send one datagram as sock_send, with *c's source, interface, TTL
	 * and TOS: bytes or -errno; also -ENODEV (no interface c->ifindex),
	 * -ENETUNREACH (it is down, no route, or an IPv4 source not this
	 * host's), -EINVAL (an IPv6 source not this host's, unless
	 * c->nonlocal).  A stream socket: -EOPNOTSUPP. */
	int (*sock_send_ctl)(struct vfs_sb *sb, struct inet_sock *k, const void *buf, size_t len,
			     const struct inet_addr *to, const struct inet_sendctl *c);
	/* A multicast request (struct inet_mcast_req) on a datagram socket:
	 * 0, -ENODEV (join: no such interface, or one without multicast;
	 * IPv6's IF: no such interface), -EADDRINUSE (a member already),
	 * -ENOBUFS (INET_MCAST_MAX groups), -EADDRNOTAVAIL (leave: not a
	 * member; IPv4's IF: no such interface), -ENOMEM.  A socket's groups
	 * are left when it closes. */
	int (*sock_mcast)(struct vfs_sb *sb, struct inet_sock *k, const struct inet_mcast_req *rq);

	/* TCP: up to len bytes of what is queued now, never an error or the
	 * end of the stream (ring 1 goes on with it after a receive that
	 * filled its buffer).  peek: from `off` bytes in, leaving them.
	 * Bytes copied (0: none queued there) or -EINVAL (not TCP). */
	int (*sock_read_queued)(struct vfs_sb *sb, struct inet_sock *k, void *buf, size_t len,
				size_t off, bool peek);
};
