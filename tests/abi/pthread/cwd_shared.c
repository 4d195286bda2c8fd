/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Threads share the working directory and umask (CLONE_FS) until one calls unshare(CLONE_FS). */
/* abi: glibc */
#include <pthread.h>
#include <sched.h>
#include <sys/stat.h>
#include "abi.h"

static void *move(void *arg)
{
	SHOW(chdir("sub"));
	umask(077);
	return arg;
}

static void *move_alone(void *arg)
{
	SHOW(unshare(CLONE_FS));
	SHOW(chdir(".."));
	umask(0);
	return arg;
}

static void where(void)
{
	char cwd[4096];
	mode_t old = umask(022);

	umask(old);
	if (getcwd(cwd, sizeof(cwd)))
		printf("main is in %s, umask %03o\n",
		       strcmp(strrchr(cwd, '/'), "/sub") ? "the scratch directory" : "sub",
		       (unsigned)old);
}

int main(void)
{
	pthread_t t;

	alarm(8);
	SHOW(mkdir("sub", 0755));
	if (QUIET_ERR(pthread_create(&t, NULL, move, NULL)))
		return 1;
	SHOW_ERR(pthread_join(t, NULL));
	where();
	if (QUIET_ERR(pthread_create(&t, NULL, move_alone, NULL)))
		return 1;
	SHOW_ERR(pthread_join(t, NULL));
	where();
	SHOW(chdir(".."));
	SHOW(rmdir("sub"));
	return 0;
}
