/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* futex: FUTEX_WAKE_OP wakes on the second futex only when the old value passes its comparison. */
/* abi: glibc */
#include "abi.h"

#include <linux/futex.h>
#include <stdint.h>
#include <sys/mman.h>

static uint32_t *w;

static long wake_op(int cmp, int cmparg)
{
	/* SET 5 keeps the value the sleeper waits on */
	return syscall(SYS_futex, &w[0], FUTEX_WAKE_OP, 1, (void *)1, &w[1],
		       FUTEX_OP(FUTEX_OP_SET, 5, cmp, cmparg));
}

static void try(const char *name, int cmp, int no, int yes)
{
	long r = 0;
	pid_t pid = fork();

	if (pid == 0)
		_exit(syscall(SYS_futex, &w[1], FUTEX_WAIT, 5, NULL, NULL, 0) == 0 ? 0 : 1);
	printf("%s %d: %ld\n", name, no, wake_op(cmp, no));
	for (int i = 0; i < 5000 && r == 0; i++) {
		r = wake_op(cmp, yes);
		if (!r)
			usleep(1000);
	}
	printf("%s %d: %ld\n", name, yes, r);
	abi_wait_child("waiter", pid);
}

int main(void)
{
	w = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	CHECK(w != MAP_FAILED);
	w[0] = 0;
	w[1] = 5;
	try("EQ", FUTEX_OP_CMP_EQ, 4, 5);
	try("NE", FUTEX_OP_CMP_NE, 5, 4);
	try("LT", FUTEX_OP_CMP_LT, 5, 6);
	try("LE", FUTEX_OP_CMP_LE, 4, 5);
	try("GT", FUTEX_OP_CMP_GT, 5, 4);
	try("GE", FUTEX_OP_CMP_GE, 6, 5);
	try("GT signed", FUTEX_OP_CMP_GT, 0x7ff, -1);
	return 0;
}
