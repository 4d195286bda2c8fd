/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* timerfd: a relative one-shot timer; read waits for it, then EAGAIN; O_NONBLOCK. */
/* abi: glibc */
#include "abi.h"
#include <stdint.h>
#include <sys/timerfd.h>

int main(void)
{
	struct itimerspec its = {.it_value = {0, 50000000}}, cur;
	uint64_t ticks = 0;
	int fd;

	SHOW(fd = timerfd_create(CLOCK_MONOTONIC, 0));
	SHOW(timerfd_settime(fd, 0, &its, NULL));
	SHOW(read(fd, &ticks, sizeof(ticks)));
	printf("ticks %llu\n", (unsigned long long)ticks);
	SHOW(timerfd_gettime(fd, &cur));
	printf("value %lld.%09ld interval %lld.%09ld\n", (long long)cur.it_value.tv_sec,
	       cur.it_value.tv_nsec, (long long)cur.it_interval.tv_sec, cur.it_interval.tv_nsec);
	SHOW(fcntl(fd, F_SETFL, O_NONBLOCK));
	SHOW(read(fd, &ticks, sizeof(ticks)));
	SHOW(fd = timerfd_create(CLOCK_BOOTTIME, TFD_NONBLOCK | TFD_CLOEXEC));
	SHOW(fcntl(fd, F_GETFD));
	SHOW(read(fd, &ticks, sizeof(ticks)));
	its.it_value.tv_nsec = 1;
	SHOW(timerfd_settime(fd, 0, &its, NULL));
	usleep(10000);
	SHOW(read(fd, &ticks, sizeof(ticks)));
	printf("ticks %llu\n", (unsigned long long)ticks);
	return 0;
}
