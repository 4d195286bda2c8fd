/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* timerfd: TFD_TIMER_ABSTIME on each clock; a time in the past expires at once. */
/* abi: glibc */
#include "abi.h"
#include <stdint.h>
#include <sys/timerfd.h>

static void one(clockid_t clk, const char *name)
{
	struct itimerspec its = {{0, 0}, {0, 0}};
	struct timespec now;
	uint64_t ticks = 0;
	int fd = timerfd_create(clk, TFD_NONBLOCK);

	clock_gettime(clk, &now);
	its.it_value.tv_sec = now.tv_sec - 1;
	its.it_value.tv_nsec = now.tv_nsec;
	its.it_interval.tv_nsec = 100000000;
	printf("%s\n", name);
	SHOW(timerfd_settime(fd, TFD_TIMER_ABSTIME, &its, NULL));
	SHOW(read(fd, &ticks, sizeof(ticks)));
	FACT("10 or 11 periods", ticks == 10 || ticks == 11);
	its.it_value.tv_sec = now.tv_sec + 1;
	its.it_interval.tv_nsec = 0;
	SHOW(timerfd_settime(fd, TFD_TIMER_ABSTIME, &its, NULL));
	SHOW(read(fd, &ticks, sizeof(ticks)));
	SHOW(fcntl(fd, F_SETFL, 0));
	SHOW(read(fd, &ticks, sizeof(ticks)));
	printf("ticks %llu\n", (unsigned long long)ticks);
	clock_gettime(clk, &now);
	FACT("not early",
	     now.tv_sec > its.it_value.tv_sec ||
		     (now.tv_sec == its.it_value.tv_sec && now.tv_nsec >= its.it_value.tv_nsec));
	close(fd);
}

int main(void)
{
	struct timespec up;

	/* a just-booted kernel: wait until "a second ago" is a valid time */
	while (clock_gettime(CLOCK_MONOTONIC, &up) == 0 && up.tv_sec < 2)
		usleep(100000);
	one(CLOCK_MONOTONIC, "monotonic");
	one(CLOCK_REALTIME, "realtime");
	one(CLOCK_BOOTTIME, "boottime");
	return 0;
}
