/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* futex: the requeue operations' EINVAL, EFAULT and EAGAIN, in Linux's order. */
/* abi: glibc */
#include "abi.h"

#include <linux/futex.h>
#include <stdint.h>

static long futex(void *uaddr, int op, uint32_t val, long val2, void *uaddr2, uint32_t val3)
{
	return syscall(SYS_futex, uaddr, op, val, (void *)val2, uaddr2, val3);
}

int main(void)
{
	static uint32_t w[2] = {5, 0};
	char *b = (char *)w;

	/* no waiters: nothing to do, nothing counted */
	SHOW(futex(w, FUTEX_REQUEUE, 1, 1, &w[1], 0));
	SHOW(futex(w, FUTEX_REQUEUE_PRIVATE, 1, 1, w, 0));
	SHOW(futex(w, FUTEX_CMP_REQUEUE, 1, 1, &w[1], 5));
	SHOW(futex(w, FUTEX_CMP_REQUEUE_PRIVATE, 1, 1, &w[1], 4));
	/* negative counts, misaligned words */
	SHOW(futex(w, FUTEX_CMP_REQUEUE, -1, 1, &w[1], 5));
	SHOW(futex(w, FUTEX_CMP_REQUEUE, 1, -1, &w[1], 5));
	SHOW(futex(w, FUTEX_REQUEUE, 1, 0xffffffffL, &w[1], 5));
	SHOW(futex(b + 1, FUTEX_CMP_REQUEUE, 1, 1, &w[1], 5));
	SHOW(futex(w, FUTEX_CMP_REQUEUE, 1, 1, b + 5, 5));
	/* bad addresses: a shared key touches both words, a private one only
	 * the compared word */
	SHOW(futex(w, FUTEX_CMP_REQUEUE, 1, 1, ABI_BADPTR, 5));
	SHOW(futex(w, FUTEX_CMP_REQUEUE_PRIVATE, 1, 1, ABI_BADPTR, 5));
	SHOW(futex(ABI_BADPTR, FUTEX_CMP_REQUEUE_PRIVATE, 1, 1, w, 5));
	SHOW(futex(w, FUTEX_CMP_REQUEUE_PRIVATE, 1, 1, ABI_KERNPTR, 5));
	/* no realtime clock here */
	SHOW(futex(w, FUTEX_CMP_REQUEUE | FUTEX_CLOCK_REALTIME, 1, 1, &w[1], 5));
	return 0;
}
