/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* /proc/self/cwd links to the current directory and follows chdir; /proc/self/root is "/". */
#include "abi.h"

int main(void)
{
	char cwd[4096], buf[4096];

	getcwd(cwd, sizeof(cwd));
	memset(buf, 0, sizeof(buf));
	readlink("/proc/self/cwd", buf, sizeof(buf) - 1);
	FACT("cwd link is getcwd()", strcmp(buf, cwd) == 0);
	mkdir("sub", 0755);
	chdir("sub");
	getcwd(cwd, sizeof(cwd));
	memset(buf, 0, sizeof(buf));
	readlink("/proc/self/cwd", buf, sizeof(buf) - 1);
	FACT("after chdir too", strcmp(buf, cwd) == 0);
	SHOW(access("/proc/self/cwd/../sub", F_OK));
	memset(buf, 0, sizeof(buf));
	readlink("/proc/self/root", buf, sizeof(buf) - 1);
	printf("root -> %s\n", buf);
	chdir("..");
	rmdir("sub");
	return 0;
}
