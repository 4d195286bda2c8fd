/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* prlimit64/getrlimit/setrlimit argument errors, in Linux's order (EFAULT before ESRCH). */
/* abi: glibc */
#include "abi.h"
#include <sys/resource.h>

static long prl(pid_t pid, int res, const void *nl, void *ol)
{
	return syscall(SYS_prlimit64, pid, res, nl, ol);
}

int main(void)
{
	struct rlimit64 r, o, big = {10, 5}, inf = {RLIM64_INFINITY, RLIM64_INFINITY};
	pid_t gone = fork();

	if (gone == 0)
		_exit(0);
	waitpid(gone, NULL, 0);
	SHOW(prl(0, RLIMIT_NLIMITS, NULL, &o));
	SHOW(prl(0, -1, NULL, &o));
	SHOW(prl(0, RLIMIT_CORE, &big, NULL));
	SHOW(prl(gone, RLIMIT_CORE, NULL, &o));
	SHOW(prl(-1, RLIMIT_CORE, NULL, &o));
	SHOW(prl(gone, RLIMIT_CORE, ABI_BADPTR, NULL));
	SHOW(prl(gone, RLIMIT_NLIMITS, NULL, NULL));
	SHOW(prl(0, RLIMIT_NLIMITS, &big, NULL));
	r = (struct rlimit64){1024, 1048577}; /* above fs.nr_open */
	SHOW(prl(0, RLIMIT_NOFILE, &r, NULL));
	r = (struct rlimit64){1024, RLIM64_INFINITY};
	SHOW(prl(0, RLIMIT_NOFILE, &r, NULL));
	/* the new limit is set even when the old one cannot be stored */
	r = (struct rlimit64){100, 200};
	SHOW(prl(0, RLIMIT_MSGQUEUE, &r, ABI_BADPTR));
	SHOW(prl(0, RLIMIT_MSGQUEUE, NULL, &o));
	printf("msgqueue: %llu %llu\n", (unsigned long long)o.rlim_cur,
	       (unsigned long long)o.rlim_max);
	SHOW(prl(0, RLIMIT_STACK, &inf, &o));
	SHOW(prl(0, RLIMIT_STACK, NULL, &o));
	FACT("infinity kept", o.rlim_cur == RLIM64_INFINITY && o.rlim_max == RLIM64_INFINITY);
	SHOW(prl(getpid(), RLIMIT_CORE, NULL, &o));
	SHOW(syscall(SYS_getrlimit, RLIMIT_NLIMITS, &o));
	SHOW(syscall(SYS_getrlimit, RLIMIT_CORE, ABI_BADPTR));
	SHOW(syscall(SYS_setrlimit, RLIMIT_NLIMITS, ABI_BADPTR));
	SHOW(syscall(SYS_setrlimit, RLIMIT_NLIMITS, &r));
	SHOW(syscall(SYS_setrlimit, RLIMIT_CORE, &big));
	r = (struct rlimit64){0, 0};
	SHOW(syscall(SYS_setrlimit, RLIMIT_MSGQUEUE, &r));
	SHOW(syscall(SYS_getrlimit, RLIMIT_MSGQUEUE, &o));
	printf("msgqueue: %llu %llu\n", (unsigned long long)o.rlim_cur,
	       (unsigned long long)o.rlim_max);
	return 0;
}
