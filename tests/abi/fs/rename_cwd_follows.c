/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* getcwd and ".." follow the working directory through a rename and an exchange. */
/* abi: glibc */
#include "abi.h"

#define EXCHANGE (1 << 1)

static void cwd(void)
{
	char buf[4096];

	if (getcwd(buf, sizeof(buf)))
		printf("cwd ends in %s\n", strrchr(buf, '/'));
	else
		printf("getcwd: %s\n", abi_errname(errno));
}

int main(void)
{
	mkdir("a", 0755);
	mkdir("a/sub", 0755);
	mkdir("b", 0755);
	SHOW(chdir("a/sub"));
	SHOW(rename("../sub", "../../b/moved"));
	cwd();
	SHOW(syscall(SYS_renameat2, AT_FDCWD, "../../b/moved", AT_FDCWD, "../../a", EXCHANGE));
	cwd();
	SHOW(access("../b/moved", F_OK));
	SHOW(chdir(".."));
	SHOW(rmdir("b/moved"));
	SHOW(rmdir("b"));
	SHOW(rmdir("a"));
	return 0;
}
