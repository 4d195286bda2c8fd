/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* timerfd: an expiry centuries away (relative or absolute) never fires. */
/* abi: glibc */
#include "abi.h"
#include <stdint.h>
#include <sys/timerfd.h>

int main(void)
{
	struct itimerspec its = {.it_value = {INT64_MAX / 1000000000 - 1, 999999999}}, cur;
	uint64_t v;
	int fd;

	SHOW(fd = timerfd_create(CLOCK_REALTIME, TFD_NONBLOCK));
	SHOW(timerfd_settime(fd, 0, &its, NULL));
	usleep(20000);
	SHOW(read(fd, &v, sizeof(v)));
	SHOW(timerfd_gettime(fd, &cur));
	FACT("still far", cur.it_value.tv_sec > 1000000000);
	SHOW(timerfd_settime(fd, TFD_TIMER_ABSTIME, &its, NULL));
	usleep(20000);
	SHOW(read(fd, &v, sizeof(v)));
	its.it_interval.tv_sec = INT64_MAX / 1000000000 - 1;
	its.it_value.tv_sec = 0;
	its.it_value.tv_nsec = 1;
	SHOW(timerfd_settime(fd, 0, &its, NULL)); /* fires once, next time far away */
	usleep(20000);
	SHOW(read(fd, &v, sizeof(v)));
	printf("ticks %llu\n", (unsigned long long)v);
	SHOW(read(fd, &v, sizeof(v)));
	return 0;
}
