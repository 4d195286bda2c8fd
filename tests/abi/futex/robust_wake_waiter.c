/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* futex: a robust lock's owner is killed; a waiter on the word is woken and sees FUTEX_OWNER_DIED. */
/* abi: glibc */
#include "abi.h"

#include <linux/futex.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/mman.h>

struct shared {
	struct robust_list_head head;
	struct robust_list link;
	uint32_t word;
	uint32_t ready;
};

int main(void)
{
	struct shared *m =
		mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	pid_t owner, waiter;

	CHECK(m != MAP_FAILED);
	owner = fork();
	if (owner == 0) {
		m->word = (uint32_t)syscall(SYS_gettid) | FUTEX_WAITERS;
		m->head.futex_offset =
			offsetof(struct shared, word) - offsetof(struct shared, link);
		m->head.list.next = &m->link;
		m->link.next = &m->head.list;
		syscall(SYS_set_robust_list, &m->head, sizeof(m->head));
		__atomic_store_n(&m->ready, 1, __ATOMIC_SEQ_CST);
		for (;;)
			pause();
	}
	while (!__atomic_load_n(&m->ready, __ATOMIC_SEQ_CST))
		usleep(1000);
	waiter = fork();
	if (waiter == 0) {
		for (;;) { /* only a wake from the dying owner ends this */
			uint32_t v = __atomic_load_n(&m->word, __ATOMIC_SEQ_CST);

			if (v & FUTEX_OWNER_DIED)
				_exit((v & FUTEX_TID_MASK) == 0 ? 0 : 1);
			syscall(SYS_futex, &m->word, FUTEX_WAIT, v, NULL, NULL, 0);
		}
	}
	usleep(50000);
	kill(owner, SIGKILL);
	abi_wait_child("owner", owner);
	abi_wait_child("waiter", waiter);
	printf("word: %s\n",
	       m->word == (FUTEX_WAITERS | FUTEX_OWNER_DIED) ? "WAITERS|OWNER_DIED" : "?");
	return 0;
}
