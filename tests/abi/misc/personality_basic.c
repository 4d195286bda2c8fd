/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* personality: query with 0xffffffff, set returns the old value, inherited by fork. */
/* abi: glibc */
#include "abi.h"

#include <sys/personality.h>

int main(void)
{
	pid_t pid;

	SHOW(syscall(SYS_personality, 0xffffffffUL));
	SHOW(syscall(SYS_personality, PER_LINUX | ADDR_NO_RANDOMIZE));
	SHOW(syscall(SYS_personality, 0xffffffffUL));
	pid = fork();
	if (pid == 0) {
		printf("child: %#lx\n", syscall(SYS_personality, 0xffffffffUL));
		_exit(0);
	}
	abi_wait_child("child", pid);
	SHOW(syscall(SYS_personality, PER_LINUX32));
	SHOW(syscall(SYS_personality, 0xffffffffUL));
	SHOW(syscall(SYS_personality, 0x1ffffffffUL)); /* 32 bits: the query */
	SHOW(syscall(SYS_personality, PER_LINUX));
	SHOW(personality(0xffffffff));
	return 0;
}
