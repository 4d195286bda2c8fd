/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* munmap: a hole faults SEGV_MAPERR, the rest stays; EINVAL bad ranges; unmapped ranges ok. */
#include "abi.h"

#include <sys/mman.h>

int main(void)
{
	char *p = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	CHECK(p != MAP_FAILED);
	memset(p, 'm', 3 * 4096);
	SHOW(munmap(p + 4096, 4096));
	abi_probe("read page 0", p, 0);
	abi_probe("read the hole", p + 4096 + 7, 0);
	abi_probe("write the hole", p + 4096, 1);
	abi_probe("read page 2", p + 8192, 0);
	SHOW(munmap(p + 4096, 4096));
	SHOW(munmap(p + 1, 4096));
	SHOW(munmap(p, 0));
	SHOW(munmap(ABI_KERNPTR, 4096));
	SHOW(munmap(p, 3 * 4096));
	abi_probe("read page 2 after unmapping all", p + 8192, 0);
	return 0;
}
