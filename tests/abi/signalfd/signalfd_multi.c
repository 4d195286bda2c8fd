/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* signalfd: one read returns every pending record that fits, lowest signal first, sigqueue values. */
/* abi: glibc */
#include "abi.h"
#include <sys/signalfd.h>

int main(void)
{
	struct signalfd_siginfo si[8];
	union sigval v;
	sigset_t set;
	long n;
	int fd;

	sigfillset(&set);
	sigprocmask(SIG_BLOCK, &set, NULL);
	SHOW(fd = signalfd(-1, &set, SFD_NONBLOCK));
	v.sival_int = 7;
	SHOW(sigqueue(getpid(), SIGRTMIN + 1, v));
	v.sival_int = 8;
	SHOW(sigqueue(getpid(), SIGRTMIN + 1, v));
	SHOW(kill(getpid(), SIGTERM));
	SHOW(kill(getpid(), SIGHUP));
	SHOW(kill(getpid(), SIGHUP));
	SHOW(n = read(fd, si, sizeof(si[0]) * 2 + 100));
	for (int i = 0; i < n / (long)sizeof(si[0]); i++)
		printf("signo %u code %d int %d\n", si[i].ssi_signo, si[i].ssi_code, si[i].ssi_int);
	SHOW(n = read(fd, si, sizeof(si)));
	for (int i = 0; i < n / (long)sizeof(si[0]); i++)
		printf("signo %u rt+%d code %d int %d\n", si[i].ssi_signo,
		       (int)si[i].ssi_signo - SIGRTMIN, si[i].ssi_code, si[i].ssi_int);
	SHOW(read(fd, si, sizeof(si)));
	return 0;
}
