/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* rseq: a signal delivered inside a critical section resumes at its abort handler; rseq_cs is cleared. */
/* abi: glibc */
#include "abi.h"

#include <stdint.h>
#include <sys/time.h>

#define SIG 0x53053053
struct area {
	uint32_t cpu_id_start, cpu_id;
	uint64_t rseq_cs;
	uint32_t flags, node_id, mm_cid;
} __attribute__((aligned(32)));
static struct area a;
static volatile int flag;

extern const unsigned int __rseq_size __attribute__((weak));
extern const long __rseq_offset __attribute__((weak));
static void drop_libc_rseq(void)
{
	if (&__rseq_size && __rseq_size)
		syscall(SYS_rseq, (char *)__builtin_thread_pointer() + __rseq_offset, 32, 1, SIG);
}

static void on_alarm(int sig __attribute__((unused)))
{
	flag = 1;
}

/* Spin inside the critical section [1b, 2b) until the handler sets the
 * flag; 1 if it left through the abort handler at 4f. */
static int spin_in_cs(void)
{
	int aborted;

	__asm__ volatile(".pushsection .data.rel.ro, \"aw\"\n"
			 ".balign 32\n"
			 "3: .long 0, 0\n"
			 ".quad 1f, 2f - 1f, 4f\n"
			 ".popsection\n"
			 "leaq 3b(%%rip), %%rax\n"
			 "movq %%rax, %[cs]\n"
			 "1: cmpl $0, %[flag]\n"
			 "je 1b\n"
			 "2: movl $0, %[ab]\n"
			 "jmp 5f\n"
			 ".long 0x53053053\n"
			 "4: movl $1, %[ab]\n"
			 "5:\n"
			 : [ab] "=r"(aborted), [cs] "=m"(a.rseq_cs)
			 : [flag] "m"(flag)
			 : "rax", "memory", "cc");
	return aborted;
}

int main(void)
{
	struct itimerval it = {.it_value = {0, 20000}};

	drop_libc_rseq();
	signal(SIGALRM, on_alarm);
	SHOW(syscall(SYS_rseq, &a, 32, 0, SIG));
	SHOW(setitimer(ITIMER_REAL, &it, NULL));
	FACT("left through the abort handler", spin_in_cs());
	FACT("rseq_cs cleared", a.rseq_cs == 0);
	SHOW(syscall(SYS_rseq, &a, 32, 1, SIG));
	return 0;
}
