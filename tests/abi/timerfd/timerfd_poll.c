/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* timerfd: poll waits for the expiration and then reports POLLIN until the read. */
/* abi: glibc */
#include "abi.h"
#include <poll.h>
#include <stdint.h>
#include <sys/timerfd.h>

int main(void)
{
	struct itimerspec its = {.it_value = {0, 80000000}};
	struct pollfd p = {.events = POLLIN};
	uint64_t v;

	SHOW(p.fd = timerfd_create(CLOCK_MONOTONIC, 0));
	SHOW(poll(&p, 1, 0));
	SHOW(timerfd_settime(p.fd, 0, &its, NULL));
	SHOW(poll(&p, 1, 0));
	SHOW(poll(&p, 1, 5000));
	printf("revents %#x\n", p.revents);
	SHOW(poll(&p, 1, 0));
	SHOW(read(p.fd, &v, sizeof(v)));
	printf("ticks %llu\n", (unsigned long long)v);
	SHOW(poll(&p, 1, 0));
	return 0;
}
