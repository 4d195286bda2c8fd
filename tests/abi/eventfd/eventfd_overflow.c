/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* eventfd: the counter stops at 0xfffffffffffffffe; a write past it waits (EAGAIN). */
/* abi: glibc */
#include "abi.h"
#include <poll.h>
#include <stdint.h>
#include <sys/eventfd.h>

static void show_poll(int fd)
{
	struct pollfd p = {.fd = fd, .events = POLLIN | POLLOUT};

	SHOW(poll(&p, 1, 0));
	printf("revents%s%s%s\n", p.revents & POLLIN ? " IN" : "",
	       p.revents & POLLOUT ? " OUT" : "", p.revents & POLLERR ? " ERR" : "");
}

int main(void)
{
	uint64_t v = 0xfffffffffffffffdull;
	int fd;

	SHOW(fd = eventfd(0, EFD_NONBLOCK));
	show_poll(fd);
	SHOW(write(fd, &v, 8));
	show_poll(fd);
	v = 1;
	SHOW(write(fd, &v, 8));
	show_poll(fd);
	SHOW(write(fd, &v, 8));
	v = 0;
	SHOW(write(fd, &v, 8));
	SHOW(read(fd, &v, 8));
	printf("value %llx\n", (unsigned long long)v);
	show_poll(fd);
	return 0;
}
