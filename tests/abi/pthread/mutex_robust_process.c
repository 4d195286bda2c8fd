/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* A process-shared robust mutex in MAP_SHARED memory held by a child that dies: EOWNERDEAD in the parent. */
/* abi: glibc */
#include <pthread.h>
#include <sys/mman.h>
#include "abi.h"

int main(void)
{
	pthread_mutexattr_t attr;
	pthread_mutex_t *lock;
	pid_t pid;
	int pshared = -1;

	alarm(8);
	lock = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (lock == MAP_FAILED)
		return 1;
	pthread_mutexattr_init(&attr);
	SHOW_ERR(pthread_mutexattr_setpshared(&attr, 7));
	SHOW_ERR(pthread_mutexattr_setpshared(&attr, PTHREAD_PROCESS_SHARED));
	SHOW_ERR(pthread_mutexattr_getpshared(&attr, &pshared));
	CHECK(pshared == PTHREAD_PROCESS_SHARED);
	SHOW_ERR(pthread_mutexattr_setrobust(&attr, PTHREAD_MUTEX_ROBUST));
	SHOW_ERR(pthread_mutex_init(lock, &attr));
	pid = fork();
	if (pid == 0) {
		if (pthread_mutex_lock(lock) != 0)
			_exit(1);
		_exit(0);
	}
	abi_wait_child("child holding the lock", pid);
	SHOW_ERR(pthread_mutex_lock(lock));
	SHOW_ERR(pthread_mutex_consistent(lock));
	SHOW_ERR(pthread_mutex_unlock(lock));
	pid = fork();
	if (pid == 0)
		_exit(pthread_mutex_trylock(lock) == 0 && pthread_mutex_unlock(lock) == 0 ? 0 : 2);
	abi_wait_child("child locking it again", pid);
	SHOW_ERR(pthread_mutex_trylock(lock));
	SHOW_ERR(pthread_mutex_unlock(lock));
	return 0;
}
