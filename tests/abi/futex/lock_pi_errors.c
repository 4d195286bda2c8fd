/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* futex: the PI family's ESRCH (dead owner, WAITERS still set), EFAULT, EINVAL, ENOSYS. */
/* abi: glibc */
#include "abi.h"

#include <linux/futex.h>
#include <stdint.h>
#include <sys/mman.h>

static long futex(void *uaddr, int op, void *timeout)
{
	return syscall(SYS_futex, uaddr, op, 0, timeout, NULL, 0);
}

int main(void)
{
	static uint32_t w[2];
	uint32_t *ro = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	struct timespec bad = {0, 1000000000};

	CHECK(ro != MAP_FAILED);
	/* no thread has this tid (above PID_MAX_LIMIT) */
	w[0] = 0x3ffffff0;
	SHOW(futex(w, FUTEX_LOCK_PI, NULL));
	printf("word %#x\n", w[0]);
	w[0] = 0x3ffffff0;
	SHOW(futex(w, FUTEX_TRYLOCK_PI, NULL));
	printf("word %#x\n", w[0]);
	SHOW(futex(w, FUTEX_UNLOCK_PI, NULL));
	/* misaligned, unmapped, kernel, read-only */
	SHOW(futex((char *)w + 2, FUTEX_LOCK_PI, NULL));
	SHOW(futex((char *)w + 2, FUTEX_UNLOCK_PI, NULL));
	SHOW(futex(ABI_BADPTR, FUTEX_LOCK_PI, NULL));
	SHOW(futex(ABI_BADPTR, FUTEX_TRYLOCK_PI_PRIVATE, NULL));
	SHOW(futex(ABI_BADPTR, FUTEX_UNLOCK_PI_PRIVATE, NULL));
	SHOW(futex(ABI_KERNPTR, FUTEX_LOCK_PI_PRIVATE, NULL));
	SHOW(futex(ro, FUTEX_LOCK_PI, NULL));
	SHOW(futex(ro, FUTEX_UNLOCK_PI, NULL));
	/* the timeout is read first: a bad one wins over everything */
	SHOW(futex(ABI_BADPTR, FUTEX_LOCK_PI, ABI_BADPTR));
	SHOW(futex(w, FUTEX_LOCK_PI, &bad));
	SHOW(futex(w, FUTEX_LOCK_PI2, &bad));
	/* TRYLOCK and UNLOCK take no timeout */
	SHOW(futex(&w[1], FUTEX_TRYLOCK_PI, ABI_BADPTR));
	SHOW(futex(&w[1], FUTEX_UNLOCK_PI, ABI_BADPTR));
	/* the realtime clock: only LOCK_PI2 */
	SHOW(futex(&w[1], FUTEX_LOCK_PI | FUTEX_CLOCK_REALTIME, NULL));
	SHOW(futex(&w[1], FUTEX_TRYLOCK_PI | FUTEX_CLOCK_REALTIME, NULL));
	SHOW(futex(&w[1], FUTEX_UNLOCK_PI | FUTEX_CLOCK_REALTIME, NULL));
	SHOW(futex(&w[1], FUTEX_LOCK_PI2 | FUTEX_CLOCK_REALTIME, NULL));
	SHOW(futex(&w[1], FUTEX_UNLOCK_PI, NULL));
	return 0;
}
