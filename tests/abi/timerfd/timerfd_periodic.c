/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* timerfd: a periodic timer counts every expiration since the last read. */
/* abi: glibc */
#include "abi.h"
#include <stdint.h>
#include <sys/timerfd.h>

int main(void)
{
	struct itimerspec its = {.it_value = {0, 20000000}, .it_interval = {0, 20000000}}, cur;
	uint64_t ticks = 0;
	int fd;

	SHOW(fd = timerfd_create(CLOCK_MONOTONIC, 0));
	SHOW(timerfd_settime(fd, 0, &its, NULL));
	usleep(130000);
	SHOW(read(fd, &ticks, sizeof(ticks)));
	FACT("at least 5 expirations", ticks >= 5);
	SHOW(read(fd, &ticks, sizeof(ticks)));
	FACT("at least 1 more", ticks >= 1);
	SHOW(timerfd_gettime(fd, &cur));
	FACT("next within the period",
	     cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec <= 20000000);
	printf("interval %lld.%09ld\n", (long long)cur.it_interval.tv_sec, cur.it_interval.tv_nsec);
	its.it_value.tv_sec = 0;
	its.it_value.tv_nsec = 0;
	SHOW(timerfd_settime(fd, 0, &its, &cur)); /* a zero value disarms, whatever the interval */
	printf("old interval %lld.%09ld\n", (long long)cur.it_interval.tv_sec,
	       cur.it_interval.tv_nsec);
	SHOW(timerfd_gettime(fd, &cur));
	printf("value %lld.%09ld interval %lld.%09ld\n", (long long)cur.it_value.tv_sec,
	       cur.it_value.tv_nsec, (long long)cur.it_interval.tv_sec, cur.it_interval.tv_nsec);
	return 0;
}
