/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* eventfd: a read waits for a write, a full counter makes a write wait for a read. */
/* abi: glibc */
#include "abi.h"
#include <stdint.h>
#include <sys/eventfd.h>

int main(void)
{
	uint64_t v = 0;
	int fd = eventfd(0, 0);

	pid_t pid = fork();

	if (pid == 0) {
		usleep(100000);
		v = 42;
		write(fd, &v, 8);
		v = 0xfffffffffffffffeull;
		usleep(100000);
		write(fd, &v, 8); /* fills it */
		v = 5;
		write(fd, &v, 8); /* waits for the parent's read */
		_exit(0);
	}
	SHOW(read(fd, &v, 8));
	printf("value %llu\n", (unsigned long long)v);
	usleep(300000);
	SHOW(read(fd, &v, 8));
	printf("value %llx\n", (unsigned long long)v);
	SHOW(read(fd, &v, 8));
	printf("value %llu\n", (unsigned long long)v);
	abi_wait_child("child", pid);
	return 0;
}
