/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* A process-shared mutex and condition variable in MAP_SHARED memory hand a value from a child to its parent. */
/* abi: glibc */
#include <pthread.h>
#include <sys/mman.h>
#include "abi.h"

struct shared {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	int value;
};

int main(void)
{
	pthread_mutexattr_t ma;
	pthread_condattr_t ca;
	struct shared *s;
	int pshared = -1;
	pid_t pid;

	alarm(8);
	s = mmap(NULL, sizeof(*s), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (s == MAP_FAILED)
		return 1;
	pthread_mutexattr_init(&ma);
	pthread_mutexattr_setpshared(&ma, PTHREAD_PROCESS_SHARED);
	pthread_condattr_init(&ca);
	SHOW_ERR(pthread_condattr_setpshared(&ca, 3));
	SHOW_ERR(pthread_condattr_setpshared(&ca, PTHREAD_PROCESS_SHARED));
	SHOW_ERR(pthread_condattr_getpshared(&ca, &pshared));
	CHECK(pshared == PTHREAD_PROCESS_SHARED);
	SHOW_ERR(pthread_mutex_init(&s->lock, &ma));
	SHOW_ERR(pthread_cond_init(&s->cond, &ca));
	pid = fork();
	if (pid == 0) {
		/* Let the parent block in the wait first. */
		usleep(100000);
		pthread_mutex_lock(&s->lock);
		s->value = 42;
		pthread_cond_signal(&s->cond);
		pthread_mutex_unlock(&s->lock);
		_exit(0);
	}
	pthread_mutex_lock(&s->lock);
	while (s->value == 0)
		pthread_cond_wait(&s->cond, &s->lock);
	printf("value from the child: %d\n", s->value);
	pthread_mutex_unlock(&s->lock);
	abi_wait_child("child", pid);
	return 0;
}
