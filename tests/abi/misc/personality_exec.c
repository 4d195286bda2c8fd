/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* personality across execve: flags are kept, except READ_IMPLIES_EXEC for a 64-bit program. */
/* abi: glibc */
#include "abi.h"

#include <sys/personality.h>

int main(void)
{
	char *args[] = {"personality_exec", NULL};
	pid_t pid;

	if (getenv("ABI_PERSONALITY_EXEC")) {
		printf("after exec: %#lx\n", syscall(SYS_personality, 0xffffffffUL));
		return 0;
	}
	setenv("ABI_PERSONALITY_EXEC", "1", 1);
	pid = fork();
	if (pid == 0) {
		SHOW(syscall(SYS_personality, ADDR_NO_RANDOMIZE | READ_IMPLIES_EXEC | UNAME26));
		printf("before exec: %#lx\n", syscall(SYS_personality, 0xffffffffUL));
		execve("/proc/self/exe", args, environ);
		_exit(127);
	}
	abi_wait_child("child", pid);
	return 0;
}
