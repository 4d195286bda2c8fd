/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* getrlimit/setrlimit/prlimit64: abi-exec's limits read back; EINVAL, EFAULT, ESRCH. */
#include "abi.h"

#include <sys/resource.h>

int main(void)
{
	struct rlimit rl, bad;

	SHOW(getrlimit(RLIMIT_NOFILE, &rl));
	printf("RLIMIT_NOFILE soft = %llu\n", (unsigned long long)rl.rlim_cur);
	SHOW(getrlimit(RLIMIT_CORE, &rl));
	printf("RLIMIT_CORE = %llu/%llu\n", (unsigned long long)rl.rlim_cur,
	       (unsigned long long)rl.rlim_max);
	getrlimit(RLIMIT_NOFILE, &rl);
	bad.rlim_cur = rl.rlim_max + 1;
	bad.rlim_max = rl.rlim_max;
	SHOW(setrlimit(RLIMIT_NOFILE, &bad));
	rl.rlim_cur = 100;
	SHOW(setrlimit(RLIMIT_NOFILE, &rl));
	SHOW(getrlimit(RLIMIT_NOFILE, &rl));
	printf("now %llu\n", (unsigned long long)rl.rlim_cur);
	SHOW(syscall(SYS_prlimit64, 0, 99, NULL, &rl));
	SHOW(syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, NULL, ABI_BADPTR));
	SHOW(syscall(SYS_prlimit64, 0x3fffffff, RLIMIT_NOFILE, NULL, &rl));
	SHOW(syscall(SYS_getrlimit, RLIMIT_NOFILE, ABI_BADPTR));
	return 0;
}
