/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* futex: a broken robust list (bad pointer, a cycle, misaligned word) only ends the walk at exit. */
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

static struct {
	struct robust_list_head head;
	struct lock l[2];
} * m;

/* A child that holds l[0] and l[1], with the list built by `setup`. */
static void run(const char *what, void (*setup)(void))
{
	pid_t pid;

	m->l[0].word = m->l[1].word = 0;
	pid = fork();
	if (pid == 0) {
		m->l[0].word = m->l[1].word = (uint32_t)syscall(SYS_gettid);
		m->head.futex_offset = offsetof(struct lock, word);
		m->head.list_op_pending = NULL;
		setup();
		syscall(SYS_set_robust_list, &m->head, sizeof(m->head));
		_exit(0);
	}
	abi_wait_child(what, pid);
	printf("  l0 %s, l1 %s\n", m->l[0].word == FUTEX_OWNER_DIED ? "died" : "kept",
	       m->l[1].word == FUTEX_OWNER_DIED ? "died" : "kept");
}

static void bad_next(void)
{
	m->head.list.next = &m->l[0].link;
	m->l[0].link.next = ABI_BADPTR; /* l0 is handled, then the walk stops */
}

static void cycle(void)
{
	m->head.list.next = &m->l[0].link;
	m->l[0].link.next = &m->l[1].link;
	m->l[1].link.next = &m->l[0].link; /* never back to the head */
}

static void misaligned(void)
{
	m->head.futex_offset = offsetof(struct lock, word) + 1; /* misaligned: untouched */
	m->head.list.next = &m->l[0].link;
	m->l[0].link.next = &m->head.list;
}

static void bad_head(void)
{
	m->head.list.next = ABI_BADPTR;
	m->head.list_op_pending = &m->l[1].link;
}

int main(void)
{
	m = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	CHECK(m != MAP_FAILED);
	run("bad next", bad_next);
	run("cycle", cycle);
	run("misaligned", misaligned);
	run("bad first entry", bad_head);
	return 0;
}
