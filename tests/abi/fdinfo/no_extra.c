/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* fdinfo of pipes and memfds: only the four common lines. */
/* abi: glibc */
#include "fdinfo.h"
#include <sys/mman.h>

int main(void)
{
	int p[2], m;

	SHOW(pipe2(p, O_NONBLOCK));
	fdinfo_print(p[0], NULL);
	fdinfo_print(p[1], NULL);
	SHOW(m = memfd_create("hello", MFD_CLOEXEC));
	SHOW(write(m, "abc", 3));
	fdinfo_print(m, "mnt_id:");
	return 0;
}
