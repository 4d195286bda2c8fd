/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* timerfd: ioctl TFD_IOC_SET_TICKS sets the count a read returns; poll sees it. */
/* abi: glibc */
#include "abi.h"
#include <poll.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <sys/timerfd.h>

#ifndef TFD_IOC_SET_TICKS /* musl lacks it */
#define TFD_IOC_SET_TICKS _IOW('T', 0, uint64_t)
#endif

int main(void)
{
	struct pollfd p = {.events = POLLIN | POLLOUT};
	uint64_t v = 5;
	int fd;

	SHOW(fd = p.fd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK));
	SHOW(poll(&p, 1, 0));
	SHOW(ioctl(fd, TFD_IOC_SET_TICKS, &v));
	SHOW(poll(&p, 1, 0));
	printf("revents %#x\n", p.revents);
	v = 0;
	SHOW(read(fd, &v, sizeof(v)));
	printf("ticks %llu\n", (unsigned long long)v);
	SHOW(read(fd, &v, sizeof(v)));
	return 0;
}
