/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* timerfd errors: clocks, flags, bad times and pointers, descriptors that are no timerfd. */
/* abi: glibc */
#include "abi.h"
#include <stdint.h>
#include <sys/ioctl.h>
#include <sys/timerfd.h>

#ifndef TFD_IOC_SET_TICKS /* musl lacks it */
#define TFD_IOC_SET_TICKS _IOW('T', 0, uint64_t)
#endif

int main(void)
{
	struct itimerspec its = {.it_value = {100, 0}}, bad = {.it_value = {0, 1000000000}};
	struct itimerspec neg = {.it_value = {-1, 0}}, badiv = {{0, -1}, {1, 0}};
	uint64_t v = 0;
	int fd;

	SHOW(timerfd_create(CLOCK_PROCESS_CPUTIME_ID, 0));
	SHOW(timerfd_create(CLOCK_MONOTONIC_RAW, 0));
	SHOW(timerfd_create(99, 0));
	SHOW(timerfd_create(-1, 0));
	SHOW(timerfd_create(CLOCK_MONOTONIC, 1));
	SHOW(timerfd_create(CLOCK_MONOTONIC, O_RDWR));
	SHOW(fd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK));
	SHOW(timerfd_settime(fd, 4, &its, NULL));
	SHOW(timerfd_settime(fd, 4, ABI_BADPTR, NULL));
	SHOW(timerfd_settime(fd, 0, ABI_BADPTR, NULL));
	SHOW(timerfd_settime(fd, 0, &bad, NULL));
	SHOW(timerfd_settime(fd, 0, &neg, NULL));
	SHOW(timerfd_settime(fd, 0, &badiv, NULL));
	SHOW(timerfd_settime(0, 0, &its, NULL));
	SHOW(timerfd_settime(99, 0, &its, NULL));
	SHOW(timerfd_settime(-1, 4, &its, NULL));
	SHOW(timerfd_settime(fd, 0, &its, ABI_BADPTR)); /* set, then EFAULT */
	SHOW(timerfd_gettime(fd, ABI_BADPTR));
	SHOW(timerfd_gettime(0, &its));
	SHOW(timerfd_gettime(99, &its));
	SHOW(timerfd_gettime(fd, &its));
	FACT("armed", its.it_value.tv_sec == 99);
	SHOW(read(fd, &v, 7));
	SHOW(read(fd, &v, 0));
	SHOW(read(fd, &v, 8));
	SHOW(write(fd, &v, 8));
	SHOW(ioctl(fd, FIONREAD, &v));
	SHOW(ioctl(fd, TFD_IOC_SET_TICKS, ABI_BADPTR));
	SHOW(ioctl(fd, TFD_IOC_SET_TICKS, &v)); /* zero ticks */
	return 0;
}
