/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* ru_maxrss: the peak resident size in KiB, kept after munmap and exec; waited children's. */
#include "abi.h"
#include <sys/mman.h>
#include <sys/resource.h>

#define MIB 1024L

static long maxrss(int who)
{
	struct rusage ru;

	getrusage(who, &ru);
	return ru.ru_maxrss;
}

static void touch(size_t mib)
{
	char *p = mmap(NULL, mib << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	memset(p, 1, mib << 20);
	munmap(p, mib << 20);
}

int main(int argc, char **argv)
{
	struct rusage ru;
	long before, after;
	int status;
	pid_t pid;

	if (argc > 1) { /* exec'd by a child that had touched 32 MiB */
		FACT("the peak before exec is kept", maxrss(RUSAGE_SELF) >= 24 * MIB);
		return 0;
	}
	before = maxrss(RUSAGE_SELF);
	after = maxrss(RUSAGE_THREAD);
	FACT("maxrss >= 0", before >= 0); /* Linux's counters may lag a little */
	FACT("thread's is the process's", before <= after && after <= maxrss(RUSAGE_SELF));
	printf("children's before any wait: %ld\n", maxrss(RUSAGE_CHILDREN));
	touch(16);
	after = maxrss(RUSAGE_SELF);
	FACT("grew by 16 MiB, kept after munmap", after >= before + 12 * MIB);
	pid = fork();
	if (pid == 0) {
		touch(32);
		_exit(0);
	}
	SHOW(wait4(pid, &status, 0, &ru) == pid);
	FACT("wait4: child's peak >= 24 MiB", ru.ru_maxrss >= 24 * MIB);
	FACT("children's >= 24 MiB", maxrss(RUSAGE_CHILDREN) >= 24 * MIB);
	FACT("own peak unchanged by the child", maxrss(RUSAGE_SELF) < 24 * MIB);
	pid = fork();
	if (pid == 0) {
		char *args[] = {argv[0], "exec", NULL};

		touch(32);
		execv(argv[0], args);
		_exit(99);
	}
	abi_wait_child("exec child", pid);
	return 0;
}
