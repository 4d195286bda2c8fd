/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Writes into kernel text through syscalls, at its link address and through
 * the direct map: each must fail with EFAULT, in every profile (ludicrous
 * does not range-check user pointers; the read-only mappings must hold). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static const unsigned long targets[] = {
	0xffffffff80100000ul, /* text at its link address */
	0xffffffff80107000ul,
	0xffff800000100000ul, /* the same through the direct map */
	0xffff800000107000ul,
};

static int report(const char *what, unsigned long a, long r)
{
	printf("%s %#lx: %s\n", what, a, r < 0 && errno == EFAULT ? "EFAULT" : "NOT EFAULT");
	return r < 0 && errno == EFAULT;
}

int main(void)
{
	int zero = open("/dev/zero", O_RDONLY), good = 0, n = 0;

	for (unsigned i = 0; i < sizeof(targets) / sizeof(targets[0]); i++) {
		void *k = (void *)targets[i];

		good += report("uname", targets[i], syscall(SYS_uname, k));
		good += report("read", targets[i], read(zero, k, 4096));
		n += 2;
	}
	printf("kerneltext: %d of %d writes refused\n", good, n);
	return good == n ? 0 : 1;
}
