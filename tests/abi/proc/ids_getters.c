/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* pid/uid/gid getters agree with each other and with the raw syscalls. */
#include "abi.h"

int main(void)
{
	uid_t ru, eu, su;
	gid_t rg, eg, sg;

	FACT("getpid() == SYS_getpid", getpid() == syscall(SYS_getpid));
	FACT("gettid() == getpid() (one thread)", syscall(SYS_gettid) == getpid());
	FACT("getppid() > 0", getppid() > 0);
	FACT("getppid() != getpid()", getppid() != getpid());
	FACT("getuid() == SYS_getuid", getuid() == (uid_t)syscall(SYS_getuid));
	FACT("getuid() == geteuid()", getuid() == geteuid());
	FACT("getgid() == getegid()", getgid() == getegid());
	SHOW(getresuid(&ru, &eu, &su));
	FACT("getresuid matches", ru == getuid() && eu == geteuid() && su == geteuid());
	SHOW(getresgid(&rg, &eg, &sg));
	FACT("getresgid matches", rg == getgid() && eg == getegid() && sg == getegid());
	SHOW(syscall(SYS_getresuid, ABI_BADPTR, &eu, &su));
	SHOW(getpid() == getpgrp());
	SHOW(getpid() == getsid(0));
	return 0;
}
