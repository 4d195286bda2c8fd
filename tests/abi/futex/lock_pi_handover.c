/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* futex: a blocked LOCK_PI sets FUTEX_WAITERS; UNLOCK_PI hands the lock to it (its tid in the word). */
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
	pid_t pid;

	CHECK(w != MAP_FAILED);
	w[0] = 0;
	SHOW(futex(w, FUTEX_LOCK_PI));
	pid = fork();
	if (pid == 0) {
		long r = futex(w, FUTEX_LOCK_PI);
		uint32_t seen = *w;

		/* it owns the lock now; hand it back empty */
		if (r != 0 || (seen & FUTEX_TID_MASK) != (uint32_t)getpid())
			_exit(1);
		if (!(seen & FUTEX_WAITERS))
			_exit(2);
		_exit(futex(w, FUTEX_UNLOCK_PI) == 0 && *w == 0 ? 0 : 3);
	}
	for (int i = 0; i < 5000 && !(*w & FUTEX_WAITERS); i++)
		usleep(1000);
	printf("waiters bit: %s\n", *w & FUTEX_WAITERS ? "yes" : "no");
	/* a PI waiter is not a plain one */
	SHOW(futex(w, FUTEX_WAKE));
	SHOW(futex(w, FUTEX_TRYLOCK_PI));
	SHOW(futex(w, FUTEX_UNLOCK_PI));
	abi_wait_child("locker", pid);
	printf("word = %#x\n", *w);
	/* the child unlocked it with nobody waiting */
	SHOW(futex(w, FUTEX_UNLOCK_PI));
	return 0;
}
