/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* futex: LOCK_PI/TRYLOCK_PI/UNLOCK_PI on an uncontended word: owner tid, EDEADLK, EPERM. */
/* abi: glibc */
#include "abi.h"

#include <linux/futex.h>
#include <stdint.h>

static uint32_t word;

static long futex(int op)
{
	return syscall(SYS_futex, &word, op, 0, NULL, NULL, 0);
}

static void show_word(void)
{
	uint32_t tid = (uint32_t)syscall(SYS_gettid);
	uint32_t owner = word & FUTEX_TID_MASK;

	printf("word: owner %s%s%s\n",
	       !owner	      ? "none"
	       : owner == tid ? "me"
			      : "other",
	       word & FUTEX_WAITERS ? " WAITERS" : "",
	       word & FUTEX_OWNER_DIED ? " OWNER_DIED" : "");
}

int main(void)
{
	SHOW(futex(FUTEX_LOCK_PI));
	show_word();
	SHOW(futex(FUTEX_LOCK_PI));
	SHOW(futex(FUTEX_TRYLOCK_PI));
	SHOW(futex(FUTEX_LOCK_PI2_PRIVATE));
	SHOW(futex(FUTEX_UNLOCK_PI));
	show_word();
	SHOW(futex(FUTEX_UNLOCK_PI));
	SHOW(futex(FUTEX_TRYLOCK_PI_PRIVATE));
	show_word();
	SHOW(futex(FUTEX_UNLOCK_PI_PRIVATE));
	SHOW(futex(FUTEX_LOCK_PI2));
	show_word();
	/* WAITERS and OWNER_DIED with no waiter in the kernel: unlock clears all */
	word |= FUTEX_WAITERS | FUTEX_OWNER_DIED;
	SHOW(futex(FUTEX_UNLOCK_PI));
	show_word();
	/* a dead owner's lock (OWNER_DIED, no tid) is taken, the bit kept */
	word = FUTEX_OWNER_DIED;
	SHOW(futex(FUTEX_LOCK_PI));
	show_word();
	/* WAITERS alone with nobody waiting: taken, the bit dropped */
	word = FUTEX_WAITERS;
	SHOW(futex(FUTEX_TRYLOCK_PI));
	show_word();
	/* another owner's: EPERM; no owner: EPERM */
	word = 1;
	SHOW(futex(FUTEX_UNLOCK_PI));
	word = FUTEX_WAITERS;
	SHOW(futex(FUTEX_UNLOCK_PI));
	/* PI waiters are not plain waiters, but a plain wake finds none here */
	SHOW(futex(FUTEX_WAKE));
	return 0;
}
