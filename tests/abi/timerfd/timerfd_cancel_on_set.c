/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* timerfd: setting the clock cancels an absolute CANCEL_ON_SET real-time timer (ECANCELED). */
/* abi: glibc */
/* abi: serial: sets CLOCK_REALTIME (to the time it reads) */
#include "abi.h"
#include <poll.h>
#include <stdint.h>
#include <sys/timerfd.h>

int main(void)
{
	struct itimerspec its = {{0, 0}, {0, 0}};
	struct pollfd p[2] = {{.events = POLLIN}, {.events = POLLIN}};
	struct timespec now;
	uint64_t v;

	SHOW(p[0].fd = timerfd_create(CLOCK_REALTIME, TFD_NONBLOCK));
	SHOW(p[1].fd = timerfd_create(CLOCK_REALTIME, TFD_NONBLOCK));
	clock_gettime(CLOCK_REALTIME, &now);
	its.it_value.tv_sec = now.tv_sec + 100;
	SHOW(timerfd_settime(p[0].fd, TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET, &its, NULL));
	SHOW(timerfd_settime(p[1].fd, TFD_TIMER_ABSTIME, &its, NULL));
	SHOW(poll(p, 2, 0));
	clock_gettime(CLOCK_REALTIME, &now);
	SHOW(clock_settime(CLOCK_REALTIME, &now));
	SHOW(poll(p, 2, 0));
	printf("revents %#x %#x\n", p[0].revents, p[1].revents);
	SHOW(read(p[0].fd, &v, sizeof(v)));
	SHOW(read(p[0].fd, &v, sizeof(v)));
	SHOW(read(p[1].fd, &v, sizeof(v)));
	SHOW(timerfd_gettime(p[0].fd, &its));
	FACT("still armed", its.it_value.tv_sec >= 98);
	return 0;
}
