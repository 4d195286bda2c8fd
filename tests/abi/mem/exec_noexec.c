/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Jumping into a mapping without PROT_EXEC raises SIGSEGV SEGV_ACCERR at that address. */
#include "abi.h"

#include <sys/mman.h>

int main(void)
{
	char *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	struct sigaction sa;
	void (*fn)(void);

	CHECK(p != MAP_FAILED);
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = abi_fault_handler;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGSEGV, &sa, NULL);
	abi_fault_sig = 0;
	memcpy(&fn, &p, sizeof(fn));
	if (sigsetjmp(abi_fault_env, 1) == 0)
		fn();
	printf("call into RW page: %s %s, si_addr %s\n", abi_signame(abi_fault_sig),
	       abi_sicode(abi_fault_sig, abi_fault_code),
	       abi_fault_addr == (void *)p ? "ok" : "WRONG");
	munmap(p, 4096);
	return 0;
}
