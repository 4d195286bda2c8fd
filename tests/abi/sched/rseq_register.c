/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* rseq registration: EINVAL for bad length, alignment and flags, EFAULT, EBUSY, EPERM for another signature. */
/* abi: glibc */
#include "abi.h"

#include <stdint.h>

#define SIG 0x53053053
struct area {
	uint32_t cpu_id_start, cpu_id;
	uint64_t rseq_cs;
	uint32_t flags, node_id, mm_cid;
	char pad[100];
} __attribute__((aligned(32)));
static struct area a, b;
static char big[256] __attribute__((aligned(32)));

/* glibc registers its own area at startup: drop it (musl has none) */
extern const unsigned int __rseq_size __attribute__((weak));
extern const long __rseq_offset __attribute__((weak));
static void drop_libc_rseq(void)
{
	if (&__rseq_size && __rseq_size)
		syscall(SYS_rseq, (char *)__builtin_thread_pointer() + __rseq_offset, 32, 1, SIG);
}

int main(void)
{
	drop_libc_rseq();
	SHOW(syscall(SYS_rseq, &a, 0, 0, SIG));
	SHOW(syscall(SYS_rseq, &a, 28, 0, SIG));
	SHOW(syscall(SYS_rseq, &a, 31, 0, SIG));
	SHOW(syscall(SYS_rseq, (char *)&a + 4, 32, 0, SIG));
	SHOW(syscall(SYS_rseq, big + 16, 48, 0, SIG));
	SHOW(syscall(SYS_rseq, big + 48, 33, 0, SIG));
	SHOW(syscall(SYS_rseq, NULL, 32, 0, SIG));
	SHOW(syscall(SYS_rseq, (void *)0x1000, 32, 0, SIG));
	SHOW(syscall(SYS_rseq, ABI_KERNPTR, 32, 0, SIG));
	SHOW(syscall(SYS_rseq, &a, 32, 2, SIG));
	SHOW(syscall(SYS_rseq, &a, 32, -1, SIG));
	SHOW(syscall(SYS_rseq, &a, 32, 0, SIG));
	SHOW(syscall(SYS_rseq, &a, 32, 0, SIG));     /* the same again */
	SHOW(syscall(SYS_rseq, &a, 32, 0, SIG + 1)); /* another signature */
	SHOW(syscall(SYS_rseq, &b, 32, 0, SIG));     /* another area */
	SHOW(syscall(SYS_rseq, &a, 64, 0, SIG));     /* another length */
	SHOW(syscall(SYS_rseq, &a, 32, 1, SIG));
	SHOW(syscall(SYS_rseq, big, 64, 0, SIG)); /* a longer area is fine */
	SHOW(syscall(SYS_rseq, big, 64, 1, SIG));
	return 0;
}
