/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Classic BPF (<kernel/bpf_classic.h>): the checker and an interpreter.
 *
 * The checker walks the program once, forward (jumps only go forward, so
 * every instruction's predecessors come before it): each opcode must be
 * one of the classic set, each jump target inside the program, and each
 * scratch-memory read must follow a store to that word on some path that
 * reaches it (a bit per word, or-ed over the paths into an instruction).
 *
 * The interpreter keeps A, X and the 16 scratch words on its stack.  It
 * never reads outside the packet: a load whose bytes are not all inside
 * [start, data + len) returns 0 from the program, so the packet is
 * dropped.  Pure code with no kernel dependency: the host unit test
 * bpf_classic_test.c links it alone.
 */
#include <klib/errno.h>
#include <kernel/bpf_classic.h>

#define ANC(name) ((uint32_t)SKF_AD_OFF + SKF_AD_##name)

/* Is `code` one of the classic opcodes Linux allows? */
static bool code_ok(uint16_t code)
{
	switch (code) {
	case BPF_ALU | BPF_ADD | BPF_K:
	case BPF_ALU | BPF_ADD | BPF_X:
	case BPF_ALU | BPF_SUB | BPF_K:
	case BPF_ALU | BPF_SUB | BPF_X:
	case BPF_ALU | BPF_MUL | BPF_K:
	case BPF_ALU | BPF_MUL | BPF_X:
	case BPF_ALU | BPF_DIV | BPF_K:
	case BPF_ALU | BPF_DIV | BPF_X:
	case BPF_ALU | BPF_MOD | BPF_K:
	case BPF_ALU | BPF_MOD | BPF_X:
	case BPF_ALU | BPF_AND | BPF_K:
	case BPF_ALU | BPF_AND | BPF_X:
	case BPF_ALU | BPF_OR | BPF_K:
	case BPF_ALU | BPF_OR | BPF_X:
	case BPF_ALU | BPF_XOR | BPF_K:
	case BPF_ALU | BPF_XOR | BPF_X:
	case BPF_ALU | BPF_LSH | BPF_K:
	case BPF_ALU | BPF_LSH | BPF_X:
	case BPF_ALU | BPF_RSH | BPF_K:
	case BPF_ALU | BPF_RSH | BPF_X:
	case BPF_ALU | BPF_NEG:
	case BPF_LD | BPF_W | BPF_ABS:
	case BPF_LD | BPF_H | BPF_ABS:
	case BPF_LD | BPF_B | BPF_ABS:
	case BPF_LD | BPF_W | BPF_LEN:
	case BPF_LD | BPF_W | BPF_IND:
	case BPF_LD | BPF_H | BPF_IND:
	case BPF_LD | BPF_B | BPF_IND:
	case BPF_LD | BPF_IMM:
	case BPF_LD | BPF_MEM:
	case BPF_LDX | BPF_W | BPF_LEN:
	case BPF_LDX | BPF_B | BPF_MSH:
	case BPF_LDX | BPF_IMM:
	case BPF_LDX | BPF_MEM:
	case BPF_ST:
	case BPF_STX:
	case BPF_MISC | BPF_TAX:
	case BPF_MISC | BPF_TXA:
	case BPF_RET | BPF_K:
	case BPF_RET | BPF_A:
	case BPF_JMP | BPF_JA:
	case BPF_JMP | BPF_JEQ | BPF_K:
	case BPF_JMP | BPF_JEQ | BPF_X:
	case BPF_JMP | BPF_JGE | BPF_K:
	case BPF_JMP | BPF_JGE | BPF_X:
	case BPF_JMP | BPF_JGT | BPF_K:
	case BPF_JMP | BPF_JGT | BPF_X:
	case BPF_JMP | BPF_JSET | BPF_K:
	case BPF_JMP | BPF_JSET | BPF_X:
		return true;
	}
	return false;
}

/* An absolute load at k >= SKF_AD_OFF names an ancillary value: a known one? */
static bool anc_known(uint32_t k)
{
	return k >= (uint32_t)SKF_AD_OFF && k < ANC(MAX) && (k - (uint32_t)SKF_AD_OFF) % 4 == 0;
}

int bpf_classic_check(const struct sock_filter *prog, unsigned len, uint16_t *stored)
{
	/* bit i of stored[pc]: word i was written on some path into pc */
	uint16_t have = 0;

	if (len == 0 || len > BPF_MAXINSNS)
		return -EINVAL;
	for (unsigned pc = 0; pc < len; pc++)
		stored[pc] = 0;
	for (unsigned pc = 0; pc < len; pc++) {
		const struct sock_filter *f = &prog[pc];
		unsigned left = len - pc - 1; /* instructions after this one */

		have |= stored[pc];
		if (!code_ok(f->code))
			return -EINVAL;
		switch (f->code) {
		case BPF_ALU | BPF_DIV | BPF_K:
		case BPF_ALU | BPF_MOD | BPF_K:
			if (f->k == 0)
				return -EINVAL;
			break;
		case BPF_LD | BPF_MEM:
		case BPF_LDX | BPF_MEM:
			if (f->k >= BPF_MEMWORDS || !(have & (1u << f->k)))
				return -EINVAL;
			break;
		case BPF_ST:
		case BPF_STX:
			if (f->k >= BPF_MEMWORDS)
				return -EINVAL;
			have |= (uint16_t)(1u << f->k);
			break;
		case BPF_LD | BPF_W | BPF_ABS:
		case BPF_LD | BPF_H | BPF_ABS:
		case BPF_LD | BPF_B | BPF_ABS:
			if (f->k >= (uint32_t)SKF_AD_OFF && !anc_known(f->k))
				return -EINVAL;
			break;
		case BPF_JMP | BPF_JA:
			if (f->k >= left)
				return -EINVAL;
			stored[pc + 1 + f->k] |= have;
			have = 0; /* nothing falls through */
			break;
		}
		if (BPF_CLASS(f->code) == BPF_JMP && BPF_OP(f->code) != BPF_JA) {
			if (f->jt >= left || f->jf >= left)
				return -EINVAL;
			stored[pc + 1 + f->jt] |= have;
			stored[pc + 1 + f->jf] |= have;
			have = 0;
		}
		if (BPF_CLASS(f->code) == BPF_RET)
			have = 0;
	}
	switch (prog[len - 1].code) {
	case BPF_RET | BPF_K:
	case BPF_RET | BPF_A:
		return 0;
	}
	return -EINVAL;
}

/* The `size` bytes at offset k (signed: SKF_NET_OFF and SKF_LL_OFF are
 * negative) as a big-endian number into *out: false when outside. */
static bool load(const struct bpf_pkt *p, int64_t k, unsigned size, uint32_t *out)
{
	const uint8_t *end = p->data + p->len, *at;
	uint32_t v = 0;

	if (k >= 0) {
		if ((uint64_t)k > p->len || p->len - (uint64_t)k < size)
			return false;
		at = p->data + k;
	} else if (k >= SKF_NET_OFF) {
		if (!p->net || k - SKF_NET_OFF > end - p->net)
			return false;
		at = p->net + (k - SKF_NET_OFF);
	} else if (k >= SKF_LL_OFF) {
		if (!p->ll || k - SKF_LL_OFF > end - p->ll)
			return false;
		at = p->ll + (k - SKF_LL_OFF);
	} else {
		return false;
	}
	if ((size_t)(end - at) < size)
		return false;
	for (unsigned i = 0; i < size; i++)
		v = v << 8 | at[i];
	*out = v;
	return true;
}

/* An ancillary value (k an SKF_AD_* offset) into *a: false when the
 * program ends with 0.  x is X, for SKF_AD_ALU_XOR_X. */
static bool ancillary(const struct bpf_pkt *p, uint32_t k, uint32_t x, uint32_t *a)
{
	switch (k) {
	case ANC(PROTOCOL):
		*a = p->protocol;
		return true;
	case ANC(PKTTYPE):
		*a = p->pkttype;
		return true;
	case ANC(IFINDEX):
		*a = (uint32_t)p->ifindex;
		return true;
	case ANC(HATYPE):
		*a = p->hatype;
		return true;
	case ANC(ALU_XOR_X):
		*a ^= x;
		return true;
	case ANC(PAY_OFFSET):
		*a = (uint32_t)(p->net ? p->net - p->data : 0);
		return true;
	case ANC(MARK):
	case ANC(QUEUE):
	case ANC(RXHASH):
	case ANC(CPU):
	case ANC(VLAN_TAG):
	case ANC(VLAN_TAG_PRESENT):
	case ANC(VLAN_TPID):
	case ANC(RANDOM):
	case ANC(NLATTR):
	case ANC(NLATTR_NEST):
		*a = 0; /* no mark, queue, hash, VLAN or netlink attributes here */
		return true;
	}
	return false;
}

static uint32_t size_of(uint16_t code)
{
	switch (BPF_SIZE(code)) {
	case BPF_W:
		return 4;
	case BPF_H:
		return 2;
	}
	return 1;
}

uint32_t bpf_classic_run(const struct sock_filter *prog, const struct bpf_pkt *p)
{
	uint32_t a = 0, x = 0, mem[BPF_MEMWORDS] = {0};

	for (unsigned pc = 0;; pc++) {
		const struct sock_filter *f = &prog[pc];
		uint32_t k = f->k, src = BPF_SRC(f->code) == BPF_X ? x : k;

		switch (BPF_CLASS(f->code)) {
		case BPF_LD:
			switch (BPF_MODE(f->code)) {
			case BPF_IMM:
				a = k;
				break;
			case BPF_MEM:
				a = mem[k];
				break;
			case BPF_LEN:
				a = (uint32_t)p->len;
				break;
			case BPF_ABS:
				if (k >= (uint32_t)SKF_AD_OFF) {
					if (!ancillary(p, k, x, &a))
						return 0;
				} else if (!load(p, (int32_t)k, size_of(f->code), &a)) {
					return 0;
				}
				break;
			case BPF_IND:
				if (!load(p, (int64_t)(int32_t)(x + k), size_of(f->code), &a))
					return 0;
				break;
			}
			break;
		case BPF_LDX:
			switch (BPF_MODE(f->code)) {
			case BPF_IMM:
				x = k;
				break;
			case BPF_MEM:
				x = mem[k];
				break;
			case BPF_LEN:
				x = (uint32_t)p->len;
				break;
			case BPF_MSH:
				if (!load(p, (int32_t)k, 1, &x))
					return 0;
				x = (x & 0xf) * 4;
				break;
			}
			break;
		case BPF_ST:
			mem[k] = a;
			break;
		case BPF_STX:
			mem[k] = x;
			break;
		case BPF_ALU:
			switch (BPF_OP(f->code)) {
			case BPF_ADD:
				a += src;
				break;
			case BPF_SUB:
				a -= src;
				break;
			case BPF_MUL:
				a *= src;
				break;
			case BPF_DIV:
				if (!src)
					return 0;
				a /= src;
				break;
			case BPF_MOD:
				if (!src)
					return 0;
				a %= src;
				break;
			case BPF_AND:
				a &= src;
				break;
			case BPF_OR:
				a |= src;
				break;
			case BPF_XOR:
				a ^= src;
				break;
			case BPF_LSH:
				a <<= src & 31;
				break;
			case BPF_RSH:
				a >>= src & 31;
				break;
			case BPF_NEG:
				a = -a;
				break;
			}
			break;
		case BPF_JMP: {
			bool t;

			switch (BPF_OP(f->code)) {
			case BPF_JA:
				pc += k;
				continue;
			case BPF_JEQ:
				t = a == src;
				break;
			case BPF_JGT:
				t = a > src;
				break;
			case BPF_JGE:
				t = a >= src;
				break;
			default: /* BPF_JSET */
				t = (a & src) != 0;
				break;
			}
			pc += t ? f->jt : f->jf;
			break;
		}
		case BPF_RET:
			return BPF_RVAL(f->code) == BPF_A ? a : k;
		case BPF_MISC:
			if (BPF_MISCOP(f->code) == BPF_TAX)
				x = a;
			else
				a = x;
			break;
		}
	}
}
