/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* futex: a PI lock's owner exits holding it (no robust list): its waiter takes the lock over. */
/* abi: glibc */
#include "abi.h"

#include <linux/futex.h>
#include <stdint.h>
#include <sys/mman.h>

static long futex(uint32_t *uaddr, int op)
{
	return syscall(SYS_futex, uaddr, op, 0, NULL, NULL, 0);
}

int main(void)
{
	uint32_t *w = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	pid_t owner, waiter;

	CHECK(w != MAP_FAILED);
	w[0] = w[1] = 0;
	owner = fork();
	if (owner == 0) {
		if (futex(&w[0], FUTEX_LOCK_PI) != 0)
			_exit(1);
		__atomic_store_n(&w[1], 1, __ATOMIC_SEQ_CST);
		/* leave once the waiter is queued behind us */
		while (!(__atomic_load_n(&w[0], __ATOMIC_SEQ_CST) & FUTEX_WAITERS))
			usleep(1000);
		_exit(0);
	}
	while (!__atomic_load_n(&w[1], __ATOMIC_SEQ_CST))
		usleep(1000);
	waiter = fork();
	if (waiter == 0) {
		long r = futex(&w[0], FUTEX_LOCK_PI);

		w[2] = w[0];
		if (r != 0 || (w[2] & FUTEX_TID_MASK) != (uint32_t)getpid())
			_exit(1);
		_exit(futex(&w[0], FUTEX_UNLOCK_PI) == 0 ? 0 : 2);
	}
	abi_wait_child("owner", owner);
	abi_wait_child("waiter", waiter);
	printf("word the waiter saw:%s%s\n", w[2] & FUTEX_WAITERS ? " WAITERS" : "",
	       w[2] & FUTEX_OWNER_DIED ? " OWNER_DIED" : "");
	printf("word = %#x\n", w[0]);
	return 0;
}
