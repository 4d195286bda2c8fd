/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Threads share one file table: an fd opened in a thread works in main, and a close in main closes it for all. */
/* abi: glibc */
#include <pthread.h>
#include <semaphore.h>
#include "abi.h"

static int fd = -1;
static sem_t opened, closed;

static void *opener(void *arg)
{
	char c;

	(void)arg;
	fd = open("f", O_RDWR | O_CREAT | O_TRUNC, 0644);
	write(fd, "xy", 2);
	lseek(fd, 0, SEEK_SET);
	sem_post(&opened);
	sem_wait(&closed);
	printf("thread reads the fd main closed: %s\n",
	       read(fd, &c, 1) == -1 ? abi_errname(errno) : "read");
	return NULL;
}

int main(void)
{
	pthread_t t;
	char c = 0;

	alarm(8);
	sem_init(&opened, 0, 0);
	sem_init(&closed, 0, 0);
	if (QUIET_ERR(pthread_create(&t, NULL, opener, NULL)))
		return 1;
	sem_wait(&opened);
	SHOW(read(fd, &c, 1));
	printf("main read '%c' from the thread's fd\n", c);
	SHOW(close(fd));
	sem_post(&closed);
	SHOW_ERR(pthread_join(t, NULL));
	SHOW(unlink("f"));
	return 0;
}
