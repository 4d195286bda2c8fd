/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* prlimit64 reads and sets another process's limits (the child sees them); a reaped pid is ESRCH. */
/* abi: glibc */
#include "abi.h"

#include <sys/resource.h>

int main(void)
{
	struct rlimit64 nl = {100, 200}, ol = {0, 0};
	struct rlimit rl;
	int go[2];
	char c;
	pid_t pid, gone;

	CHECK(pipe(go) == 0);
	pid = fork();
	if (pid == 0) {
		close(go[1]);
		if (read(go[0], &c, 1) != 1)
			_exit(2);
		getrlimit(RLIMIT_NOFILE, &rl);
		printf("child sees %ld %ld\n", (long)rl.rlim_cur, (long)rl.rlim_max);
		_exit(0);
	}
	close(go[0]);
	SHOW(syscall(SYS_prlimit64, pid, RLIMIT_NOFILE, &nl, NULL));
	SHOW(syscall(SYS_prlimit64, pid, RLIMIT_NOFILE, NULL, &ol));
	printf("read back %ld %ld\n", (long)ol.rlim_cur, (long)ol.rlim_max);
	SHOW(syscall(SYS_prlimit64, pid, RLIMIT_NOFILE + 99, NULL, &ol));
	SHOW(syscall(SYS_prlimit64, pid, RLIMIT_NOFILE, ABI_BADPTR, NULL));
	/* the child prints once released: say nothing between the two */
	if (write(go[1], "g", 1) != 1)
		printf("FAIL: write to the child\n");
	abi_wait_child("child", pid);
	gone = fork();
	if (gone == 0)
		_exit(0);
	abi_wait_child("short-lived", gone);
	SHOW(syscall(SYS_prlimit64, gone, RLIMIT_NOFILE, NULL, &ol));
	SHOW(syscall(SYS_prlimit64, -1, RLIMIT_NOFILE, NULL, &ol));
	return 0;
}
