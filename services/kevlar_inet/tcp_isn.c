/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * TCP's initial sequence numbers (lwIP's LWIP_HOOK_TCP_ISN), as RFC 6528
 * and Linux make them: a keyed hash of the connection's addresses and
 * ports plus a clock that advances by one every 64 ns.  A new connection
 * on the ports of one in TIME-WAIT then starts past the old one's last
 * sequence number, so the peer's TIME-WAIT takes its SYN as a new
 * connection (patch 0003); lwIP's own counter advanced by its slow-timer
 * ticks and could start behind.  The hash is SipHash-2-4 with a 128-bit
 * key drawn from the kernel's generator on first use.  Called under
 * lwIP's core lock.
 */
#include <klib/string.h>
#include <kevlar_vfs/service.h>
#include "lwip/ip_addr.h"
#include "inet.h"

static uint64_t isn_key[2];
static bool isn_keyed;

static uint64_t rotl(uint64_t v, unsigned n)
{
	return (v << n) | (v >> (64 - n));
}

struct sip {
	uint64_t v0, v1, v2, v3;
};

static void sip_round(struct sip *s)
{
	s->v0 += s->v1;
	s->v1 = rotl(s->v1, 13) ^ s->v0;
	s->v0 = rotl(s->v0, 32);
	s->v2 += s->v3;
	s->v3 = rotl(s->v3, 16) ^ s->v2;
	s->v0 += s->v3;
	s->v3 = rotl(s->v3, 21) ^ s->v0;
	s->v2 += s->v1;
	s->v1 = rotl(s->v1, 17) ^ s->v2;
	s->v2 = rotl(s->v2, 32);
}

static void sip_word(struct sip *s, uint64_t m)
{
	s->v3 ^= m;
	sip_round(s);
	sip_round(s);
	s->v0 ^= m;
}

/* SipHash-2-4 of `n` whole 64-bit words (the last carries the length). */
static uint64_t siphash(const uint64_t k[2], const uint64_t *w, unsigned n)
{
	struct sip s = {k[0] ^ 0x736f6d6570736575ull, k[1] ^ 0x646f72616e646f6dull,
			k[0] ^ 0x6c7967656e657261ull, k[1] ^ 0x7465646279746573ull};

	for (unsigned i = 0; i < n; i++)
		sip_word(&s, w[i]);
	sip_word(&s, (uint64_t)(n * 8) << 56);
	s.v2 ^= 0xff;
	for (unsigned i = 0; i < 4; i++)
		sip_round(&s);
	return s.v0 ^ s.v1 ^ s.v2 ^ s.v3;
}

unsigned kevlar_inet_tcp_isn(const void *local_ip, unsigned short local_port, const void *remote_ip,
			     unsigned short remote_port)
{
	const ip_addr_t *l = local_ip, *r = remote_ip;
	uint64_t w[5] = {0};

	if (!isn_keyed) {
		for (unsigned i = 0; i < 4; i++)
			isn_key[i / 2] = isn_key[i / 2] << 32 | svc_random();
		isn_keyed = true;
	}
	if (IP_IS_V6(l)) {
		memcpy(w, ip_2_ip6(l)->addr, 16);
		memcpy(w + 2, ip_2_ip6(r)->addr, 16);
	} else {
		w[0] = ip4_addr_get_u32(ip_2_ip4(l));
		w[1] = ip4_addr_get_u32(ip_2_ip4(r));
	}
	w[4] = (uint64_t)local_port << 16 | remote_port;
	return (unsigned)(siphash(isn_key, w, 5) + (svc_clock_ns() >> 6));
}
