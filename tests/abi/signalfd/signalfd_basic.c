/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* signalfd: a blocked pending signal is read as a signalfd_siginfo record and dequeued. */
/* abi: glibc */
#include "abi.h"
#include <sys/signalfd.h>

int main(void)
{
	struct signalfd_siginfo si;
	sigset_t set;
	int fd;

	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, NULL);
	SHOW(fd = signalfd(-1, &set, SFD_NONBLOCK));
	SHOW(read(fd, &si, sizeof(si)));
	SHOW(kill(getpid(), SIGUSR1));
	SHOW(read(fd, &si, sizeof(si)));
	printf("signo %u code %d errno %d\n", si.ssi_signo, si.ssi_code, si.ssi_errno);
	FACT("pid is ours", si.ssi_pid == (unsigned)getpid());
	FACT("uid is ours", si.ssi_uid == getuid());
	SHOW(sigpending(&set));
	FACT("still pending", sigismember(&set, SIGUSR1));
	SHOW(read(fd, &si, sizeof(si)));
	SHOW(raise(SIGUSR1));
	SHOW(read(fd, &si, sizeof(si)));
	printf("signo %u code %d\n", si.ssi_signo, si.ssi_code);
	return 0;
}
