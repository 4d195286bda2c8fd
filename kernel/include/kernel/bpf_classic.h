/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Classic BPF (kernel/net/bpf_classic.c): the socket filters of
 * SO_ATTACH_FILTER (struct sock_filter, <linux/filter.h>), checked once
 * when attached and then run over each packet.
 *
 * bpf_classic_check() accepts what Linux's classic checker accepts: 1 to
 * BPF_MAXINSNS instructions of known opcodes, no division by a constant 0,
 * scratch memory indices below BPF_MEMWORDS and read only after a store on
 * some path to the read, jumps forward and inside the program, ancillary
 * loads (SKF_AD_OFF + SKF_AD_*) Linux knows, and a last instruction that
 * returns (BPF_RET with K or A).
 *
 * bpf_classic_run() runs a checked program: every packet load is checked
 * against the packet's bounds, and one that falls outside ends the
 * program with 0 (drop), as does a division by an X of 0.
 */
#pragma once

#include <klib/compiler.h>
#include <klib/types.h>
#include <linux/filter.h>

/* One packet as a filter sees it: offset 0 of `data` is where the
 * socket's data begins (the network header for SOCK_DGRAM packet
 * sockets, the link-layer header for SOCK_RAW); SKF_LL_OFF loads are
 * relative to `ll` (the link-layer header), SKF_NET_OFF to `net`.  The
 * three point into one buffer that ends at data + len. */
struct bpf_pkt {
	const uint8_t *data;
	size_t len;
	const uint8_t *ll, *net;
	uint16_t protocol; /* host order: SKF_AD_PROTOCOL */
	uint8_t pkttype;   /* PACKET_HOST...: SKF_AD_PKTTYPE */
	int ifindex;	   /* SKF_AD_IFINDEX */
	uint16_t hatype;   /* ARPHRD_*: SKF_AD_HATYPE */
};

/* 0 if prog[0..len) is a valid classic program, else -EINVAL.  `work`
 * has room for `len` entries (the checker's per-instruction state). */
int bpf_classic_check(const struct sock_filter *prog, unsigned len, uint16_t *work) __must_check;

/* Run a program bpf_classic_check() accepted: how many bytes of the
 * packet to keep (0: drop it). */
uint32_t bpf_classic_run(const struct sock_filter *prog, const struct bpf_pkt *pkt);
