/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* futex: a robust PI lock (list entry bit 0): at the owner's death its waiter gets it, OWNER_DIED set. */
/* abi: glibc */
#include "abi.h"

#include <linux/futex.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/mman.h>

struct shared {
	struct robust_list_head head;
	struct robust_list link;
	uint32_t word, ready, seen;
};

static long futex(uint32_t *uaddr, int op)
{
	return syscall(SYS_futex, uaddr, op, 0, NULL, NULL, 0);
}

int main(void)
{
	struct shared *m =
		mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	pid_t owner, waiter;

	CHECK(m != MAP_FAILED);
	owner = fork();
	if (owner == 0) {
		m->head.futex_offset =
			offsetof(struct shared, word) - offsetof(struct shared, link);
		m->head.list.next = (struct robust_list *)((uintptr_t)&m->link | 1); /* PI */
		m->link.next = &m->head.list;
		syscall(SYS_set_robust_list, &m->head, sizeof(m->head));
		if (futex(&m->word, FUTEX_LOCK_PI) != 0)
			_exit(1);
		__atomic_store_n(&m->ready, 1, __ATOMIC_SEQ_CST);
		while (!(__atomic_load_n(&m->word, __ATOMIC_SEQ_CST) & FUTEX_WAITERS))
			usleep(1000);
		_exit(0);
	}
	while (!__atomic_load_n(&m->ready, __ATOMIC_SEQ_CST))
		usleep(1000);
	waiter = fork();
	if (waiter == 0) {
		long r = futex(&m->word, FUTEX_LOCK_PI);

		m->seen = m->word;
		if (r != 0 || (m->seen & FUTEX_TID_MASK) != (uint32_t)getpid())
			_exit(1);
		_exit(futex(&m->word, FUTEX_UNLOCK_PI) == 0 ? 0 : 2);
	}
	abi_wait_child("owner", owner);
	abi_wait_child("waiter", waiter);
	printf("word the waiter saw:%s%s\n", m->seen & FUTEX_WAITERS ? " WAITERS" : "",
	       m->seen & FUTEX_OWNER_DIED ? " OWNER_DIED" : "");
	printf("word = %#x\n", m->word);
	return 0;
}
