/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* sethostname and setdomainname need CAP_SYS_ADMIN: EPERM before the length check, and nothing changes. */
/* abi: glibc */
#include "abi.h"

#include <sys/utsname.h>

static int child(void *arg)
{
	struct utsname a, b;

	(void)arg;
	uname(&a);
	SHOW(syscall(SYS_setresuid, 1000, 1000, 1000));
	SHOW(syscall(SYS_sethostname, "abi-host", 8));
	SHOW(syscall(SYS_sethostname, "abi-host", 1000));
	SHOW(syscall(SYS_sethostname, ABI_BADPTR, 8));
	SHOW(syscall(SYS_setdomainname, "abi-domain", 10));
	SHOW(syscall(SYS_setdomainname, "abi-domain", 1000));
	uname(&b);
	FACT("names unchanged",
	     !strcmp(a.nodename, b.nodename) && !strcmp(a.domainname, b.domainname));
	return 0;
}

int main(void)
{
	abi_run_child("uid 1000", child, NULL);
	return 0;
}
