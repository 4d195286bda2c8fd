/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* getcwd: length with the NUL, follows chdir, ERANGE, ENOENT once the cwd is removed. */
/* abi: glibc */
#include "abi.h"

int main(void)
{
	char base[4096], buf[4096], want[4200];
	long n;

	n = syscall(SYS_getcwd, base, sizeof(base));
	FACT("return value is strlen + 1", n == (long)strlen(base) + 1);
	FACT("absolute", base[0] == '/');
	FACT("matches $ABI_TMP", getenv("ABI_TMP") && strcmp(getenv("ABI_TMP"), base) == 0);
	mkdir("sub", 0755);
	SHOW(chdir("sub"));
	getcwd(buf, sizeof(buf));
	snprintf(want, sizeof(want), "%s/sub", base);
	FACT("after chdir(\"sub\") it is base + /sub", strcmp(buf, want) == 0);
	SHOW(syscall(SYS_getcwd, buf, strlen(want)));
	SHOW(syscall(SYS_getcwd, buf, strlen(want) + 1) == (long)strlen(want) + 1);
	SHOW(syscall(SYS_getcwd, buf, 0));
	SHOW(syscall(SYS_getcwd, ABI_BADPTR, sizeof(buf)));
	SHOW(rmdir("../sub"));
	SHOW(syscall(SYS_getcwd, buf, sizeof(buf)));
	SHOW(chdir(".."));
	return 0;
}
