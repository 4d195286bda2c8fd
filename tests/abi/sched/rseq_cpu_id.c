/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* rseq: cpu_id and cpu_id_start follow the thread to every CPU it is pinned to; node_id and mm_cid 0. */
/* abi: glibc */
#include "abi.h"

#include <sched.h>
#include <stdint.h>

#define SIG 0x53053053
struct area {
	uint32_t cpu_id_start, cpu_id;
	uint64_t rseq_cs;
	uint32_t flags, node_id, mm_cid;
} __attribute__((aligned(32)));
static volatile struct area a;

extern const unsigned int __rseq_size __attribute__((weak));
extern const long __rseq_offset __attribute__((weak));
static void drop_libc_rseq(void)
{
	if (&__rseq_size && __rseq_size)
		syscall(SYS_rseq, (char *)__builtin_thread_pointer() + __rseq_offset, 32, 1, SIG);
}

int main(void)
{
	cpu_set_t all, one;
	unsigned cpu = 0;
	int matched = 1, moved = 0;

	drop_libc_rseq();
	a.cpu_id = 12345;
	SHOW(syscall(SYS_rseq, &a, 32, 0, SIG));
	syscall(SYS_getcpu, &cpu, NULL, NULL);
	FACT("cpu_id is getcpu's", a.cpu_id == cpu);
	FACT("cpu_id_start is cpu_id", a.cpu_id_start == a.cpu_id);
	printf("node_id %u mm_cid %u\n", a.node_id, a.mm_cid);
	sched_getaffinity(0, sizeof(all), &all);
	for (int i = 0; i < CPU_SETSIZE; i++) {
		if (!CPU_ISSET(i, &all))
			continue;
		CPU_ZERO(&one);
		CPU_SET(i, &one);
		sched_setaffinity(0, sizeof(one), &one);
		/* the ids are written on the way back to user mode */
		if (a.cpu_id != (unsigned)i || a.cpu_id_start != (unsigned)i)
			matched = 0;
		moved++;
	}
	FACT("cpu_id followed every pinning", matched && moved == CPU_COUNT(&all));
	sched_setaffinity(0, sizeof(all), &all);
	SHOW(syscall(SYS_rseq, &a, 32, 1, SIG));
	return 0;
}
