/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* RLIMIT_NPROC counts threads: pthread_create and fork give EAGAIN once the real uid's tasks reach the limit. */
/* abi: glibc */
#include "abi.h"
#include <grp.h>
#include <pthread.h>
#include <sys/resource.h>

static int gate[2];

static void *wait_gate(void *arg)
{
	char c;

	(void)arg;
	read(gate[0], &c, 1);
	return NULL;
}

static int user(void *arg)
{
	/* a uid of its own: no other task of the host counts against it */
	unsigned id = 100000 + (unsigned)getpid();
	struct rlimit r = {3, 3};
	pthread_t t[4];
	pid_t z;
	int n = 0, e = 0;

	(void)arg;
	if (pipe(gate) || setrlimit(RLIMIT_NPROC, &r) || setresgid(id, id, id) ||
	    setgroups(0, NULL) || setresuid(id, id, id))
		return 1;
	while (n < 4 && !(e = pthread_create(&t[n], NULL, wait_gate, NULL)))
		n++;
	printf("threads before the limit: %d (%s)\n", n, e ? abi_errname(e) : "none");
	z = fork();
	if (z == 0)
		_exit(0);
	printf("fork with 3 tasks: %s\n", z < 0 ? abi_errname(errno) : "ok");
	if (z > 0)
		waitpid(z, NULL, 0);
	close(gate[1]);
	for (int i = 0; i < n; i++)
		pthread_join(t[i], NULL);
	usleep(100000); /* joined threads are gone from the count */
	e = pthread_create(&t[0], NULL, wait_gate, NULL);
	printf("thread after the joins: %s\n", e ? abi_errname(e) : "ok");
	if (!e)
		pthread_join(t[0], NULL);
	return 0;
}

int main(void)
{
	abi_run_child("user", user, NULL);
	return 0;
}
