/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Across fork, MAP_SHARED anonymous memory is shared and MAP_PRIVATE memory is copied. */
#include "abi.h"

#include <sys/mman.h>

int main(void)
{
	int prot = PROT_READ | PROT_WRITE;
	char *sh = mmap(NULL, 4096, prot, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	char *pr = mmap(NULL, 4096, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	pid_t pid;

	CHECK(sh != MAP_FAILED && pr != MAP_FAILED);
	strcpy(sh, "parent");
	strcpy(pr, "parent");
	pid = fork();
	if (pid == 0) {
		printf("child sees: shared=%s private=%s\n", sh, pr);
		strcpy(sh, "child");
		strcpy(pr, "child");
		_exit(0);
	}
	abi_wait_child("child", pid);
	printf("parent sees: shared=%s private=%s\n", sh, pr);
	munmap(sh, 4096);
	munmap(pr, 4096);
	return 0;
}
