/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* rseq: a fork child keeps the registration (EBUSY), an exec drops it (registering again works). */
/* abi: glibc */
#include "abi.h"

#include <stdint.h>
#include <string.h>

#define SIG 0x53053053
struct area {
	uint32_t cpu_id_start, cpu_id;
	uint64_t rseq_cs;
	uint32_t flags, node_id, mm_cid;
} __attribute__((aligned(32)));
static struct area a;

extern const unsigned int __rseq_size __attribute__((weak));
extern const long __rseq_offset __attribute__((weak));
static void drop_libc_rseq(void)
{
	if (&__rseq_size && __rseq_size)
		syscall(SYS_rseq, (char *)__builtin_thread_pointer() + __rseq_offset, 32, 1, SIG);
}

int main(int argc, char **argv)
{
	pid_t pid;

	drop_libc_rseq();
	if (argc > 1 && !strcmp(argv[1], "exec")) {
		/* a static binary puts `a` at the same address again */
		SHOW(syscall(SYS_rseq, &a, 32, 0, SIG));
		return 0;
	}
	SHOW(syscall(SYS_rseq, &a, 32, 0, SIG));
	pid = fork();
	if (pid == 0) {
		SHOW(syscall(SYS_rseq, &a, 32, 0, SIG));
		FACT("child's cpu_id is a CPU", (int)a.cpu_id >= 0);
		_exit(0);
	}
	abi_wait_child("fork child", pid);
	pid = fork();
	if (pid == 0) {
		char *args[] = {argv[0], "exec", NULL};

		execv(argv[0], args);
		_exit(99);
	}
	abi_wait_child("exec child", pid);
	return 0;
}
