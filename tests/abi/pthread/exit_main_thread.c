/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* pthread_exit in the main thread leaves the process running; it ends with the last thread's exit status. */
/* abi: glibc */
#include <pthread.h>
#include "abi.h"

static pthread_t main_thread;

static void *survivor(void *arg)
{
	void *ret = NULL;

	(void)arg;
	SHOW_ERR(pthread_join(main_thread, &ret));
	printf("main thread's value: %ld\n", (long)ret);
	printf("process still alive: %s\n", kill(getpid(), 0) == 0 ? "yes" : "no");
	printf("still its own pid: %s\n", syscall(SYS_gettid) != getpid() ? "yes" : "no");
	return (void *)3L;
}

static void *other(void *arg)
{
	(void)arg;
	usleep(100000);
	return NULL;
}

int main(void)
{
	pthread_t t, u;

	alarm(8);
	main_thread = pthread_self();
	if (QUIET_ERR(pthread_create(&u, NULL, other, NULL)))
		return 1;
	if (QUIET_ERR(pthread_create(&t, NULL, survivor, NULL)))
		return 1;
	pthread_detach(u);
	pthread_detach(t);
	printf("main thread exits\n");
	pthread_exit((void *)7L);
}
