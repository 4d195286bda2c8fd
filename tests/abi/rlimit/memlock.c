/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* RLIMIT_MEMLOCK without CAP_IPC_LOCK: locks past it are ENOMEM (MAP_LOCKED: EAGAIN), a limit of 0 is EPERM. */
/* abi: glibc */
/* (raw mmap: musl's wrapper turns EPERM into ENOMEM) */
#include "abi.h"
#include <grp.h>
#include <sys/mman.h>
#include <sys/resource.h>

#define ANON (MAP_PRIVATE | MAP_ANONYMOUS)

static int user(void *arg)
{
	struct rlimit r = {8192, 8192};
	char *a = mmap(NULL, 4 * 4096, PROT_READ | PROT_WRITE, ANON, -1, 0);

	(void)arg;
	if (setrlimit(RLIMIT_MEMLOCK, &r) || setresgid(1000, 1000, 1000) || setgroups(0, NULL) ||
	    setresuid(1000, 1000, 1000))
		return 1;
	SHOW(mlock(a, 8192));
	SHOW(mlock(a + 4096, 4096)); /* locked already: not counted twice */
	SHOW(mlock(a, 3 * 4096));
	SHOW(mlock(a + 8192, 1));
	SHOW(munlock(a, 4096));
	SHOW(mlock(a + 8192, 4096));
	SHOW(munlock(a, 4 * 4096));
	SHOW(mlock(a + 100, 8192)); /* three pages once aligned */
	SHOW(syscall(SYS_mmap, NULL, 3 * 4096, PROT_READ, ANON | MAP_LOCKED, -1, 0) == -1);
	printf("errno: %s\n", abi_errname(errno));
	SHOW(syscall(SYS_mmap, NULL, 4096, PROT_READ, ANON | MAP_LOCKED, -1, 0) == -1);
	SHOW(munlock(a, 4 * 4096));
	SHOW(mlock(a, 4096)); /* a locked mapping grows only within the limit */
	SHOW(mremap(a, 4096, 3 * 4096, 0) == MAP_FAILED);
	printf("errno: %s\n", abi_errname(errno));
	SHOW(mremap(a, 4096, 2 * 4096, 0) == MAP_FAILED); /* with the MAP_LOCKED page: 3 */
	printf("errno: %s\n", abi_errname(errno));
	SHOW(mlockall(MCL_CURRENT));
	SHOW(mlockall(MCL_ONFAULT));
	SHOW(munlockall());
	r.rlim_cur = 0;
	SHOW(setrlimit(RLIMIT_MEMLOCK, &r));
	SHOW(mlock(a, 4096));
	SHOW(mlockall(MCL_FUTURE));
	SHOW(syscall(SYS_mmap, NULL, 4096, PROT_READ, ANON | MAP_LOCKED, -1, 0) == -1);
	printf("errno: %s\n", abi_errname(errno));
	SHOW(munlock(a, 4096));
	return 0;
}

int main(void)
{
	struct rlimit r = {4096, 4096};
	char *a = mmap(NULL, 4 * 4096, PROT_READ | PROT_WRITE, ANON, -1, 0);

	abi_run_child("uid 1000", user, NULL);
	SHOW(setrlimit(RLIMIT_MEMLOCK, &r));
	SHOW(mlock(a, 4 * 4096)); /* CAP_IPC_LOCK: no limit */
	SHOW(munlock(a, 4 * 4096));
	return 0;
}
