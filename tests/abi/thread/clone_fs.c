/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* CLONE_FS shares cwd and umask with the child process (without it they are copied); threads always share them. */
/* abi: glibc */
#include "abi.h"
#include <pthread.h>
#include <sched.h>

static char stack[65536] __attribute__((aligned(16)));

static int child_fn(void *arg)
{
	(void)arg;
	umask(077);
	return chdir("sub") ? 1 : 0;
}

static void *thread_fn(void *arg)
{
	(void)arg;
	umask(007);
	chdir("..");
	return NULL;
}

static void where(const char *label)
{
	char cwd[4096];
	mode_t m = umask(0);

	umask(m);
	printf("%s: in sub: %s, umask %03o\n", label,
	       getcwd(cwd, sizeof(cwd)) && strstr(cwd, "/sub") ? "yes" : "no", (unsigned)m);
}

int main(void)
{
	pthread_t th;
	pid_t pid;

	CHECK(mkdir("sub", 0755) == 0);
	pid = clone(child_fn, stack + sizeof(stack), SIGCHLD, NULL);
	abi_wait_child("copy", pid);
	where("after a child without CLONE_FS");
	pid = clone(child_fn, stack + sizeof(stack), CLONE_FS | SIGCHLD, NULL);
	abi_wait_child("shared", pid);
	where("after a child with CLONE_FS");
	CHECK(pthread_create(&th, NULL, thread_fn, NULL) == 0);
	CHECK(pthread_join(th, NULL) == 0);
	where("after a thread");
	CHECK(rmdir("sub") == 0);
	return 0;
}
