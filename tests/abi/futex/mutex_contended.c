/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* futex: four processes contend for a WAIT/WAKE mutex and a PI lock in shared memory; no count is lost. */
/* abi: glibc */
#include "abi.h"

#include <linux/futex.h>
#include <stdint.h>
#include <sys/mman.h>

#define N      4
#define ROUNDS 1000

struct shared {
	uint32_t mutex, pi;
	unsigned long plain_count, pi_count;
};

static long futex(uint32_t *u, int op, uint32_t val)
{
	return syscall(SYS_futex, u, op, val, NULL, NULL, 0);
}

/* Drepper's mutex: 0 free, 1 locked, 2 locked with waiters. */
static void lock(uint32_t *m)
{
	uint32_t c = 0;

	if (__atomic_compare_exchange_n(m, &c, 1, 0, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
		return;
	if (c != 2)
		c = __atomic_exchange_n(m, 2, __ATOMIC_ACQUIRE);
	while (c != 0) {
		futex(m, FUTEX_WAIT, 2);
		c = __atomic_exchange_n(m, 2, __ATOMIC_ACQUIRE);
	}
}

static void unlock(uint32_t *m)
{
	if (__atomic_exchange_n(m, 0, __ATOMIC_RELEASE) != 1)
		futex(m, FUTEX_WAKE, 1);
}

/* the PI lock always through the kernel, the user-space fast path skipped */
static int worker(struct shared *s)
{
	for (int i = 0; i < ROUNDS; i++) {
		lock(&s->mutex);
		s->plain_count++;
		unlock(&s->mutex);
		if (futex(&s->pi, FUTEX_LOCK_PI, 0) != 0)
			return 1;
		s->pi_count++;
		if (futex(&s->pi, FUTEX_UNLOCK_PI, 0) != 0)
			return 2;
	}
	return 0;
}

int main(void)
{
	struct shared *s =
		mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	pid_t pid[N];

	CHECK(s != MAP_FAILED);
	for (int i = 0; i < N; i++) {
		pid[i] = fork();
		if (pid[i] == 0)
			_exit(worker(s));
	}
	for (int i = 0; i < N; i++)
		abi_wait_child("worker", pid[i]);
	printf("plain: %lu, pi: %lu (of %d), words %u %u\n", s->plain_count, s->pi_count,
	       N * ROUNDS, s->mutex, s->pi);
	return 0;
}
