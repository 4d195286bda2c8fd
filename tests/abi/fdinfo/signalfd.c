/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* fdinfo of a signalfd: its mask as a sigset in hex (SIGKILL and SIGSTOP left out). */
/* abi: glibc */
#include "fdinfo.h"
#include <sys/signalfd.h>

int main(void)
{
	sigset_t m;
	int fd;

	sigemptyset(&m);
	sigaddset(&m, SIGUSR1);
	sigaddset(&m, SIGCHLD);
	SHOW(fd = signalfd(-1, &m, SFD_NONBLOCK | SFD_CLOEXEC));
	fdinfo_print(fd, NULL);
	sigaddset(&m, SIGKILL);
	sigaddset(&m, SIGSTOP);
	sigaddset(&m, 40);
	sigaddset(&m, 64);
	SHOW(signalfd(fd, &m, 0));
	fdinfo_print(fd, NULL);
	sigemptyset(&m);
	SHOW(signalfd(fd, &m, 0));
	fdinfo_print(fd, NULL);
	return 0;
}
