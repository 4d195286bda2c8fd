/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Run as init (pid 1): start and join threads, as a Go program or a
 * container's entry point does, then power off with status 5. */
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

static int count;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static void *bump(void *arg)
{
	(void)arg;
	for (int i = 0; i < 1000; i++) {
		pthread_mutex_lock(&lock);
		count++;
		pthread_mutex_unlock(&lock);
	}
	return NULL;
}

int main(void)
{
	pthread_t t[4];
	int made = 0;

	for (int i = 0; i < 4; i++)
		made += pthread_create(&t[i], NULL, bump, NULL) == 0;
	for (int i = 0; i < made; i++)
		pthread_join(t[i], NULL);
	printf("threadinit: pid %d, %d threads, count %d\n", (int)getpid(), made, count);
	fflush(stdout);
	return 5;
}
