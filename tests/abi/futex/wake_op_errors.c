/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* futex: FUTEX_WAKE_OP's EINVAL, EFAULT (unmapped or read-only word) and ENOSYS. */
/* abi: glibc */
#include "abi.h"

#include <linux/futex.h>
#include <stdint.h>
#include <sys/mman.h>

static long wake_op(void *u1, int op, void *u2, uint32_t encoded)
{
	return syscall(SYS_futex, u1, op, 1, (void *)1, u2, encoded);
}

int main(void)
{
	static uint32_t w[2];
	char *b = (char *)w;
	uint32_t *ro = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	uint32_t add = FUTEX_OP(FUTEX_OP_ADD, 1, 0, 0);

	CHECK(ro != MAP_FAILED);
	SHOW(wake_op(w, FUTEX_WAKE_OP, &w[1], add));
	SHOW(wake_op(b + 1, FUTEX_WAKE_OP, &w[1], add));
	SHOW(wake_op(w, FUTEX_WAKE_OP, b + 5, add));
	SHOW(wake_op(w, FUTEX_WAKE_OP, ABI_BADPTR, add));
	SHOW(wake_op(w, FUTEX_WAKE_OP_PRIVATE, ABI_BADPTR, add));
	SHOW(wake_op(w, FUTEX_WAKE_OP_PRIVATE, ABI_KERNPTR, add));
	SHOW(wake_op(ABI_BADPTR, FUTEX_WAKE_OP, &w[1], add));
	SHOW(wake_op(ABI_BADPTR, FUTEX_WAKE_OP_PRIVATE, &w[1], add));
	/* read-only: the store faults */
	SHOW(wake_op(w, FUTEX_WAKE_OP, ro, add));
	SHOW(wake_op(w, FUTEX_WAKE_OP_PRIVATE, ro, add));
	printf("ro word = %u\n", *ro);
	/* an unknown operation: ENOSYS before the word is touched */
	SHOW(wake_op(w, FUTEX_WAKE_OP_PRIVATE, ABI_BADPTR, FUTEX_OP(6, 1, 0, 0)));
	SHOW(wake_op(w, FUTEX_WAKE_OP_PRIVATE, ro, FUTEX_OP(6, 1, 0, 0)));
	SHOW(wake_op(w, FUTEX_WAKE_OP | FUTEX_CLOCK_REALTIME, &w[1], add));
	printf("w[1] = %u\n", w[1]);
	return 0;
}
