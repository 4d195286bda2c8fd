/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Capabilities are per thread: capget(tid) reads a sibling's sets; capset names the caller by tid, not the pid. */
/* abi: glibc */
#include <linux/capability.h>
#include <pthread.h>
#include "abi.h"

static pthread_barrier_t changed, done;
static pid_t tid;

static long caps(pid_t pid, struct __user_cap_data_struct *d)
{
	struct __user_cap_header_struct h = {_LINUX_CAPABILITY_VERSION_3, pid};

	return syscall(SYS_capget, &h, d);
}

static void *other(void *arg)
{
	struct __user_cap_header_struct h = {_LINUX_CAPABILITY_VERSION_3, getpid()};
	struct __user_cap_data_struct d[2];

	tid = syscall(SYS_gettid);
	caps(0, d);
	d[0].effective = d[0].permitted = 1u << CAP_KILL;
	d[1].effective = d[1].permitted = 0;
	SHOW(syscall(SYS_capset, &h, d)); /* the process's pid is not this thread */
	h.pid = tid;
	SHOW(syscall(SYS_capset, &h, d));
	pthread_barrier_wait(&changed);
	pthread_barrier_wait(&done);
	return arg;
}

int main(void)
{
	struct __user_cap_data_struct d[2];
	pthread_t t;

	alarm(8);
	pthread_barrier_init(&changed, NULL, 2);
	pthread_barrier_init(&done, NULL, 2);
	if (QUIET_ERR(pthread_create(&t, NULL, other, NULL)))
		return 1;
	pthread_barrier_wait(&changed);
	SHOW(caps(tid, d));
	printf("thread: eff %#x prm %#x\n", d[0].effective, d[0].permitted);
	SHOW(caps(0, d));
	FACT("main still has CAP_SYS_ADMIN", d[0].effective >> CAP_SYS_ADMIN & 1);
	SHOW(caps(getpid(), d));
	FACT("the pid names the leader", d[0].effective >> CAP_SYS_ADMIN & 1);
	pthread_barrier_wait(&done);
	SHOW_ERR(pthread_join(t, NULL));
	return 0;
}
