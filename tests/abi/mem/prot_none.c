/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* A PROT_NONE mapping reserves address space: every access faults SEGV_ACCERR, not SEGV_MAPERR. */
#include "abi.h"

#include <sys/mman.h>

int main(void)
{
	char *p = mmap(NULL, 2 * 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	CHECK(p != MAP_FAILED);
	abi_probe("read", p, 0);
	abi_probe("write", p + 4096 + 3, 1);
	SHOW(mprotect(p + 4096, 4096, PROT_READ));
	abi_probe("read after mprotect(PROT_READ)", p + 4096, 0);
	SHOW(read(open("/dev/zero", O_RDONLY), p, 16));
	SHOW(munmap(p, 2 * 4096));
	return 0;
}
