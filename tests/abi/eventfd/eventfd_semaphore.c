/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* eventfd EFD_SEMAPHORE: each read returns 1 and decrements the counter. */
/* abi: glibc */
#include "abi.h"
#include <stdint.h>
#include <sys/eventfd.h>

int main(void)
{
	uint64_t v = 0;
	int fd;

	SHOW(fd = eventfd(2, EFD_SEMAPHORE | EFD_NONBLOCK));
	for (int i = 0; i < 3; i++) {
		v = 99;
		SHOW(read(fd, &v, sizeof(v)));
		printf("value %llu\n", (unsigned long long)v);
	}
	v = 3;
	SHOW(write(fd, &v, sizeof(v)));
	for (int i = 0; i < 4; i++) {
		v = 99;
		SHOW(read(fd, &v, sizeof(v)));
		printf("value %llu\n", (unsigned long long)v);
	}
	return 0;
}
