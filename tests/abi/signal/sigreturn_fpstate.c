/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* rt_sigreturn loads the FPU state the handler left in the frame; an MXCSR the CPU refuses is SIGSEGV,
 * even when the frame's own MXCSR mask claims the bit is valid. */
/* abi: glibc */
#include "abi.h"

#include <ucontext.h>

static unsigned set_bits, set_mask;

static void handler(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;

	(void)sig;
	(void)si;
	uc->uc_mcontext.fpregs->mxcsr |= set_bits;
	if (set_mask)
		uc->uc_mcontext.fpregs->mxcr_mask = set_mask;
}

static unsigned get_mxcsr(void)
{
	unsigned m;

	__asm__ volatile("stmxcsr %0" : "=m"(m));
	return m;
}

int main(void)
{
	struct sigaction sa = {.sa_sigaction = handler, .sa_flags = SA_SIGINFO};
	pid_t pid;

	SHOW(sigaction(SIGUSR1, &sa, NULL));
	printf("rounding before: %u\n", (get_mxcsr() >> 13) & 3);
	set_bits = 3u << 13; /* round toward zero */
	SHOW(raise(SIGUSR1));
	printf("rounding after: %u\n", (get_mxcsr() >> 13) & 3);

	pid = fork();
	if (pid == 0) {
		set_bits = 1u << 31; /* reserved */
		raise(SIGUSR1);
		printf("child: survived\n");
		_exit(0);
	}
	abi_wait_child("child", pid);

	pid = fork();
	if (pid == 0) {
		set_bits = 1u << 31;
		set_mask = ~0u; /* the frame's mask is the user's word, not the CPU's */
		raise(SIGUSR1);
		printf("child: survived\n");
		_exit(0);
	}
	abi_wait_child("child with an all-ones mask", pid);
	return 0;
}
