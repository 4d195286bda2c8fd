/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* fdinfo of a timerfd: clockid, ticks, settime flags, it_value, it_interval. */
/* abi: glibc */
#include "fdinfo.h"
#include <poll.h>
#include <stdint.h>
#include <sys/timerfd.h>
#include <time.h>

int main(void)
{
	struct itimerspec its = {{2, 500}, {1000, 0}};
	struct pollfd p;
	unsigned long long sec = 0, nsec = 0;
	uint64_t n;
	int t;

	SHOW(t = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC));
	fdinfo_print(t, NULL);
	SHOW(timerfd_settime(t, 0, &its, NULL));
	fdinfo_print(t, "it_value:");
	sscanf(fdinfo_line("it_value:") ? fdinfo_line("it_value:") : "", "it_value: (%llu, %llu)",
	       &sec, &nsec);
	FACT("it_value is what is left of 1000 s", sec == 999 || (sec == 1000 && nsec == 0));
	its = (struct itimerspec){{0, 0}, {0, 1}};
	SHOW(timerfd_settime(t, 0, &its, NULL));
	p = (struct pollfd){.fd = t, .events = POLLIN};
	SHOW(poll(&p, 1, 5000));
	fdinfo_print(t, NULL);
	SHOW(read(t, &n, sizeof(n)));
	fdinfo_print(t, "clockid:");
	SHOW(t = timerfd_create(CLOCK_REALTIME, TFD_NONBLOCK));
	its = (struct itimerspec){{0, 0}, {time(NULL) + 5000, 0}};
	SHOW(timerfd_settime(t, TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET, &its, NULL));
	fdinfo_print(t, "it_value:");
	SHOW(t = timerfd_create(CLOCK_BOOTTIME, 0));
	fdinfo_print(t, NULL);
	return 0;
}
