/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* uname(), read() and getrandom() into kernel text (its link address and direct-map alias) give EFAULT. */
/* abi: glibc */
#include "abi.h"

#include <fcntl.h>

/* Kevlar's text at its link address and through the direct map (for Linux,
 * any kernel address): with PROFILE=ludicrous no range check stops these
 * writes, the read-only mapping of every alias of text does. */
static const unsigned long targets[] = {
	0xffffffff80100000ul,
	0xffffffff80107000ul,
	0xffff800000100000ul,
	0xffff800000107000ul,
};

int main(void)
{
	char buf[16];
	int p[2], zero = open("/dev/zero", O_RDONLY);

	CHECK(zero >= 0);
	SHOW(pipe(p));
	for (unsigned i = 0; i < sizeof(targets) / sizeof(targets[0]); i++) {
		void *k = abi_opaque_ptr((long)targets[i]);

		printf("target %u\n", i);
		SHOW(syscall(SYS_uname, k));
		SHOW(read(zero, k, 4096));
		SHOW(syscall(SYS_getrandom, k, 16, 0));
		SHOW(write(p[1], "0123456789abcdef", 16));
		SHOW(read(p[0], k, 16));
		SHOW(read(p[0], buf, sizeof(buf)));
	}
	SHOW(read(zero, buf, sizeof(buf)));
	return 0;
}
