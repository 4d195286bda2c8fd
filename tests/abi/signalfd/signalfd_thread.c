/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* signalfd: the reader takes its own thread's signals first, then its process's. */
/* abi: glibc */
#include "abi.h"
#include <sys/signalfd.h>

int main(void)
{
	struct signalfd_siginfo si;
	sigset_t set;
	int fd;

	sigfillset(&set);
	sigprocmask(SIG_BLOCK, &set, NULL);
	SHOW(fd = signalfd(-1, &set, SFD_NONBLOCK));
	SHOW(kill(getpid(), SIGHUP));
	SHOW(syscall(SYS_tgkill, getpid(), gettid(), SIGTERM));
	SHOW(read(fd, &si, sizeof(si)));
	printf("signo %u code %d\n", si.ssi_signo, si.ssi_code);
	SHOW(read(fd, &si, sizeof(si)));
	printf("signo %u code %d\n", si.ssi_signo, si.ssi_code);
	SHOW(read(fd, &si, sizeof(si)));
	return 0;
}
