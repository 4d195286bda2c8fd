/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* __thread variables: each thread has its own copy, initialised from the image; errno is per thread. */
/* abi: glibc */
#include "abi.h"
#include <pthread.h>

static __thread int counter = 100;
static __thread char name[16] = "main";

static void *worker(void *arg)
{
	long i = (long)arg;

	printf("%s", ""); /* nothing: printing happens in main */
	if (counter != 100 || strcmp(name, "main") != 0)
		return (void *)-1L;
	counter += (int)i;
	snprintf(name, sizeof(name), "worker%ld", i);
	errno = (int)(10 + i);
	usleep(2000);
	if (errno != (int)(10 + i))
		return (void *)-2L;
	return (void *)(long)(counter * 100 + (int)strlen(name));
}

int main(void)
{
	pthread_t th[3];

	counter = 7;
	strcpy(name, "changed");
	errno = 0;
	for (long i = 0; i < 3; i++)
		CHECK(pthread_create(&th[i], NULL, worker, (void *)i) == 0);
	for (long i = 0; i < 3; i++) {
		void *ret;

		CHECK(pthread_join(th[i], &ret) == 0);
		printf("worker %ld returned %ld\n", i, (long)ret);
	}
	printf("main: counter %d name %s errno %d\n", counter, name, errno);
	return 0;
}
