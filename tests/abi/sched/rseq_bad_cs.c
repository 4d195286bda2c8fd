/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* rseq: a critical section whose abort handler lacks the signature, or a bad rseq_cs pointer, is SIGSEGV. */
/* abi: glibc */
#include "abi.h"

#include <stdint.h>

#define SIG 0x53053053
struct area {
	uint32_t cpu_id_start, cpu_id;
	uint64_t rseq_cs;
	uint32_t flags, node_id, mm_cid;
} __attribute__((aligned(32)));
static struct area a;
static struct {
	uint32_t version, flags;
	uint64_t start_ip, post_commit_offset, abort_ip;
} __attribute__((aligned(32))) desc;
static const uint32_t wrong_sig[2] = {0x12345678, 0};

extern const unsigned int __rseq_size __attribute__((weak));
extern const long __rseq_offset __attribute__((weak));
static void drop_libc_rseq(void)
{
	if (&__rseq_size && __rseq_size)
		syscall(SYS_rseq, (char *)__builtin_thread_pointer() + __rseq_offset, 32, 1, SIG);
}

static void on_usr1(int sig __attribute__((unused)))
{
}

/* Register, point rseq_cs at `cs` and raise a signal: setting up its
 * handler checks the critical section descriptor. */
static int child(void *cs)
{
	drop_libc_rseq();
	signal(SIGUSR1, on_usr1);
	if (syscall(SYS_rseq, &a, 32, 0, SIG))
		return 3;
	a.rseq_cs = (uintptr_t)cs;
	raise(SIGUSR1);
	a.rseq_cs = 0;
	return 0;
}

int main(void)
{
	desc.start_ip = 0x1000;
	desc.post_commit_offset = 0x10;
	desc.abort_ip = (uintptr_t)&wrong_sig[1];
	abi_run_child("abort without the signature", child, &desc);
	abi_run_child("rseq_cs unmapped", child, ABI_BADPTR);
	desc.version = 1;
	abi_run_child("version 1", child, &desc);
	desc.version = 0;
	desc.abort_ip = 0x1008; /* inside the section */
	abi_run_child("abort inside the section", child, &desc);
	abi_run_child("rseq_cs NULL", child, NULL);
	return 0;
}
