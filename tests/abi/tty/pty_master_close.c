/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Closing the master hangs the slave up: its session leader (setsid, TIOCSCTTY) gets SIGHUP, reads 0, writes EIO. */
/* abi: glibc */
#include "abi.h"

#include <sys/ioctl.h>
#include <termios.h>

static volatile sig_atomic_t hups;

static void on_hup(int sig)
{
	(void)sig;
	hups++;
}

int main(void)
{
	int zero = 0, m = open("/dev/ptmx", O_RDWR | O_NOCTTY), sync[2];
	char c;

	SHOW_OK(m);
	SHOW(ioctl(m, TIOCSPTLCK, &zero));
	SHOW(pipe(sync));
	fflush(stdout);
	pid_t pid = fork();

	if (pid == 0) {
		int s = ioctl(m, TIOCGPTPEER, O_RDWR | O_NOCTTY);
		char buf[8];
		pid_t sid;

		signal(SIGHUP, on_hup);
		close(m);
		sid = setsid();
		printf("child: setsid %s\n", sid == getpid() ? "ok" : "failed");
		SHOW(ioctl(s, TIOCSCTTY, 0));
		printf("child: tcgetsid is mine: %s\n", tcgetsid(s) == getpid() ? "yes" : "no");
		SHOW(write(sync[1], "r", 1));
		SHOW(read(s, buf, sizeof(buf)));
		/* Linux hangs the slave up just after the master's close wakes
		 * the reader, not before: on a loaded host the read can return
		 * first, so wait (5 s at most) for the hangup's SIGHUP */
		for (int i = 0; i < 500 && !hups; i++)
			usleep(10000);
		printf("child: SIGHUP %d\n", (int)hups);
		SHOW(read(s, buf, sizeof(buf)));
		SHOW(write(s, "z", 1));
		SHOW(ioctl(s, TIOCGPGRP, &zero));
		fflush(stdout);
		_exit(0);
	}
	if (read(sync[0], &c, 1) != 1)
		return 1;
	usleep(100000); /* let the child block in read */
	close(m);
	return abi_wait_child("child", pid);
}
