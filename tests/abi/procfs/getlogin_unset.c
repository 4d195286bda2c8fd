/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* getlogin_r with no login uid (glibc reads /proc/self/loginuid) answers ENXIO. */
#include "abi.h"

int main(void)
{
	char name[64];
	int r;

	unsetenv("LOGNAME");
	r = getlogin_r(name, sizeof(name));
	printf("getlogin_r = %s\n", r ? abi_errname(r) : "0");
	return 0;
}
