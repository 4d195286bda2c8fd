/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* futex: WAIT on a changed word is EAGAIN, WAKE with no waiter is 0; EINVAL, EFAULT, ENOSYS. */
/* abi: glibc */
#include "abi.h"

#include <linux/futex.h>
#include <stdint.h>

static long futex(void *uaddr, int op, uint32_t val, void *timeout, uint32_t val3)
{
	return syscall(SYS_futex, uaddr, op, val, timeout, NULL, val3);
}

int main(void)
{
	static uint32_t word[2] = {7, 0};
	char *bytes = (char *)word;

	SHOW(futex(word, FUTEX_WAIT, 8, NULL, 0));
	SHOW(futex(word, FUTEX_WAIT_PRIVATE, 8, NULL, 0));
	SHOW(futex(word, FUTEX_WAKE, 1, NULL, 0));
	SHOW(futex(word, FUTEX_WAKE_PRIVATE, 0, NULL, 0));
	SHOW(futex(word, FUTEX_WAKE_PRIVATE, -1, NULL, 0));
	SHOW(futex(word, FUTEX_WAIT_BITSET, 8, NULL, 1));
	SHOW(futex(word, FUTEX_WAKE_BITSET, 1, NULL, 0x10));
	/* a zero bitset, an unaligned word */
	SHOW(futex(word, FUTEX_WAIT_BITSET, 7, NULL, 0));
	SHOW(futex(word, FUTEX_WAKE_BITSET, 1, NULL, 0));
	SHOW(futex(bytes + 1, FUTEX_WAIT, 7, NULL, 0));
	SHOW(futex(bytes + 2, FUTEX_WAKE, 1, NULL, 0));
	/* bad addresses: a private wake does not touch the word */
	SHOW(futex(ABI_BADPTR, FUTEX_WAIT, 0, NULL, 0));
	SHOW(futex(ABI_BADPTR, FUTEX_WAKE, 1, NULL, 0));
	SHOW(futex(ABI_BADPTR, FUTEX_WAKE_PRIVATE, 1, NULL, 0));
	SHOW(futex(ABI_KERNPTR, FUTEX_WAKE_PRIVATE, 1, NULL, 0));
	SHOW(futex(NULL, FUTEX_WAIT, 0, NULL, 0));
	/* unknown operations; the realtime clock only with a wait */
	SHOW(futex(word, 99, 0, NULL, 0));
	SHOW(futex(word, FUTEX_WAKE | FUTEX_CLOCK_REALTIME, 1, NULL, 0));
	SHOW(futex(word, 99 | FUTEX_CLOCK_REALTIME, 1, ABI_BADPTR, 0));
	return 0;
}
