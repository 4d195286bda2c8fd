/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* uname: sysname "Linux", NUL-terminated non-empty fields, nodename equals gethostname; EFAULT. */
/* abi: glibc */
#include "abi.h"

#include <sys/utsname.h>

int main(void)
{
	struct utsname u;
	char host[256];

	memset(&u, 'x', sizeof(u));
	SHOW(uname(&u));
	printf("sysname = \"%s\"\n", u.sysname);
	FACT("release non-empty and terminated", u.release[0] && memchr(u.release, 0, 65));
	FACT("version non-empty and terminated", u.version[0] && memchr(u.version, 0, 65));
	FACT("machine non-empty and terminated", u.machine[0] && memchr(u.machine, 0, 65));
	FACT("nodename terminated", memchr(u.nodename, 0, 65) != NULL);
	SHOW(gethostname(host, sizeof(host)));
	FACT("gethostname == nodename", strcmp(host, u.nodename) == 0);
	SHOW(syscall(SYS_uname, ABI_BADPTR));
	return 0;
}
