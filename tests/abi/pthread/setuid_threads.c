/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* setresuid in one thread applies to every thread (the libc signals the others); the raw syscall to the caller only. */
/* abi: glibc */
#include <pthread.h>
#include "abi.h"

static pthread_barrier_t changed, checked;
static long other_uid = -1, other_uid_raw = -1;

static void *other(void *arg)
{
	pthread_barrier_wait(&changed);
	other_uid = syscall(SYS_geteuid);
	pthread_barrier_wait(&checked);
	pthread_barrier_wait(&changed);
	other_uid_raw = syscall(SYS_geteuid);
	pthread_barrier_wait(&checked);
	return arg;
}

int main(void)
{
	pthread_t t;

	alarm(8);
	pthread_barrier_init(&changed, NULL, 2);
	pthread_barrier_init(&checked, NULL, 2);
	if (QUIET_ERR(pthread_create(&t, NULL, other, NULL)))
		return 1;
	SHOW(setresuid(-1, 1000, 0));
	pthread_barrier_wait(&changed);
	pthread_barrier_wait(&checked);
	printf("other thread's euid after setresuid: %ld\n", other_uid);
	SHOW(setresuid(-1, 0, -1));
	SHOW(syscall(SYS_setresuid, -1, 1000, -1));
	pthread_barrier_wait(&changed);
	pthread_barrier_wait(&checked);
	printf("other thread's euid after the raw syscall: %ld\n", other_uid_raw);
	SHOW(syscall(SYS_setresuid, -1, 0, -1));
	SHOW_ERR(pthread_join(t, NULL));
	return 0;
}
