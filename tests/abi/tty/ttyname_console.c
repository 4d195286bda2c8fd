/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* ttyname(0) names the terminal on stdin: its device file stats as the same file. */
/* abi: glibc */
#include "abi.h"

int main(void)
{
	struct stat a, b;
	char *name = ttyname(0);

	FACT("ttyname(0) found a name", name != NULL);
	if (!name)
		return 0;
	FACT("it is under /dev/", strncmp(name, "/dev/", 5) == 0);
	SHOW(fstat(0, &a));
	SHOW(stat(name, &b));
	FACT("the name is stdin's file",
	     a.st_ino == b.st_ino && a.st_dev == b.st_dev && a.st_rdev == b.st_rdev);
	errno = 0;
	FACT("ttyname of a file fails", ttyname(1) == NULL);
	printf("errno %s\n", abi_errname(errno));
	return 0;
}
