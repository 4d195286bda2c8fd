/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* timerfd: gettime and settime's old value give the time left and the interval. */
/* abi: glibc */
#include "abi.h"
#include <sys/timerfd.h>

static void show(const char *what, const struct itimerspec *t)
{
	printf("%s: value %s, interval %lld.%09ld\n", what,
	       t->it_value.tv_sec == 9				 ? "9.x s"
	       : t->it_value.tv_sec == 0 && !t->it_value.tv_nsec ? "0"
								 : "other",
	       (long long)t->it_interval.tv_sec, t->it_interval.tv_nsec);
}

int main(void)
{
	struct itimerspec its = {.it_value = {10, 0}, .it_interval = {1, 500}}, cur;
	int fd;

	SHOW(fd = timerfd_create(CLOCK_REALTIME, 0));
	SHOW(timerfd_gettime(fd, &cur));
	show("new", &cur);
	SHOW(timerfd_settime(fd, 0, &its, &cur));
	show("old", &cur);
	SHOW(timerfd_gettime(fd, &cur));
	show("armed", &cur);
	its.it_value.tv_sec = 20;
	its.it_interval.tv_sec = 0;
	SHOW(timerfd_settime(fd, 0, &its, &cur));
	show("replaced", &cur);
	SHOW(timerfd_gettime(fd, &cur));
	FACT("19.x s left", cur.it_value.tv_sec == 19);
	return 0;
}
