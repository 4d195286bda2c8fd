/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* eventfd: writes add to the counter, a read returns it and zeroes it. */
/* abi: glibc */
#include "abi.h"
#include <stdint.h>
#include <sys/eventfd.h>

int main(void)
{
	uint64_t v = 0;
	char big[16];
	int fd;

	SHOW(fd = eventfd(5, EFD_NONBLOCK));
	v = 3;
	SHOW(write(fd, &v, sizeof(v)));
	v = 0;
	SHOW(write(fd, &v, sizeof(v)));
	SHOW(read(fd, &v, sizeof(v)));
	printf("value %llu\n", (unsigned long long)v);
	SHOW(read(fd, &v, sizeof(v)));
	memset(big, 0, sizeof(big));
	big[0] = 7;
	SHOW(write(fd, big, sizeof(big))); /* only exactly 8 bytes */
	SHOW(write(fd, big, 8));
	SHOW(read(fd, big, sizeof(big))); /* a longer buffer gets 8 bytes */
	memcpy(&v, big, sizeof(v));
	printf("value %llu\n", (unsigned long long)v);
	SHOW(eventfd_write(fd, 11));
	SHOW(eventfd_read(fd, (eventfd_t *)&v));
	printf("value %llu\n", (unsigned long long)v);
	SHOW(close(fd));
	SHOW(fd = syscall(SYS_eventfd, 2));
	SHOW(read(fd, &v, sizeof(v)));
	printf("value %llu\n", (unsigned long long)v);
	return 0;
}
