/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* fork: the child gets a copy of data, heap and stack; writes on either side stay private. */
#include "abi.h"

static int global = 1;

int main(void)
{
	char *heap = malloc(64 * 1024);
	volatile int local = 10;
	pid_t pid;

	memset(heap, 'p', 64 * 1024);
	pid = fork();
	if (pid == 0) {
		printf("child sees: global=%d local=%d heap[40000]=%c\n", global, local,
		       heap[40000]);
		global = 2;
		local = 20;
		memset(heap, 'c', 64 * 1024);
		printf("child after writes: global=%d local=%d heap[40000]=%c\n", global, local,
		       heap[40000]);
		_exit(0);
	}
	abi_wait_child("child", pid);
	printf("parent after child: global=%d local=%d heap[40000]=%c\n", global, local,
	       heap[40000]);
	global = 3;
	heap[0] = 'x';
	printf("parent after writes: global=%d heap[0]=%c heap[1]=%c\n", global, heap[0], heap[1]);
	free(heap);
	return 0;
}
