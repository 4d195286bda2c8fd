/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* The process's exit status is that of the last thread to start exiting:
 * a thread that sees the leader's clear-tid word go to zero and exits at
 * once still gives the process its status, though the leader may be
 * tearing down after it.  The leader has its own descriptor table, full,
 * pipes holding data,
 * which it closes after the word is cleared: the two exits overlap. */
/* abi: glibc */
#include "abi.h"
#include <pthread.h>
#include <sched.h>
#include <sys/resource.h>

#define ROUNDS 10
#define FDS    2000

static int leader_alive = 1; /* cleared by the kernel as the leader exits */

static void *spinner(void *arg)
{
	(void)arg;
	while (__atomic_load_n(&leader_alive, __ATOMIC_ACQUIRE))
		sched_yield();
	syscall(SYS_exit, 7); /* now, while the leader may still be exiting */
	return NULL;
}

int main(void)
{
	int other = 0;
	struct rlimit rl = {FDS + 16, FDS + 16};

	CHECK(setrlimit(RLIMIT_NOFILE, &rl) == 0);

	for (int i = 0; i < ROUNDS; i++) {
		pid_t child = fork();
		int st;

		if (child == 0) {
			pthread_t th;

			if (pthread_create(&th, NULL, spinner, NULL) != 0)
				_exit(99);
			if (unshare(CLONE_FILES) != 0)
				_exit(98);
			for (int i = 0; i < FDS / 2; i++) {
				int p[2];

				if (pipe(p) == 0)
					(void)!write(p[1], "x", 1); /* a buffer page to free */
			}
			syscall(SYS_set_tid_address, &leader_alive);
			syscall(SYS_exit, 0); /* the leader starts exiting first */
		}
		if (waitpid(child, &st, 0) != child || !WIFEXITED(st) || WEXITSTATUS(st) != 7)
			other++;
	}
	printf("%d rounds, %d with another status than the last thread's\n", ROUNDS, other);
	return 0;
}
