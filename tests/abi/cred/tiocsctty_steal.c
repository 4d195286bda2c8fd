/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* TIOCSCTTY of another session's terminal: EPERM, also with arg 1 (steal) unless CAP_SYS_ADMIN. */
/* abi: glibc */
#include "abi.h"

#include <sys/ioctl.h>
#include <termios.h>
#include <sys/wait.h>

static int slave;

static int thief(void *arg)
{
	SHOW_OK(setsid());
	if (arg)
		SHOW(syscall(SYS_setresuid, 1000, 1000, 1000));
	SHOW(ioctl(slave, TIOCSCTTY, 0));
	SHOW(ioctl(slave, TIOCSCTTY, 1));
	FACT("now its controlling terminal", tcgetsid(slave) == getsid(0));
	return 0;
}

static int owner(void *arg)
{
	(void)arg;
	SHOW_OK(setsid());
	SHOW(ioctl(slave, TIOCSCTTY, 0));
	FACT("its controlling terminal", tcgetsid(slave) == getsid(0));
	abi_run_child("uid 1000 steals", thief, (void *)1);
	FACT("still its controlling terminal", tcgetsid(slave) == getsid(0));
	abi_run_child("root steals", thief, NULL);
	FACT("still its controlling terminal", tcgetsid(slave) == getsid(0));
	return 0;
}

int main(void)
{
	char name[64];
	int master = open("/dev/ptmx", O_RDWR | O_NOCTTY);

	unlockpt(master);
	ptsname_r(master, name, sizeof(name));
	slave = open(name, O_RDWR | O_NOCTTY);
	abi_run_child("session", owner, NULL);
	close(slave);
	close(master);
	return 0;
}
