/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* rseq unregistration: same area, length and signature needed; the cpu_id fields are reset. */
/* abi: glibc */
#include "abi.h"

#include <stdint.h>

#define SIG 0x53053053
struct area {
	uint32_t cpu_id_start, cpu_id;
	uint64_t rseq_cs;
	uint32_t flags, node_id, mm_cid;
} __attribute__((aligned(32)));
static struct area a, b;

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
	SHOW(syscall(SYS_rseq, &a, 32, 1, SIG)); /* nothing registered */
	SHOW(syscall(SYS_rseq, &a, 32, 0, SIG));
	SHOW(syscall(SYS_rseq, &a, 32, 1, SIG + 1));
	SHOW(syscall(SYS_rseq, &a, 64, 1, SIG));
	SHOW(syscall(SYS_rseq, &b, 32, 1, SIG));
	SHOW(syscall(SYS_rseq, &a, 32, 3, SIG));
	a.node_id = a.mm_cid = 7;
	SHOW(syscall(SYS_rseq, &a, 32, 1, SIG));
	printf("cpu_id_start %u cpu_id %d node_id %u mm_cid %u\n", a.cpu_id_start, (int)a.cpu_id,
	       a.node_id, a.mm_cid);
	SHOW(syscall(SYS_rseq, &a, 32, 1, SIG)); /* no longer registered */
	SHOW(syscall(SYS_rseq, &b, 32, 0, SIG)); /* another area is fine now */
	SHOW(syscall(SYS_rseq, &b, 32, 1, SIG));
	return 0;
}
