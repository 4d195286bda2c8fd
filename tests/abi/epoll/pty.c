/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* epoll on a pty master: output written to the slave by another process wakes epoll_wait. */
/* abi: glibc */
#include "abi.h"

#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <termios.h>

int main(void)
{
	struct epoll_event ev = {.events = EPOLLIN, .data.u64 = 1}, out;
	int zero = 0, m = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_NONBLOCK), s, ep;
	char buf[16];
	pid_t pid;

	SHOW_OK(m);
	SHOW(ioctl(m, TIOCSPTLCK, &zero));
	s = ioctl(m, TIOCGPTPEER, O_RDWR | O_NOCTTY);
	SHOW_OK(s);
	ep = epoll_create1(0);
	SHOW(epoll_ctl(ep, EPOLL_CTL_ADD, m, &ev));
	ev.data.u64 = 2;
	SHOW(epoll_ctl(ep, EPOLL_CTL_ADD, s, &ev));
	SHOW(epoll_wait(ep, &out, 1, 0));
	pid = fork();
	if (pid == 0) {
		usleep(20000);
		write(s, "hi", 2);
		_exit(0);
	}
	SHOW(epoll_wait(ep, &out, 1, 5000));
	printf("events %#x data %llu\n", out.events, (unsigned long long)out.data.u64);
	abi_wait_child("child", pid);
	SHOW(read(m, buf, sizeof(buf)));
	SHOW(epoll_wait(ep, &out, 1, 0));
	SHOW(write(m, "x\n", 2)); /* input for the slave (canonical: a line) */
	SHOW(epoll_wait(ep, &out, 1, 1000));
	printf("events %#x data %llu\n", out.events, (unsigned long long)out.data.u64);
	SHOW(close(s));
	SHOW(epoll_wait(ep, &out, 1, 1000)); /* the slave's last close: POLLHUP on the master */
	printf("events %#x data %llu\n", out.events, (unsigned long long)out.data.u64);
	return 0;
}
