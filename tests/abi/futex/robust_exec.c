/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* futex: execve walks the robust list too (the old memory's locks get FUTEX_OWNER_DIED). */
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

int main(int argc, char **argv)
{
	struct {
		struct robust_list_head head;
		struct lock l;
	} * m;
	pid_t pid;

	if (argc > 1)
		return 0; /* the exec'd image */
	m = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	CHECK(m != MAP_FAILED);
	pid = fork();
	if (pid == 0) {
		char *args[] = {argv[0], "exec", NULL};

		m->l.word = (uint32_t)syscall(SYS_gettid);
		m->head.futex_offset = offsetof(struct lock, word);
		m->head.list.next = &m->l.link;
		m->l.link.next = &m->head.list;
		syscall(SYS_set_robust_list, &m->head, sizeof(m->head));
		execv(argv[0], args);
		_exit(127);
	}
	abi_wait_child("exec", pid);
	printf("word: %s\n", m->l.word == FUTEX_OWNER_DIED ? "OWNER_DIED" : "?");
	return 0;
}
