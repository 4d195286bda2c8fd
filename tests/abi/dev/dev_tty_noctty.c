/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* /dev/tty (5:0) is ENXIO without a controlling terminal (abi-exec's new session). */
#include "abi.h"

#include <sys/sysmacros.h>

int main(void)
{
	struct stat st;

	SHOW(stat("/dev/tty", &st));
	printf("S_ISCHR=%d rdev=%u:%u\n", S_ISCHR(st.st_mode), major(st.st_rdev),
	       minor(st.st_rdev));
	SHOW(open("/dev/tty", O_RDWR));
	SHOW(open("/dev/tty", O_RDONLY | O_NOCTTY));
	return 0;
}
