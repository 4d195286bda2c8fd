/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The AF_INET/AF_INET6 family's options, ioctls and ancillary data
 * (docs/architecture.md §18 "Sockets").  Values are checked with Linux's
 * rules (ip_setsockopt's int-or-byte values, ipv6_setsockopt's ints,
 * tcp_setsockopt's ranges) and kept in ring 1 (struct inet_opts); those
 * lwIP can act on (TTL and hop limit, TOS and traffic class, multicast
 * TTL and loop, keepalive and its times, TCP_CORK, SO_LINGER {1, 0},
 * TCP's SO_RCVBUF and SO_SNDBUF as sock_tcp.c honours them,
 * TCP_USER_TIMEOUT) go to the stack as one struct inet_params
 * (inet_ops.sock_params).  Others are stored and read back only, because
 * lwIP has no equivalent: TCP_QUICKACK (lwIP always delays ACKs the same way),
 * TCP_MAXSEG (lwIP takes its MSS from the route), IP_RECVERR (nothing
 * ever queues an error).  TCP_CONGESTION reads "reno": lwIP's congestion
 * control is Reno's slow start and fast recovery; no other name is taken.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <linux/in.h>
#include <linux/in6.h>
#include <linux/ipv6.h>
#include <linux/sockios.h>
/* linux/tcp.h's TCP_FLAG_* enum casts to __be32 through a macro that
 * headers_install stripped of its __force; give it back so sparse takes
 * the header (struct tcp_info and the TCP_* option names come from it). */
#include <asm/byteorder.h>
#undef __constant_cpu_to_be32
#define __constant_cpu_to_be32(x) ((__force __be32)___constant_swab32((x)))
#include <linux/tcp.h>
#include <asm/ioctls.h>
#include <asm/socket.h>
#include <platform/usercopy.h>
#include <kernel/inet.h>
#include <kernel/socket.h>
#include "inet_sock.h"

#define IP_DEFAULT_TTL	 64 /* net.ipv4.ip_default_ttl, IPv6's hop limit too */
#define TCP_MIN_MSS	 88
#define MAX_TCP_WINDOW	 32767
#define MAX_TCP_KEEPIDLE 32767
#define MAX_TCP_KEEPCNT	 127
#define TCP_CA_NAME_MAX	 16
#define INET_ECN_MASK	 3
#define TCP_DEFAULT_MSS	 536 /* Linux's mss_cache before a route is known */

void inet_opts_init(struct inet_sk *is)
{
	is->o = (struct inet_opts){
		.par = {.ttl = IP_DEFAULT_TTL,
			.mcast_ttl = 1,
			.mcast_loop = true,
			.keepidle_s = 7200,
			.keepintvl_s = 75,
			.keepcnt = 9},
		.ttl = -1,
		.hops = -1,
		.mcast_hops = -1,
		.quickack = true,
		.mcast_all = true,
	};
}

static int push(struct inet_sk *is)
{
	struct inet_opts *o = &is->o;

	if (is->s->family == AF_INET6)
		o->par.ttl = (uint8_t)(o->hops < 0 ? IP_DEFAULT_TTL : o->hops);
	else
		o->par.ttl = (uint8_t)(o->ttl < 0 ? IP_DEFAULT_TTL : o->ttl);
	return inet_sock_params(is->sb, is->k, &o->par);
}

/* ---- IPPROTO_IP ---- */

/* Linux takes an int, or a byte when the length is shorter (0: zero). */
static int ip_val(const void *val, unsigned len)
{
	int v = 0;

	if (len >= sizeof(int))
		memcpy(&v, val, sizeof(int));
	else if (len >= 1)
		v = *(const uint8_t *)val;
	return v;
}

/* IP_ADD_MEMBERSHIP and IP_DROP_MEMBERSHIP (an ip_mreq, or an ip_mreqn
 * when long enough), IP_MULTICAST_IF (those, or a bare in_addr), read as
 * Linux's ip_setsockopt does; the stack joins, leaves and routes. */
static int ip_mcast(struct inet_sk *is, int name, const void *val, unsigned len)
{
	struct inet_mcast_req rq = {.op = name == IP_ADD_MEMBERSHIP    ? INET_MCAST_JOIN
					  : name == IP_DROP_MEMBERSHIP ? INET_MCAST_LEAVE
								       : INET_MCAST_IF};
	struct ip_mreqn mr = {};
	int err;

	if (rq.op == INET_MCAST_IF ? stream(is->s) || len < sizeof(struct in_addr)
				   : !stream(is->s) && len < sizeof(struct ip_mreq))
		return -EINVAL;
	if (stream(is->s))
		return -EPROTO;
	if (len >= sizeof(mr))
		memcpy(&mr, val, sizeof(mr));
	else if (len >= sizeof(struct ip_mreq))
		memcpy(&mr, val, sizeof(struct ip_mreq)); /* its imr_interface is imr_address */
	else
		memcpy(&mr.imr_address, val, sizeof(struct in_addr));
	rq.family = INET_AF4;
	memcpy(rq.group, &mr.imr_multiaddr, 4);
	memcpy(rq.addr, &mr.imr_address, 4);
	rq.ifindex = (unsigned)mr.imr_ifindex;
	if (rq.op == INET_MCAST_JOIN && (rq.group[0] & 0xf0) != 0xe0)
		return -EINVAL; /* not a multicast group */
	err = inet_sock_mcast(is->sb, is->k, &rq);
	if (!err && rq.op == INET_MCAST_IF)
		is->o.mc_addr = (__force uint32_t)mr.imr_address.s_addr;
	return err;
}

static int ip_set(struct inet_sk *is, int name, const void *val, unsigned len)
{
	struct inet_opts *o = &is->o;
	int v = ip_val(val, len);

	switch (name) {
	case IP_TOS:
		if (stream(is->s)) /* TCP keeps its own ECN bits */
			v = (v & ~INET_ECN_MASK) | (o->par.tos & INET_ECN_MASK);
		o->par.tos = (uint8_t)v;
		return push(is);
	case IP_TTL:
		if (len < 1)
			return -EINVAL;
		if (v != -1 && (v < 1 || v > 255))
			return -EINVAL;
		o->ttl = v;
		return push(is);
	case IP_MULTICAST_TTL:
		if (stream(is->s) || len < 1)
			return -EINVAL;
		if (v == -1)
			v = 1;
		if (v < 0 || v > 255)
			return -EINVAL;
		o->par.mcast_ttl = (uint8_t)v;
		return push(is);
	case IP_MULTICAST_LOOP:
		if (len < 1)
			return -EINVAL;
		o->par.mcast_loop = v != 0;
		return push(is);
	case IP_PKTINFO:
		o->pktinfo = v != 0;
		return 0;
	case IP_RECVTOS:
		o->recvtos = v != 0;
		return 0;
	case IP_RECVTTL:
		o->recvttl = v != 0;
		return 0;
	case IP_RECVERR:
		o->recverr = v != 0;
		return 0;
	case IP_MULTICAST_ALL:
		o->mcast_all = v != 0;
		return 0;
	case IP_FREEBIND:
		o->freebind = v != 0;
		return 0;
	case IP_ADD_MEMBERSHIP:
	case IP_DROP_MEMBERSHIP:
	case IP_MULTICAST_IF:
		return ip_mcast(is, name, val, len);
	}
	return -ENOPROTOOPT;
}

static int ip_get(struct inet_sk *is, int name, int *v)
{
	const struct inet_opts *o = &is->o;

	switch (name) {
	case IP_TOS:
		*v = o->par.tos;
		return 0;
	case IP_TTL:
		*v = o->ttl < 0 ? IP_DEFAULT_TTL : o->ttl;
		return 0;
	case IP_MULTICAST_TTL:
		*v = o->par.mcast_ttl;
		return 0;
	case IP_MULTICAST_LOOP:
		*v = o->par.mcast_loop;
		return 0;
	case IP_PKTINFO:
		*v = o->pktinfo;
		return 0;
	case IP_RECVTOS:
		*v = o->recvtos;
		return 0;
	case IP_RECVTTL:
		*v = o->recvttl;
		return 0;
	case IP_RECVERR:
		*v = o->recverr;
		return 0;
	case IP_MULTICAST_ALL:
		*v = o->mcast_all;
		return 0;
	case IP_FREEBIND:
		*v = o->freebind;
		return 0;
	case IP_MULTICAST_IF: /* an in_addr: its bytes as they are */
		memcpy(v, &o->mc_addr, sizeof(*v));
		return 0;
	}
	return -ENOPROTOOPT;
}

/* ---- IPPROTO_IPV6 ---- */

/* IPV6_JOIN_GROUP/IPV6_LEAVE_GROUP (an ipv6_mreq) and IPV6_MULTICAST_IF
 * (an ifindex), as Linux's do_ipv6_setsockopt reads them. */
static int ipv6_mcast(struct inet_sk *is, int name, const void *val, unsigned len)
{
	struct inet_mcast_req rq = {.op = name == IPV6_ADD_MEMBERSHIP	 ? INET_MCAST_JOIN
					  : name == IPV6_DROP_MEMBERSHIP ? INET_MCAST_LEAVE
									 : INET_MCAST_IF,
				    .family = INET_AF6};
	struct ipv6_mreq mr;
	int err, v;

	if (rq.op == INET_MCAST_IF) {
		if (stream(is->s))
			return -ENOPROTOOPT;
		memcpy(&v, val, sizeof(v));
		rq.ifindex = (unsigned)v;
		err = inet_sock_mcast(is->sb, is->k, &rq);
		if (!err)
			is->o.mc_ifindex6 = v;
		return err;
	}
	if (len < sizeof(mr))
		return -EINVAL;
	if (stream(is->s))
		return -EPROTO;
	memcpy(&mr, val, sizeof(mr));
	memcpy(rq.group, &mr.ipv6mr_multiaddr, 16);
	rq.ifindex = (unsigned)mr.ipv6mr_ifindex;
	if (rq.group[0] != 0xff)
		return -EINVAL; /* not a multicast group */
	return inet_sock_mcast(is->sb, is->k, &rq);
}

static int ipv6_set(struct inet_sk *is, int name, const void *val, unsigned len)
{
	struct inet_opts *o = &is->o;
	int v;

	if (len < sizeof(int))
		return name == IPV6_V6ONLY || name == IPV6_UNICAST_HOPS || name == IPV6_TCLASS ||
				       name == IPV6_MULTICAST_HOPS || name == IPV6_MULTICAST_LOOP ||
				       name == IPV6_RECVPKTINFO || name == IPV6_RECVHOPLIMIT ||
				       name == IPV6_RECVTCLASS || name == IPV6_FREEBIND ||
				       name == IPV6_ADD_MEMBERSHIP ||
				       name == IPV6_DROP_MEMBERSHIP ||
				       (name == IPV6_MULTICAST_IF && !stream(is->s))
			       ? -EINVAL
			       : -ENOPROTOOPT;
	memcpy(&v, val, sizeof(v));
	switch (name) {
	case IPV6_V6ONLY:
		return inet_sock_opt(is->sb, is->k, INET_OPT_V6ONLY, true, &v);
	case IPV6_UNICAST_HOPS:
		if (v > 255 || v < -1)
			return -EINVAL;
		o->hops = v;
		return push(is);
	case IPV6_MULTICAST_HOPS:
		if (stream(is->s) || v > 255 || v < -1)
			return -EINVAL;
		o->mcast_hops = v;
		o->par.mcast_ttl = (uint8_t)(v < 0 ? 1 : v);
		return push(is);
	case IPV6_MULTICAST_LOOP:
		if (v != !!v)
			return -EINVAL;
		o->par.mcast_loop = v;
		return push(is);
	case IPV6_TCLASS:
		if (v < -1 || v > 0xff)
			return -EINVAL;
		o->par.tos = (uint8_t)(v < 0 ? 0 : v);
		return push(is);
	case IPV6_RECVPKTINFO:
		o->recvpktinfo6 = v != 0;
		return 0;
	case IPV6_RECVHOPLIMIT:
		o->recvhops = v != 0;
		return 0;
	case IPV6_RECVTCLASS:
		o->recvtclass = v != 0;
		return 0;
	case IPV6_FREEBIND: /* IP_FREEBIND's flag (Linux's inet->freebind) */
		o->freebind = v != 0;
		return 0;
	case IPV6_ADD_MEMBERSHIP:
	case IPV6_DROP_MEMBERSHIP:
	case IPV6_MULTICAST_IF:
		return ipv6_mcast(is, name, val, len);
	}
	return -ENOPROTOOPT;
}

static int ipv6_get(struct inet_sk *is, int name, int *v)
{
	const struct inet_opts *o = &is->o;

	switch (name) {
	case IPV6_V6ONLY:
		return inet_sock_opt(is->sb, is->k, INET_OPT_V6ONLY, false, v);
	case IPV6_UNICAST_HOPS:
		*v = o->hops < 0 ? IP_DEFAULT_TTL : o->hops;
		return 0;
	case IPV6_MULTICAST_HOPS:
		*v = o->par.mcast_ttl;
		return 0;
	case IPV6_MULTICAST_LOOP:
		*v = o->par.mcast_loop;
		return 0;
	case IPV6_TCLASS:
		*v = o->par.tos;
		return 0;
	case IPV6_RECVPKTINFO:
		*v = o->recvpktinfo6;
		return 0;
	case IPV6_RECVHOPLIMIT:
		*v = o->recvhops;
		return 0;
	case IPV6_RECVTCLASS:
		*v = o->recvtclass;
		return 0;
	case IPV6_FREEBIND:
		*v = o->freebind;
		return 0;
	case IPV6_MULTICAST_IF:
		*v = o->mc_ifindex6;
		return 0;
	}
	return -ENOPROTOOPT;
}

/* ---- IPPROTO_TCP ---- */

static int tcp_set(struct inet_sk *is, int name, const void *val, unsigned len)
{
	struct inet_opts *o = &is->o;
	int v;

	if (name == TCP_CONGESTION) {
		char ca[TCP_CA_NAME_MAX] = "";

		memcpy(ca, val, MIN(len, (unsigned)TCP_CA_NAME_MAX - 1));
		return strcmp(ca, "reno") ? -ENOENT : 0;
	}
	if (len < sizeof(int))
		return -EINVAL;
	memcpy(&v, val, sizeof(v));
	switch (name) {
	case TCP_NODELAY:
		return inet_sock_opt(is->sb, is->k, INET_OPT_NODELAY, true, &v);
	case TCP_CORK:
		o->par.cork = v != 0;
		return push(is);
	case TCP_MAXSEG:
		if (v && (v < TCP_MIN_MSS || v > MAX_TCP_WINDOW))
			return -EINVAL;
		o->maxseg = v;
		return 0;
	case TCP_KEEPIDLE:
	case TCP_KEEPINTVL:
		if (v < 1 || v > MAX_TCP_KEEPIDLE)
			return -EINVAL;
		if (name == TCP_KEEPIDLE)
			o->par.keepidle_s = (unsigned)v;
		else
			o->par.keepintvl_s = (unsigned)v;
		return push(is);
	case TCP_KEEPCNT:
		if (v < 1 || v > MAX_TCP_KEEPCNT)
			return -EINVAL;
		o->par.keepcnt = (unsigned)v;
		return push(is);
	case TCP_QUICKACK:
		o->quickack = v != 0;
		return 0;
	case TCP_USER_TIMEOUT:
		if (v < 0)
			return -EINVAL;
		o->par.user_timeout_ms = (unsigned)v;
		return push(is);
	}
	return -ENOPROTOOPT;
}

static int tcp_info_get(struct inet_sk *is, void *val, unsigned *len)
{
	struct tcp_info ti = {};
	struct inet_query q;
	int err = inet_sock_query(is->sb, is->k, &q);

	if (err)
		return err;
	ti.tcpi_state = q.state;
	ti.tcpi_retransmits = (uint8_t)q.retransmits;
	ti.tcpi_rto = q.rto_us;
	ti.tcpi_snd_mss = q.state == INET_TCP_LISTEN ? 0 : q.mss;
	ti.tcpi_rcv_mss = ti.tcpi_snd_mss;
	ti.tcpi_unacked = q.unacked;
	ti.tcpi_rtt = q.rtt_us;
	ti.tcpi_rttvar = q.rttvar_us;
	ti.tcpi_snd_ssthresh = q.snd_ssthresh;
	ti.tcpi_snd_cwnd = q.snd_cwnd;
	ti.tcpi_advmss = q.mss;
	ti.tcpi_rcv_space = q.rcv_wnd;
	ti.tcpi_snd_wnd = q.snd_wnd;
	ti.tcpi_total_retrans = q.retransmits;
	*len = MIN(*len, (unsigned)sizeof(ti));
	memcpy(val, &ti, *len);
	return 0;
}

static int tcp_get(struct inet_sk *is, int name, void *val, unsigned *len, int *v)
{
	const struct inet_opts *o = &is->o;
	struct inet_query q;
	int err;

	switch (name) {
	case TCP_NODELAY:
		return inet_sock_opt(is->sb, is->k, INET_OPT_NODELAY, false, v);
	case TCP_CORK:
		*v = o->par.cork;
		return 0;
	case TCP_MAXSEG:
		err = inet_sock_query(is->sb, is->k, &q);
		if (err)
			return err;
		*v = q.mss ? (int)q.mss : TCP_DEFAULT_MSS;
		if (o->maxseg && (q.state == INET_TCP_CLOSE || q.state == INET_TCP_LISTEN))
			*v = o->maxseg;
		return 0;
	case TCP_KEEPIDLE:
		*v = (int)o->par.keepidle_s;
		return 0;
	case TCP_KEEPINTVL:
		*v = (int)o->par.keepintvl_s;
		return 0;
	case TCP_KEEPCNT:
		*v = (int)o->par.keepcnt;
		return 0;
	case TCP_QUICKACK:
		*v = o->quickack;
		return 0;
	case TCP_USER_TIMEOUT:
		*v = (int)o->par.user_timeout_ms;
		return 0;
	case TCP_INFO:
		return tcp_info_get(is, val, len) ?: 1;
	case TCP_CONGESTION: {
		char ca[TCP_CA_NAME_MAX] = "reno";

		*len = MIN(*len, (unsigned)TCP_CA_NAME_MAX);
		memcpy(val, ca, *len);
		return 1;
	}
	}
	return -ENOPROTOOPT;
}

/* ---- the proto_ops slots ---- */

int inet_setsockopt(struct socket *s, int level, int name, const void *val, unsigned len)
{
	struct inet_sk *is = isk(s);

	if (level == SOL_SOCKET && name == SO_KEEPALIVE) {
		is->o.par.keepalive = s->keepalive;
		return push(is);
	}
	if (level == SOL_SOCKET && (name == SO_RCVBUF || name == SO_RCVBUFFORCE ||
				    name == SO_SNDBUF || name == SO_SNDBUFFORCE)) {
		if (!stream(s))
			return 0; /* UDP's queue keeps its own bound */
		if (name == SO_RCVBUF || name == SO_RCVBUFFORCE)
			is->o.par.rcvbuf = (unsigned)s->rcvbuf;
		else
			is->o.par.sndbuf = (unsigned)s->sndbuf;
		return push(is);
	}
	if (level == IPPROTO_IP)
		return ip_set(is, name, val, len);
	if (level == IPPROTO_IPV6 && s->family == AF_INET6)
		return ipv6_set(is, name, val, len);
	if (level == IPPROTO_TCP && stream(s))
		return tcp_set(is, name, val, len);
	return -ENOPROTOOPT;
}

int inet_getsockopt(struct socket *s, int level, int name, void *val, unsigned *len)
{
	struct inet_sk *is = isk(s);
	int v = 0, err;

	if (level == SOL_SOCKET && name == SO_ERROR) {
		err = inet_sock_opt(is->sb, is->k, INET_OPT_ERROR, false, &v);
	} else if (level == SOL_SOCKET && name == SO_ACCEPTCONN) {
		err = inet_sock_opt(is->sb, is->k, INET_OPT_LISTENING, false, &v);
	} else if (level == IPPROTO_IP) {
		err = ip_get(is, name, &v);
		if (!err && name != IP_MULTICAST_IF && *len < sizeof(int) && *len > 0 && v >= 0 &&
		    v <= 255) {
			*(uint8_t *)val = (uint8_t)v; /* Linux answers a short buffer with a byte */
			*len = 1;
			return 0;
		}
	} else if (level == IPPROTO_IPV6 && s->family == AF_INET6) {
		err = ipv6_get(is, name, &v);
	} else if (level == IPPROTO_TCP && stream(s)) {
		err = tcp_get(is, name, val, len, &v);
		if (err == 1)
			return 0; /* tcp_get wrote a value of its own layout */
	} else if (s->family == AF_INET && level != SOL_SOCKET && level != s->protocol) {
		return -EOPNOTSUPP; /* Linux's ip_getsockopt for a level it does not know */
	} else {
		return -ENOPROTOOPT;
	}
	if (err)
		return err;
	*len = MIN(*len, (unsigned)sizeof(v));
	memcpy(val, &v, *len);
	return 0;
}

long inet_ioctl(struct socket *s, unsigned cmd, uint64_t arg)
{
	struct inet_sk *is = isk(s);
	struct inet_query q;
	int n = 0, err;

	switch (cmd) {
	case SIOCINQ:
	case SIOCOUTQ:
		err = inet_sock_query(is->sb, is->k, &q);
		if (err)
			return err;
		if (stream(s) && q.state == INET_TCP_LISTEN)
			return -EINVAL;
		n = (int)(cmd == SIOCINQ ? q.inq : q.outq);
		break;
	case SIOCATMARK: /* lwIP keeps no urgent data: never at a mark */
		break;
	default:
		return -ENOTTY;
	}
	return put_user(n, (int __user *)uptr(arg)) ? -EFAULT : 0;
}

/* ---- ancillary data ---- */

void inet_put_cmsgs(struct inet_sk *is, struct sock_msg *m)
{
	const struct inet_opts *o = &is->o;
	struct inet_query q;

	if (!(o->pktinfo || o->recvttl || o->recvtos || o->recvpktinfo6 || o->recvhops ||
	      o->recvtclass) ||
	    inet_sock_query(is->sb, is->k, &q))
		return;
	if (is->s->family == AF_INET) {
		if (o->pktinfo) {
			struct in_pktinfo pi = {.ipi_ifindex = (int)q.ifindex};

			memcpy(&pi.ipi_spec_dst, q.dst.addr, 4);
			memcpy(&pi.ipi_addr, q.dst.addr, 4);
			sock_msg_put_cmsg(m, IPPROTO_IP, IP_PKTINFO, &pi, sizeof(pi));
		}
		if (o->recvttl) {
			int ttl = q.ttl;

			sock_msg_put_cmsg(m, IPPROTO_IP, IP_TTL, &ttl, sizeof(ttl));
		}
		if (o->recvtos)
			sock_msg_put_cmsg(m, IPPROTO_IP, IP_TOS, &q.tos, 1);
		return;
	}
	if (o->recvpktinfo6) {
		struct in6_pktinfo pi = {.ipi6_ifindex = (int)q.ifindex};

		memcpy(&pi.ipi6_addr, q.dst.addr, 16);
		sock_msg_put_cmsg(m, IPPROTO_IPV6, IPV6_PKTINFO, &pi, sizeof(pi));
	}
	if (o->recvhops) {
		int h = q.ttl;

		sock_msg_put_cmsg(m, IPPROTO_IPV6, IPV6_HOPLIMIT, &h, sizeof(h));
	}
	if (o->recvtclass) {
		int c = q.tos;

		sock_msg_put_cmsg(m, IPPROTO_IPV6, IPV6_TCLASS, &c, sizeof(c));
	}
}

/* One control message's int (or, for IP_TOS, byte) value. */
static int cmsg_int(const struct cmsghdr_k *h, const uint8_t *data, bool byte_ok, int *v)
{
	if (h->cmsg_len == CMSG_LEN_K(sizeof(int))) {
		memcpy(v, data, sizeof(int));
		return 0;
	}
	if (byte_ok && h->cmsg_len == CMSG_LEN_K(1)) {
		*v = data[0];
		return 0;
	}
	return -EINVAL;
}

static bool addr_mapped(const uint8_t *a)
{
	static const uint8_t prefix[12] = {[10] = 0xff, [11] = 0xff};

	return !memcmp(a, prefix, sizeof(prefix));
}

static bool addr_zero(const uint8_t *a, size_t n)
{
	while (n--)
		if (a[n])
			return false;
	return true;
}

/* IP_PKTINFO (ip_cmsg_send): the length exactly an in_pktinfo's; the
 * source (ipi_spec_dst, 0: none) neither multicast nor the limited
 * broadcast (ip_route_output_key_hash's EINVAL).  `mapped`:
 * a dual-stack socket's, whose source is kept as ::ffff:a.b.c.d. */
static int cmsg_pktinfo4(const struct cmsghdr_k *h, const uint8_t *data, bool mapped,
			 struct inet_sendctl *c)
{
	struct in_pktinfo pi;
	uint8_t a[4];

	if (h->cmsg_len != CMSG_LEN_K(sizeof(pi)))
		return -EINVAL;
	memcpy(&pi, data, sizeof(pi));
	memcpy(a, &pi.ipi_spec_dst, 4);
	c->ifindex = (unsigned)pi.ipi_ifindex;
	c->src.family = 0;
	if (addr_zero(a, 4))
		return 0;
	if ((a[0] & 0xf0) == 0xe0 || (a[0] & a[1] & a[2] & a[3]) == 0xff)
		return -EINVAL; /* multicast, or 255.255.255.255 */
	c->src.family = mapped ? INET_AF6 : INET_AF4;
	memset(c->src.addr, 0, sizeof(c->src.addr));
	if (mapped) {
		c->src.addr[10] = c->src.addr[11] = 0xff;
		memcpy(c->src.addr + 12, a, 4);
	} else {
		memcpy(c->src.addr, a, 4);
	}
	return 0;
}

/* IPV6_PKTINFO (ip6_datagram_send_ctl): at least an in6_pktinfo; a
 * link-local source needs an interface; ipi6_addr :: is none.  For a
 * dual-stack socket sending to an IPv4-mapped address (`mapped`, as
 * Linux's ip_cmsg_send) the source must be a mapped one. */
static int cmsg_pktinfo6(const struct cmsghdr_k *h, const uint8_t *data, bool mapped,
			 struct inet_sendctl *c)
{
	struct in6_pktinfo pi;
	const uint8_t *a = (const uint8_t *)&pi.ipi6_addr;

	if (h->cmsg_len < CMSG_LEN_K(sizeof(pi)))
		return -EINVAL;
	memcpy(&pi, data, sizeof(pi));
	if (mapped) {
		struct in_pktinfo pi4 = {.ipi_ifindex = pi.ipi6_ifindex};
		struct cmsghdr_k h4 = {.cmsg_len = CMSG_LEN_K(sizeof(pi4))};

		if (!addr_mapped(a))
			return -EINVAL;
		memcpy(&pi4.ipi_spec_dst, a + 12, 4);
		return cmsg_pktinfo4(&h4, (const uint8_t *)&pi4, true, c);
	}
	c->ifindex = (unsigned)pi.ipi6_ifindex;
	c->src.family = 0;
	if (addr_zero(a, 16))
		return 0;
	if (!c->ifindex && a[0] == 0xfe && (a[1] & 0xc0) == 0x80)
		return -EINVAL; /* link-local without an interface */
	if (a[0] == 0xff || addr_mapped(a))
		return -EINVAL; /* never this host's */
	c->src.family = INET_AF6;
	memcpy(c->src.addr, a, 16);
	return 0;
}

ssize_t inet_send_with_cmsgs(struct inet_sk *is, struct sock_msg *m, const void *buf,
			     const struct inet_addr *to)
{
	struct inet_sendctl c = {.ttl = -1, .tos = -1};
	/* IPv4's rules for AF_INET, and for AF_INET6 sending to a mapped address */
	bool mapped = is->s->family == AF_INET6 && to && addr_mapped(to->addr);
	bool v4 = is->s->family == AF_INET || mapped;
	size_t off = 0;

	c.nonlocal = is->s->family == AF_INET6 && !mapped && is->o.freebind;
	while (off + sizeof(struct cmsghdr_k) <= m->controllen) {
		struct cmsghdr_k h;
		const uint8_t *data = m->control + off + sizeof(h);
		int v, err = 0;

		memcpy(&h, m->control + off, sizeof(h));
		if (h.cmsg_len < sizeof(h) || h.cmsg_len > m->controllen - off)
			return -EINVAL;
		off += CMSG_ALIGN_K(h.cmsg_len);
		if (mapped && h.cmsg_level == IPPROTO_IPV6 && h.cmsg_type == IPV6_PKTINFO) {
			err = cmsg_pktinfo6(&h, data, true, &c);
		} else if (v4 && h.cmsg_level == IPPROTO_IP) {
			if (h.cmsg_type == IP_TTL) {
				err = cmsg_int(&h, data, false, &v);
				if (!err && (v < 1 || v > 255))
					err = -EINVAL;
				c.ttl = v;
			} else if (h.cmsg_type == IP_TOS) {
				err = cmsg_int(&h, data, true, &v);
				if (!err && (v < 0 || v > 255))
					err = -EINVAL;
				c.tos = v;
			} else if (h.cmsg_type == IP_PKTINFO) {
				err = cmsg_pktinfo4(&h, data, mapped, &c);
			} else {
				err = -EINVAL;
			}
		} else if (!v4 && h.cmsg_level == IPPROTO_IPV6) {
			if (h.cmsg_type == IPV6_HOPLIMIT || h.cmsg_type == IPV6_TCLASS) {
				err = cmsg_int(&h, data, false, &v);
				if (!err && (v < -1 || v > 255))
					err = -EINVAL;
				if (h.cmsg_type == IPV6_HOPLIMIT)
					c.ttl = v < 0 ? (is->o.hops < 0 ? IP_DEFAULT_TTL
									: is->o.hops)
						      : v;
				else
					c.tos = v < 0 ? 0 : v;
			} else if (h.cmsg_type == IPV6_PKTINFO) {
				err = cmsg_pktinfo6(&h, data, false, &c);
			} else {
				err = -EINVAL;
			}
		}
		/* other levels are not the family's: Linux passes over them */
		if (err)
			return err;
	}
	return inet_sock_send_ctl(is->sb, is->k, buf, m->len, to, &c);
}
