/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* TIOCSTI: only into one's controlling terminal without CAP_SYS_ADMIN (EPERM, before EFAULT); root may into any. */
/* abi: glibc */
#include "abi.h"

#include <sys/ioctl.h>
#include <termios.h>

static int master, slave;
static char name[64];

static int queued(void)
{
	int n = -1;

	ioctl(slave, FIONREAD, &n);
	return n;
}

static int not_ctty(void *arg)
{
	(void)arg;
	SHOW(syscall(SYS_setresuid, 1000, 1000, 1000));
	SHOW(ioctl(slave, TIOCSTI, "x"));
	SHOW(ioctl(slave, TIOCSTI, ABI_BADPTR));
	SHOW(ioctl(master, TIOCSTI, "x"));
	return 0;
}

static int own_ctty(void *arg)
{
	int fd;

	(void)arg;
	SHOW_OK(setsid());
	fd = open(name, O_RDWR); /* becomes the controlling terminal */
	SHOW(syscall(SYS_setresuid, 1000, 1000, 1000));
	SHOW(ioctl(fd, TIOCSTI, "y"));
	printf("queued %d\n", queued());
	close(fd);
	return 0;
}

int main(void)
{
	struct termios t;
	int n = -1;

	master = open("/dev/ptmx", O_RDWR | O_NOCTTY);
	unlockpt(master);
	ptsname_r(master, name, sizeof(name));
	slave = open(name, O_RDWR | O_NOCTTY);
	tcgetattr(slave, &t);
	t.c_lflag &= ~(ICANON | ECHO);
	tcsetattr(slave, TCSANOW, &t);
	SHOW(ioctl(slave, TIOCSTI, "a")); /* root: not our terminal, allowed */
	SHOW(ioctl(slave, TIOCSTI, ABI_BADPTR));
	printf("queued %d\n", queued());
	SHOW(ioctl(master, TIOCSTI, "m")); /* read back from the master */
	SHOW(ioctl(master, FIONREAD, &n));
	printf("master has %d\n", n);
	abi_run_child("uid 1000, not the controlling terminal", not_ctty, NULL);
	printf("queued %d\n", queued());
	abi_run_child("uid 1000, its controlling terminal", own_ctty, NULL);
	close(slave);
	close(master);
	return 0;
}
