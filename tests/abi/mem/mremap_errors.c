/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* mremap errors: EINVAL for alignment, flags and sizes, EFAULT for an unmapped source. */
#include "abi.h"

#include <sys/mman.h>

static long sys_mremap(void *old, long olen, long nlen, long flags, void *naddr)
{
	return syscall(SYS_mremap, old, olen, nlen, flags, naddr);
}

int main(void)
{
	char *p = mmap(NULL, 2 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	CHECK(p != MAP_FAILED);
	SHOW(sys_mremap(p + 1, 4096, 8192, MREMAP_MAYMOVE, NULL));
	SHOW(sys_mremap(p, 4096, 8192, 0x100, NULL));
	SHOW(sys_mremap(p, 4096, 0, MREMAP_MAYMOVE, NULL));
	SHOW(sys_mremap(p, 4096, 8192, MREMAP_FIXED, p + 8192));
	SHOW(sys_mremap(p, 0, 4096, MREMAP_MAYMOVE, NULL));
	SHOW(sys_mremap(p, 8192, 8192, MREMAP_MAYMOVE | MREMAP_FIXED, p + 4096));
	SHOW(munmap(p, 2 * 4096));
	SHOW(sys_mremap(p, 4096, 8192, MREMAP_MAYMOVE, NULL));
	return 0;
}
