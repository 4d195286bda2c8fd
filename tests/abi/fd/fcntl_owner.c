/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* F_GETOWN/F_SETOWN and F_GETOWN_EX/F_SETOWN_EX store and report the owner consistently. */
/* abi: glibc */
#include "abi.h"

static void show_ex(int fd)
{
	struct f_owner_ex o = {.type = 99, .pid = 99};
	int r = fcntl(fd, F_GETOWN_EX, &o);
	int own = fcntl(fd, F_GETOWN);

	printf("F_GETOWN_EX = %d: type %d, pid %s; F_GETOWN %s\n", r, o.type,
	       o.pid == getpid() ? "ours"
	       : o.pid		 ? "other"
				 : "0",
	       own == getpid()	   ? "ours"
	       : own == -getpgrp() ? "-pgrp"
	       : own		   ? "other"
				   : "0");
}

int main(void)
{
	int fd = open("f", O_RDWR | O_CREAT, 0644);
	struct f_owner_ex o;

	show_ex(fd);
	SHOW(fcntl(fd, F_SETOWN, getpid()));
	show_ex(fd);
	SHOW(fcntl(fd, F_SETOWN, -getpgrp()));
	show_ex(fd);
	o = (struct f_owner_ex){.type = F_OWNER_TID, .pid = getpid()};
	SHOW(fcntl(fd, F_SETOWN_EX, &o));
	show_ex(fd);
	o = (struct f_owner_ex){.type = F_OWNER_PGRP, .pid = getpgrp()};
	SHOW(fcntl(fd, F_SETOWN_EX, &o));
	show_ex(fd);
	o = (struct f_owner_ex){.type = 3, .pid = getpid()};
	SHOW(fcntl(fd, F_SETOWN_EX, &o));
	o = (struct f_owner_ex){.type = F_OWNER_PID, .pid = 0x3fffffff};
	SHOW(fcntl(fd, F_SETOWN_EX, &o));
	SHOW(fcntl(fd, F_SETOWN, 0x3fffffff));
	SHOW(fcntl(fd, F_SETOWN, -0x7fffffff - 1));
	show_ex(fd);
	SHOW(fcntl(fd, F_SETOWN, 0));
	show_ex(fd);
	SHOW(fcntl(fd, F_SETOWN_EX, ABI_BADPTR));
	SHOW(fcntl(fd, F_GETOWN_EX, ABI_BADPTR));
	SHOW(fcntl(99, F_GETOWN));
	close(fd);
	unlink("f");
	return 0;
}
