/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Host tests for classic BPF (bpf_classic.c): what the checker refuses
 * (lengths, opcodes, jumps, scratch memory, division by 0, ancillary
 * loads, the last instruction) and what it accepts; the interpreter on a
 * DHCP client's filter over real IPv4/UDP packets, every ALU operation,
 * ancillary and link-layer loads, and loads past the end (dropped).
 */
/* hosttest-cflags: -Ikernel/include -Iplatform/x64/include */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include <errno.h>
#include <kernel/bpf_classic.h>

#define N(a) (unsigned)(sizeof(a) / sizeof((a)[0]))

static uint16_t work[BPF_MAXINSNS];

static int check(const struct sock_filter *p, unsigned n)
{
	return bpf_classic_check(p, n, work);
}

/* A DHCP client's filter over IPv4 packets: UDP, not a fragment, to port 68. */
static const struct sock_filter dhcp[] = {
	BPF_STMT(BPF_LD | BPF_B | BPF_ABS, 9),		    /* IP protocol */
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 17, 0, 6),	    /* UDP? else drop */
	BPF_STMT(BPF_LD | BPF_H | BPF_ABS, 6),		    /* flags, fragment offset */
	BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, 0x1fff, 4, 0), /* a later fragment: drop */
	BPF_STMT(BPF_LDX | BPF_B | BPF_MSH, 0),		    /* X = IP header length */
	BPF_STMT(BPF_LD | BPF_H | BPF_IND, 2),		    /* UDP destination port */
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 68, 0, 1),
	BPF_STMT(BPF_RET | BPF_K, 0x7fffffff),
	BPF_STMT(BPF_RET | BPF_K, 0),
};

/* An IPv4/UDP packet (20-byte header, or 24 with options) to `port`. */
static size_t udp_pkt(uint8_t *b, unsigned ihl, uint8_t proto, uint16_t port, uint16_t frag)
{
	size_t h = ihl * 4;

	memset(b, 0, 64);
	b[0] = (uint8_t)(0x40 | ihl);
	b[6] = (uint8_t)(frag >> 8);
	b[7] = (uint8_t)frag;
	b[9] = proto;
	b[h + 0] = 0;
	b[h + 1] = 67;
	b[h + 2] = (uint8_t)(port >> 8);
	b[h + 3] = (uint8_t)port;
	return h + 8 + 8;
}

static uint32_t run_on(const struct sock_filter *p, const uint8_t *b, size_t len)
{
	struct bpf_pkt pkt = {.data = b, .len = len, .net = b};

	return bpf_classic_run(p, &pkt);
}

static void dhcp_filter(void **state)
{
	uint8_t b[64];
	size_t n;

	assert_int_equal(check(dhcp, N(dhcp)), 0);
	n = udp_pkt(b, 5, 17, 68, 0);
	assert_int_equal(run_on(dhcp, b, n), 0x7fffffff);
	n = udp_pkt(b, 6, 17, 68, 0x4000); /* options, don't-fragment */
	assert_int_equal(run_on(dhcp, b, n), 0x7fffffff);
	n = udp_pkt(b, 5, 17, 67, 0);
	assert_int_equal(run_on(dhcp, b, n), 0);
	n = udp_pkt(b, 5, 6, 68, 0);
	assert_int_equal(run_on(dhcp, b, n), 0);
	n = udp_pkt(b, 5, 17, 68, 0x0010); /* a later fragment */
	assert_int_equal(run_on(dhcp, b, n), 0);
	/* cut inside the port: the load is outside, the packet dropped */
	udp_pkt(b, 5, 17, 68, 0);
	assert_int_equal(run_on(dhcp, b, 23), 0);
	assert_int_equal(run_on(dhcp, b, 24), 0x7fffffff);
	assert_int_equal(run_on(dhcp, b, 5), 0);
}

static void check_lengths_and_end(void **state)
{
	static struct sock_filter big[BPF_MAXINSNS + 1];
	static const struct sock_filter no_ret[] = {BPF_STMT(BPF_LD | BPF_IMM, 1)};
	static const struct sock_filter ret_x[] = {BPF_STMT(BPF_RET | BPF_X, 0)};
	static const struct sock_filter ret_a[] = {BPF_STMT(BPF_RET | BPF_A, 0)};

	for (unsigned i = 0; i < N(big); i++)
		big[i] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, i);
	assert_int_equal(check(big, 0), -EINVAL);
	assert_int_equal(check(big, BPF_MAXINSNS + 1), -EINVAL);
	assert_int_equal(check(big, BPF_MAXINSNS), 0);
	assert_int_equal(check(big, 1), 0);
	assert_int_equal(check(no_ret, 1), -EINVAL);
	assert_int_equal(check(ret_x, 1), -EINVAL);
	assert_int_equal(check(ret_a, 1), 0);
}

static void check_opcodes_and_jumps(void **state)
{
	struct sock_filter p[3] = {
		BPF_STMT(BPF_LD | BPF_IMM, 1),
		BPF_STMT(BPF_RET | BPF_K, 1),
		BPF_STMT(BPF_RET | BPF_K, 0),
	};

	assert_int_equal(check(p, 3), 0);
	p[0].code = 0xffff; /* no such opcode */
	assert_int_equal(check(p, 3), -EINVAL);
	p[0] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_MSH, 0); /* MSH is LDX's */
	assert_int_equal(check(p, 3), -EINVAL);
	p[0] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 1, 0, 1);
	assert_int_equal(check(p, 3), 0);
	p[0].jf = 2; /* past the end */
	assert_int_equal(check(p, 3), -EINVAL);
	p[0] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JGT | BPF_X, 1, 2, 0);
	assert_int_equal(check(p, 3), -EINVAL);
	p[0] = (struct sock_filter)BPF_STMT(BPF_JMP | BPF_JA, 1);
	assert_int_equal(check(p, 3), 0);
	p[0].k = 2;
	assert_int_equal(check(p, 3), -EINVAL);
	p[0].k = 0xffffffff; /* -1: backwards */
	assert_int_equal(check(p, 3), -EINVAL);
	p[0] = (struct sock_filter)BPF_STMT(BPF_ALU | BPF_DIV | BPF_K, 0);
	assert_int_equal(check(p, 3), -EINVAL);
	p[0].code = BPF_ALU | BPF_MOD | BPF_K;
	assert_int_equal(check(p, 3), -EINVAL);
	p[0].k = 3;
	assert_int_equal(check(p, 3), 0);
	p[0] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, SKF_AD_OFF + SKF_AD_PROTOCOL);
	assert_int_equal(check(p, 3), 0);
	p[0].k = SKF_AD_OFF + SKF_AD_MAX; /* no such ancillary value */
	assert_int_equal(check(p, 3), -EINVAL);
	p[0].k = SKF_AD_OFF + 2;
	assert_int_equal(check(p, 3), -EINVAL);
	p[0].k = (uint32_t)SKF_LL_OFF; /* not ancillary: a link-layer load */
	assert_int_equal(check(p, 3), 0);
}

static void check_scratch_memory(void **state)
{
	struct sock_filter p[5] = {
		BPF_STMT(BPF_LD | BPF_MEM, 3),
		BPF_STMT(BPF_RET | BPF_A, 0),
	};
	struct sock_filter q[] = {
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0, 0, 1),
		BPF_STMT(BPF_ST, 5), /* stored on one path only */
		BPF_STMT(BPF_LDX | BPF_MEM, 5),
		BPF_STMT(BPF_RET | BPF_A, 0),
	};
	struct sock_filter r[] = {
		BPF_STMT(BPF_ST, 5),
		BPF_STMT(BPF_JMP | BPF_JA, 0),
		BPF_STMT(BPF_LD | BPF_MEM, 4), /* never stored */
		BPF_STMT(BPF_RET | BPF_A, 0),
	};

	assert_int_equal(check(p, 2), -EINVAL); /* read before any store */
	p[0] = (struct sock_filter)BPF_STMT(BPF_STX, 3);
	p[1] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_MEM, 3);
	p[2] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_A, 0);
	assert_int_equal(check(p, 3), 0);
	p[0].k = BPF_MEMWORDS;
	assert_int_equal(check(p, 3), -EINVAL);
	p[0].k = 3;
	p[1].k = BPF_MEMWORDS;
	assert_int_equal(check(p, 3), -EINVAL);
	assert_int_equal(check(q, N(q)), 0);
	assert_int_equal(check(r, N(r)), -EINVAL);
	r[2].k = 5;
	assert_int_equal(check(r, N(r)), 0);
}

static uint32_t alu(uint16_t op, uint32_t a, uint32_t x)
{
	struct sock_filter p[] = {
		BPF_STMT(BPF_LDX | BPF_IMM, x),
		BPF_STMT(BPF_LD | BPF_IMM, a),
		BPF_STMT(BPF_ALU | op | (op == BPF_NEG ? BPF_K : BPF_X), 0),
		BPF_STMT(BPF_RET | BPF_A, 0),
	};
	uint8_t b[1] = {0};

	assert_int_equal(check(p, N(p)), 0);
	return run_on(p, b, 0);
}

static void run_alu(void **state)
{
	assert_int_equal(alu(BPF_ADD, 7, 5), 12);
	assert_int_equal(alu(BPF_SUB, 5, 7), (uint32_t)-2);
	assert_int_equal(alu(BPF_MUL, 6, 7), 42);
	assert_int_equal(alu(BPF_DIV, 43, 7), 6);
	assert_int_equal(alu(BPF_DIV, 43, 0), 0); /* ends the program: 0 */
	assert_int_equal(alu(BPF_MOD, 43, 7), 1);
	assert_int_equal(alu(BPF_MOD, 43, 0), 0);
	assert_int_equal(alu(BPF_AND, 0xf0f0, 0xff00), 0xf000);
	assert_int_equal(alu(BPF_OR, 0xf0f0, 0xff00), 0xfff0);
	assert_int_equal(alu(BPF_XOR, 0xf0f0, 0xff00), 0x0ff0);
	assert_int_equal(alu(BPF_LSH, 1, 4), 16);
	assert_int_equal(alu(BPF_RSH, 0x80000000u, 31), 1);
	assert_int_equal(alu(BPF_NEG, 5, 0), (uint32_t)-5);
}

static void run_loads(void **state)
{
	static const uint8_t frame[] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 1,
					2,    3,    4,	  5,	6,    0x08, 0x00,
					0x45, 0x00, 0x01, 0x02, 0xaa, 0xbb, 0xcc};
	const struct sock_filter p[] = {
		BPF_STMT(BPF_LD | BPF_H | BPF_ABS, (uint32_t)SKF_LL_OFF + 12), /* ethertype */
		BPF_STMT(BPF_ST, 0),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, 2), /* IP total length and the next 2 */
		BPF_STMT(BPF_LDX | BPF_MEM, 0),
		BPF_STMT(BPF_ALU | BPF_ADD | BPF_X, 0),
		BPF_STMT(BPF_MISC | BPF_TAX, 0),
		BPF_STMT(BPF_LD | BPF_W | BPF_LEN, 0),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 6, 1, 0), /* the length is 6 */
		BPF_STMT(BPF_RET | BPF_K, 0),
		BPF_STMT(BPF_MISC | BPF_TXA, 0),
		BPF_STMT(BPF_RET | BPF_A, 0),
	};
	const struct sock_filter anc[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, SKF_AD_OFF + SKF_AD_PROTOCOL),
		BPF_STMT(BPF_MISC | BPF_TAX, 0),
		BPF_STMT(BPF_LD | BPF_B | BPF_ABS, SKF_AD_OFF + SKF_AD_PKTTYPE),
		BPF_STMT(BPF_ALU | BPF_LSH | BPF_K, 16),
		BPF_STMT(BPF_ALU | BPF_ADD | BPF_X, 0),
		BPF_STMT(BPF_MISC | BPF_TAX, 0),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, SKF_AD_OFF + SKF_AD_IFINDEX),
		BPF_STMT(BPF_ALU | BPF_LSH | BPF_K, 24),
		BPF_STMT(BPF_ALU | BPF_ADD | BPF_X, 0),
		BPF_STMT(BPF_RET | BPF_A, 0),
	};
	const struct sock_filter past[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, 3), /* bytes 3..6 of a 6-byte packet */
		BPF_STMT(BPF_RET | BPF_K, 1),
	};
	const struct sock_filter ind[] = {
		BPF_STMT(BPF_LDX | BPF_IMM, (uint32_t)-2),
		BPF_STMT(BPF_LD | BPF_H | BPF_IND, 0), /* offset -2: outside */
		BPF_STMT(BPF_RET | BPF_K, 1),
	};
	struct bpf_pkt pkt = {.data = frame + 14, .len = 6, .ll = frame, .net = frame + 14};

	assert_int_equal(check(p, N(p)), 0);
	assert_int_equal(check(anc, N(anc)), 0);
	/* X = 0x0800 + 0x0102aabb; A = the length, 6; returns X */
	assert_int_equal(bpf_classic_run(p, &pkt), 0x0800 + 0x0102aabb);
	pkt.protocol = 0x0800;
	pkt.pkttype = 1;
	pkt.ifindex = 2;
	assert_int_equal(bpf_classic_run(anc, &pkt), 0x02010800);
	assert_int_equal(bpf_classic_run(past, &pkt), 0);
	pkt.len = 7; /* one byte more (the buffer has it): the load fits */
	assert_int_equal(bpf_classic_run(past, &pkt), 1);
	assert_int_equal(bpf_classic_run(ind, &pkt), 0);
	pkt.ll = NULL; /* no link-layer header (a SOCK_DGRAM view without one) */
	assert_int_equal(bpf_classic_run(p, &pkt), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(dhcp_filter),
		cmocka_unit_test(check_lengths_and_end),
		cmocka_unit_test(check_opcodes_and_jumps),
		cmocka_unit_test(check_scratch_memory),
		cmocka_unit_test(run_alu),
		cmocka_unit_test(run_loads),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
