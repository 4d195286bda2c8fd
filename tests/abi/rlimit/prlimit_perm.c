/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* prlimit64 permissions: raising a hard limit needs CAP_SYS_RESOURCE; another user's process is EPERM. */
/* abi: glibc */
#include "abi.h"
#include <grp.h>
#include <sys/resource.h>

static long prl(pid_t pid, int res, const void *nl, void *ol)
{
	return syscall(SYS_prlimit64, pid, res, nl, ol);
}

static void drop(unsigned id)
{
	if (setresgid(id, id, id) || setgroups(0, NULL) || setresuid(id, id, id))
		printf("FAIL: drop\n");
}

static int user(void *arg)
{
	pid_t root = *(pid_t *)arg, sib;
	struct rlimit64 r = {64, 1000}, o;
	int pfd[2];

	drop(1000);
	SHOW(prl(0, RLIMIT_MSGQUEUE, &r, NULL));
	r.rlim_max = 1001;
	SHOW(prl(0, RLIMIT_MSGQUEUE, &r, NULL));
	r = (struct rlimit64){1000, 1000};
	SHOW(prl(0, RLIMIT_MSGQUEUE, &r, NULL));
	r = (struct rlimit64){200, 100};
	SHOW(prl(0, RLIMIT_MSGQUEUE, &r, NULL));
	SHOW(prl(getpid(), RLIMIT_MSGQUEUE, NULL, &o));
	SHOW(prl(root, RLIMIT_MSGQUEUE, NULL, &o));
	SHOW(prl(root, RLIMIT_MSGQUEUE, &r, NULL));
	SHOW(prl(root, RLIMIT_NLIMITS, NULL, NULL));
	/* a process with the same ids is ours */
	if (pipe(pfd))
		return 1;
	sib = fork();
	if (sib == 0) {
		char c;

		close(pfd[1]);
		read(pfd[0], &c, 1);
		_exit(0);
	}
	r = (struct rlimit64){10, 20};
	SHOW(prl(sib, RLIMIT_MSGQUEUE, &r, &o));
	printf("sibling old: %llu %llu\n", (unsigned long long)o.rlim_cur,
	       (unsigned long long)o.rlim_max);
	SHOW(prl(sib, RLIMIT_MSGQUEUE, NULL, &o));
	printf("sibling now: %llu %llu\n", (unsigned long long)o.rlim_cur,
	       (unsigned long long)o.rlim_max);
	close(pfd[1]);
	waitpid(sib, NULL, 0);
	return 0;
}

int main(void)
{
	pid_t self = getpid();
	struct rlimit64 r = {1000, 2000};

	SHOW(prl(0, RLIMIT_MSGQUEUE, &r, NULL));
	abi_run_child("user", user, &self);
	return 0;
}
