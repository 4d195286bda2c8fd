/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* futex: FUTEX_WAKE_OP's operations on the second word, with OPARG_SHIFT and 12-bit args. */
/* abi: glibc */
#include "abi.h"

#include <linux/futex.h>
#include <stdint.h>

static uint32_t w[2];

static void op(const char *what, uint32_t start, uint32_t encoded)
{
	long r;

	w[1] = start;
	r = syscall(SYS_futex, &w[0], FUTEX_WAKE_OP_PRIVATE, 1, (void *)1, &w[1], encoded);
	printf("%-28s %#x -> %#x (ret %ld)\n", what, start, w[1], r);
}

int main(void)
{
	op("SET 0x7ff", 1, FUTEX_OP(FUTEX_OP_SET, 0x7ff, 0, 0));
	op("SET -1 (sign-extended)", 1, FUTEX_OP(FUTEX_OP_SET, 0xfff, 0, 0));
	op("ADD 3", 40, FUTEX_OP(FUTEX_OP_ADD, 3, 0, 0));
	op("ADD -2", 40, FUTEX_OP(FUTEX_OP_ADD, 0xffe, 0, 0));
	op("ADD 1 wraps", 0xffffffff, FUTEX_OP(FUTEX_OP_ADD, 1, 0, 0));
	op("OR 0x0f", 0x30, FUTEX_OP(FUTEX_OP_OR, 0x0f, 0, 0));
	op("ANDN 0x0f", 0xff, FUTEX_OP(FUTEX_OP_ANDN, 0x0f, 0, 0));
	op("XOR 0xff", 0x0f, FUTEX_OP(FUTEX_OP_XOR, 0xff, 0, 0));
	op("SET 1<<31", 0, FUTEX_OP((FUTEX_OP_SET | FUTEX_OP_OPARG_SHIFT), 31, 0, 0));
	op("OR 1<<4", 1, FUTEX_OP((FUTEX_OP_OR | FUTEX_OP_OPARG_SHIFT), 4, 0, 0));
	op("ANDN 1<<0", 3, FUTEX_OP((FUTEX_OP_ANDN | FUTEX_OP_OPARG_SHIFT), 0, 0, 0));
	op("SET 1<<40 (shift masked)", 0,
	   FUTEX_OP((FUTEX_OP_SET | FUTEX_OP_OPARG_SHIFT), 40, 0, 0));
	op("SET 1<<-1 (shift masked)", 0,
	   FUTEX_OP((FUTEX_OP_SET | FUTEX_OP_OPARG_SHIFT), 0xfff, 0, 0));
	/* an unknown comparison: the store happens, then ENOSYS */
	op("SET 9, cmp 7", 1, FUTEX_OP(FUTEX_OP_SET, 9, 7, 0));
	/* an unknown operation stores nothing */
	op("op 5", 1, FUTEX_OP(5, 9, 0, 0));
	op("op 7", 1, FUTEX_OP(7, 9, 0, 0));
	return 0;
}
