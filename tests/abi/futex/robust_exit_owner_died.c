/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* futex: at exit the kernel walks the robust list: the dead owner's words get FUTEX_OWNER_DIED. */
/* abi: glibc */
#include "abi.h"

#include <linux/futex.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/mman.h>

struct lock {
	struct robust_list link;
	uint32_t word;
};

int main(void)
{
	struct {
		struct robust_list_head head;
		struct lock l[5];
	} *m = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	pid_t pid;

	CHECK(m != MAP_FAILED);
	pid = fork();
	if (pid == 0) {
		uint32_t me = (uint32_t)syscall(SYS_gettid);

		m->l[0].word = me;		      /* held */
		m->l[1].word = me | FUTEX_WAITERS;    /* held, contended */
		m->l[2].word = 1;		      /* someone else's */
		m->l[3].word = 0;		      /* free */
		m->l[4].word = me | FUTEX_OWNER_DIED; /* the pending op's */
		m->head.futex_offset = offsetof(struct lock, word);
		m->head.list.next = &m->l[0].link;
		for (int i = 0; i < 3; i++)
			m->l[i].link.next = &m->l[i + 1].link;
		m->l[3].link.next = &m->head.list;
		m->head.list_op_pending = &m->l[4].link;
		syscall(SYS_set_robust_list, &m->head, sizeof(m->head));
		_exit(0);
	}
	abi_wait_child("owner", pid);
	for (int i = 0; i < 5; i++) {
		uint32_t v = m->l[i].word;

		printf("lock %d: tid %s%s%s\n", i, (v & FUTEX_TID_MASK) ? "set" : "clear",
		       v & FUTEX_WAITERS ? " WAITERS" : "",
		       v & FUTEX_OWNER_DIED ? " OWNER_DIED" : "");
	}
	return 0;
}
