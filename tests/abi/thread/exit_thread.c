/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* exit(2) from a thread ends only that thread; the leader's pthread_exit leaves the others running and the last one's exit code is the process's. */
/* abi: glibc */
#include "abi.h"
#include <linux/futex.h>
#include <pthread.h>

/* 1 until the kernel clears it as raw_exit's thread exits: only then is
 * that thread surely not the process's last (a 10 ms sleep was not: on a
 * loaded host it sometimes exited after the others, and the process with
 * its 42) */
static int raw_alive = 1;

static void *raw_exit(void *arg)
{
	(void)arg;
	syscall(SYS_set_tid_address, &raw_alive);
	syscall(SYS_exit, 42); /* this thread only: glibc/musl see it vanish */
	return NULL;
}

/* 1 until the kernel clears it as the leader exits (set_tid_address) */
static int leader_alive = 1;

static void *last_one(void *arg)
{
	(void)arg;
	while (__atomic_load_n(&leader_alive, __ATOMIC_ACQUIRE))
		syscall(SYS_futex, &leader_alive, FUTEX_WAIT, 1, NULL);
	printf("last thread still runs, pid same: %s\n",
	       (pid_t)syscall(SYS_getpid) == *(pid_t *)arg ? "yes" : "no");
	syscall(SYS_exit, 7); /* the last thread: the process exits with 7 */
	return NULL;
}

int main(void)
{
	pid_t child = fork();

	if (child == 0) {
		static pid_t me;
		pthread_t th;

		me = getpid();
		CHECK(pthread_create(&th, NULL, raw_exit, NULL) == 0);
		while (__atomic_load_n(&raw_alive, __ATOMIC_ACQUIRE))
			syscall(SYS_futex, &raw_alive, FUTEX_WAIT, 1, NULL);
		printf("main survived the thread's exit\n");
		CHECK(pthread_create(&th, NULL, last_one, &me) == 0);
		syscall(SYS_set_tid_address, &leader_alive);
		pthread_exit(NULL); /* the leader goes first */
	}
	abi_wait_child("child", child);
	return 0;
}
